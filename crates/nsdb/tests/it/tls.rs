//! HTTPS and client certificates (issue 8, "Only known institutions reach it"): the server
//! speaks only TLS on its port, requires with `--client-ca` a client certificate of that CA,
//! and admits an account only from a certificate its 自治体 registered with its institution
//! (other accounts: from a certificate registered with no institution).
use crate::harness::*;
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use tempfile::TempDir;

/// A test certificate authority and the files made with it.
struct Pki {
    dir: TempDir,
    ca: CertifiedIssuer<'static, KeyPair>,
}

/// A client certificate with its key (PEM, as reqwest's identity wants it) and its SHA-256
/// fingerprint as `openssl x509 -fingerprint -sha256` prints it.
struct ClientIdentity {
    pem: String,
    fingerprint: String,
}

impl Pki {
    fn new(name: &str) -> Self {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.distinguished_name.push(DnType::CommonName, name);
        params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let key = KeyPair::generate().expect("CA key");
        Self {
            dir: tempfile::Builder::new()
                .prefix("nsdb-pki-")
                .tempdir()
                .expect("temp dir"),
            ca: CertifiedIssuer::self_signed(params, key).expect("CA certificate"),
        }
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("write PEM");
        path
    }

    fn ca_pem(&self) -> String {
        self.ca.pem()
    }

    fn ca_file(&self) -> PathBuf {
        self.write("ca.pem", &self.ca_pem())
    }

    /// A certificate for the server at 127.0.0.1: (chain file, key file).
    fn server_files(&self) -> (PathBuf, PathBuf) {
        let mut params = CertificateParams::new(vec!["127.0.0.1".to_owned()]).expect("params");
        params
            .distinguished_name
            .push(DnType::CommonName, "nsdb test server");
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let key = KeyPair::generate().expect("server key");
        let cert = params
            .signed_by(&key, &self.ca)
            .expect("server certificate");
        (
            self.write("server.pem", &cert.pem()),
            self.write("server-key.pem", &key.serialize_pem()),
        )
    }

    fn client(&self, common_name: &str) -> ClientIdentity {
        let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
        params
            .distinguished_name
            .push(DnType::CommonName, common_name);
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let key = KeyPair::generate().expect("client key");
        let cert = params
            .signed_by(&key, &self.ca)
            .expect("client certificate");
        let fingerprint = Sha256::digest(cert.der())
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<Vec<_>>()
            .join(":");
        ClientIdentity {
            pem: format!("{}{}", cert.pem(), key.serialize_pem()),
            fingerprint,
        }
    }

    /// Server options: HTTPS with this CA's server certificate, requiring client
    /// certificates of `client_ca` when given.
    fn tls(&self, client_ca: Option<PathBuf>) -> TlsOptions {
        let (cert, key) = self.server_files();
        TlsOptions {
            cert,
            key,
            client_ca,
            server_ca_pem: self.ca_pem(),
        }
    }
}

fn port_of(base: &str) -> &str {
    base.rsplit(':').next().expect("port")
}

/// Logs in through the HTML form (`POST /login`) with `http` and returns the answer.
async fn browser_login(http: &reqwest::Client, app: &TestApp, who: Who) -> reqwest::Response {
    let l = app.demo(who).clone();
    let form = reqwest::multipart::Form::new()
        .text("login_id", l.login_id.clone())
        .text("password", l.password.clone())
        .text("key_file", l.key_text());
    http.post(format!("{}/login", app.base))
        .multipart(form)
        .send()
        .await
        .expect("POST /login")
}

fn register_body(fingerprint: &str, label: &str) -> serde_json::Value {
    json!({"fingerprint": fingerprint, "label": label})
}

#[tokio::test]
async fn https_serves_with_secure_cookies_and_plain_http_is_refused_on_that_port() {
    let pki = Pki::new("NSDB test CA");
    let app = TestApp::builder().tls(pki.tls(None)).spawn().await;
    assert!(app.base.starts_with("https://127.0.0.1:"), "{}", app.base);
    assert!(
        app.startup_output.contains("Open https://127.0.0.1:"),
        "the demo points to the HTTPS address: {}",
        app.startup_output
    );
    let health = app.anonymous().get("/health").await;
    assert_eq!(health.status, 200, "{}", health.text);
    app.login(TOKYO_ADMIN).await.me().await.expect(200);

    let without_redirects = https_client_builder(&pki.ca_pem(), None)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let page = browser_login(&without_redirects, &app, TOKYO_ADMIN).await;
    let cookie = page
        .headers()
        .get(reqwest::header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        cookie.starts_with("nsdb_session=") && cookie.contains("; Secure"),
        "session cookie over HTTPS must be Secure: {cookie:?} ({})",
        page.status()
    );

    let plain = reqwest::Client::new()
        .get(format!(
            "http://127.0.0.1:{}/api/v1/health",
            port_of(&app.base)
        ))
        .send()
        .await;
    assert!(
        plain.is_err(),
        "plain HTTP on the HTTPS port must not be answered: {plain:?}"
    );
}

#[tokio::test]
async fn the_server_refuses_to_start_on_missing_or_unusable_tls_files() {
    let pki = Pki::new("NSDB test CA");
    let (cert, key) = pki.server_files();
    let data = tempfile::tempdir().expect("temp dir");
    let data_dir = data.path().to_str().expect("utf-8 path");
    let missing = pki.dir.path().join("no-such.pem");
    let not_pem = pki.write("not-pem.txt", "これは証明書ではありません\n");
    let other_key = pki.write(
        "other-key.pem",
        &KeyPair::generate().expect("key").serialize_pem(),
    );
    let path = |p: &PathBuf| p.to_str().expect("utf-8 path").to_owned();
    let cases: Vec<(Vec<String>, String)> = vec![
        (
            vec![
                "--tls-cert".into(),
                path(&missing),
                "--tls-key".into(),
                path(&key),
            ],
            path(&missing),
        ),
        (
            vec![
                "--tls-cert".into(),
                path(&cert),
                "--tls-key".into(),
                path(&missing),
            ],
            path(&missing),
        ),
        (
            vec![
                "--tls-cert".into(),
                path(&not_pem),
                "--tls-key".into(),
                path(&key),
            ],
            path(&not_pem),
        ),
        (
            vec![
                "--tls-cert".into(),
                path(&cert),
                "--tls-key".into(),
                path(&other_key),
            ],
            path(&other_key),
        ),
        (
            vec![
                "--tls-cert".into(),
                path(&cert),
                "--tls-key".into(),
                path(&key),
                "--client-ca".into(),
                path(&not_pem),
            ],
            path(&not_pem),
        ),
    ];
    for (tls_args, named) in cases {
        let mut args = vec!["serve", "--listen", "127.0.0.1:0", "--data-dir", data_dir];
        args.extend(tls_args.iter().map(String::as_str));
        let out = run_cli(&args);
        assert_eq!(out.code, Some(2), "{args:?}: {out:?}");
        assert!(
            out.stderr.contains(&named),
            "the message names the file {named}: {}",
            out.stderr
        );
        assert!(!out.stdout.contains("NSDB listening"), "{out:?}");
    }
    // --tls-key alone (and --client-ca without --tls-cert) is a usage error.
    let out = run_cli(&["serve", "--data-dir", data_dir, "--tls-key", &path(&key)]);
    assert_eq!(out.code, Some(2), "{out:?}");
    assert!(out.stderr.contains("--tls-cert"), "{}", out.stderr);
    assert!(
        !data.path().join("nsdb.sqlite3").exists(),
        "no database is made by a refused start"
    );
}

#[tokio::test]
async fn client_certificates_are_required_and_must_come_from_the_client_ca() {
    let pki = Pki::new("NSDB test CA");
    let stranger = Pki::new("Some other CA");
    let mut app = TestApp::builder()
        .tls(pki.tls(Some(pki.ca_file())))
        .spawn()
        .await;
    let health = |http: reqwest::Client, base: String| async move {
        http.get(format!("{base}/api/v1/health")).send().await
    };
    // No client certificate: refused at the handshake.
    let r = health(app.http.clone(), app.base.clone()).await;
    assert!(r.is_err(), "no client certificate: {r:?}");
    // A certificate of another CA: refused at the handshake.
    app.use_identity(Some(&stranger.client("stranger").pem));
    let r = health(app.http.clone(), app.base.clone()).await;
    assert!(r.is_err(), "certificate of another CA: {r:?}");
    // A certificate of the CA, registered with no institution: the connection is taken; the
    // 自治体 logs in, an institution's clerk does not.
    app.use_identity(Some(&pki.client("municipality terminal").pem));
    let r = health(app.http.clone(), app.base.clone())
        .await
        .expect("HTTPS with a client certificate of the CA");
    assert_eq!(r.status(), 200);
    app.login(TOKYO_ADMIN).await.me().await.expect(200);
    let clerk = app.demo(TOKYO_CLERK).clone();
    app.create_session(&clerk.login_id, &clerk.password, Some(&clerk.key_text()))
        .await
        .expect(403)
        .expect_message_contains("証明書");
}

#[tokio::test]
async fn a_registered_certificate_admits_only_its_institutions_accounts_until_revoked() {
    let pki = Pki::new("NSDB test CA");
    let mut app = TestApp::builder()
        .tls(pki.tls(Some(pki.ca_file())))
        .spawn()
        .await;
    let municipality_terminal = pki.client("東京都 端末");
    let hospital_terminal = pki.client("都立中央総合病院 受付端末");

    app.use_identity(Some(&municipality_terminal.pem));
    let tokyo = app.login(TOKYO_ADMIN).await;
    let path = format!("/institutions/{TOKYO_HOSPITAL_CODE}/certificates");
    let r = tokyo
        .post(
            &path,
            &register_body(&hospital_terminal.fingerprint, "受付端末1"),
        )
        .await;
    r.expect(201);
    assert_eq!(r.body["fingerprint"], json!(hospital_terminal.fingerprint));
    assert_eq!(r.body["active"], json!(true));
    let certificate_id = r.body["id"].as_str().expect("id").to_owned();

    // From the hospital's terminal: its clerk logs in and works; another institution's
    // clerk and the 自治体 do not; the 自治体's session is refused from there too.
    app.use_identity(Some(&hospital_terminal.pem));
    let clerk = app.login(TOKYO_CLERK).await;
    clerk.me().await.expect(200);
    for who in [YOKOHAMA_CLERK, TOKYO_ADMIN] {
        let l = app.demo(who).clone();
        app.create_session(&l.login_id, &l.password, Some(&l.key_text()))
            .await
            .expect(403)
            .expect_message_contains("証明書");
    }
    let tokyo_from_hospital =
        app.client_with_token(&tokyo.login_id, tokyo.token.as_deref().expect("token"));
    tokyo_from_hospital.me().await.expect(403);
    // The browser's log-in answers with the Japanese page.
    let page = browser_login(&app.http, &app, YOKOHAMA_CLERK).await;
    assert_eq!(page.status(), 403);
    assert!(page
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html")));
    let html = page.text().await.expect("page");
    assert!(html.contains("証明書"), "{html}");

    // The clerk's session does not follow to another terminal.
    app.use_identity(Some(&municipality_terminal.pem));
    app.client_with_token(&clerk.login_id, clerk.token.as_deref().expect("token"))
        .me()
        .await
        .expect(403);
    // Refused log-ins are in the operation log.
    let logs = tokyo
        .get(&format!(
            "/operation-logs?actor={}&action=login",
            app.demo(TOKYO_ADMIN).login_id
        ))
        .await;
    logs.expect(200);
    assert!(
        logs.text.contains("client_certificate"),
        "refused log-in logged: {}",
        logs.text
    );

    // Revoked: the certificate admits no one any more, and the open session ends there.
    tokyo
        .post_empty(&format!("{path}/{certificate_id}/revocation"))
        .await
        .expect(200);
    app.use_identity(Some(&hospital_terminal.pem));
    app.client_with_token(&clerk.login_id, clerk.token.as_deref().expect("token"))
        .me()
        .await
        .expect(403);
    let l = app.demo(TOKYO_CLERK).clone();
    app.create_session(&l.login_id, &l.password, Some(&l.key_text()))
        .await
        .expect(403);
}

#[tokio::test]
async fn only_the_registering_municipality_manages_an_institutions_certificates() {
    // The API and the screen work the same without TLS (the rule applies with --client-ca).
    let app = TestApp::spawn().await;
    let pki = Pki::new("NSDB test CA");
    let terminal = pki.client("受付端末");
    let path = format!("/institutions/{TOKYO_HOSPITAL_CODE}/certificates");
    let tokyo = app.login(TOKYO_USER).await;
    let yokohama = app.login(YOKOHAMA_ADMIN).await;

    // Outside its scope, 404 (as for the institution itself); not a 自治体, 403.
    yokohama
        .post(&path, &register_body(&terminal.fingerprint, "端末"))
        .await
        .expect(404);
    yokohama.get(&path).await.expect(404);
    app.login(TOKYO_MANAGER)
        .await
        .post(&path, &register_body(&terminal.fingerprint, "端末"))
        .await
        .expect(403);
    tokyo
        .post(
            "/institutions/1310000000/certificates",
            &register_body(&terminal.fingerprint, "端末"),
        )
        .await
        .expect(404);

    // The owning 自治体 (a 一般ユーザ too) registers it, in openssl's output format too.
    let r = tokyo
        .post(
            &path,
            &register_body(
                &format!("sha256 Fingerprint={}", terminal.fingerprint),
                "受付端末1",
            ),
        )
        .await;
    r.expect(201);
    let id = r.body["id"].as_str().expect("id").to_owned();
    tokyo
        .post(
            &path,
            &register_body(&terminal.fingerprint.to_lowercase(), "同じ"),
        )
        .await
        .expect(409);
    tokyo
        .post(&path, &register_body("AB:CD", "短い"))
        .await
        .expect_invalid("証明書のフィンガープリント");
    tokyo
        .post(&path, &register_body(&terminal.fingerprint, " "))
        .await
        .expect_invalid("label");
    let list = tokyo.get(&path).await;
    list.expect(200);
    assert_eq!(list.body.as_array().map(Vec::len), Some(1), "{}", list.text);
    assert_eq!(list.body[0]["label"], json!("受付端末1"));

    // Revocation: others 404, the owner 200 once, then 409.
    let revoke = format!("{path}/{id}/revocation");
    yokohama.post_empty(&revoke).await.expect(404);
    tokyo
        .post_empty(&format!("{path}/no-such-id/revocation"))
        .await
        .expect(404);
    let r = tokyo.post_empty(&revoke).await;
    r.expect(200);
    assert_eq!(r.body["active"], json!(false));
    assert!(r.body["revoked_at"].is_string(), "{}", r.text);
    tokyo.post_empty(&revoke).await.expect(409);
    // Registered again after the revocation: a new registration.
    tokyo
        .post(&path, &register_body(&terminal.fingerprint, "受付端末1"))
        .await
        .expect(201);

    // Both changes are in the operation log, in the 自治体's scope.
    for action in [
        "register_institution_certificate",
        "revoke_institution_certificate",
    ] {
        let logs = tokyo.get(&format!("/operation-logs?action={action}")).await;
        logs.expect(200);
        assert!(
            logs.text.contains(&terminal.fingerprint),
            "{action}: {}",
            logs.text
        );
        let elsewhere = yokohama
            .get(&format!("/operation-logs?action={action}"))
            .await;
        assert_eq!(elsewhere.body["total"], json!(0), "{}", elsewhere.text);
    }
}

#[tokio::test]
async fn the_institution_screen_registers_and_revokes_certificates_without_javascript() {
    let app = TestApp::spawn().await;
    let pki = Pki::new("NSDB test CA");
    let terminal = pki.client("受付端末");
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let r = browser_login(&browser, &app, TOKYO_ADMIN).await;
    assert_eq!(r.status(), 200, "after the redirect to the home page");

    let list = browser
        .get(format!("{}/institutions", app.base))
        .send()
        .await
        .expect("institutions")
        .text()
        .await
        .expect("page");
    let page_path = format!("/institutions/{TOKYO_HOSPITAL_CODE}/certificates");
    assert!(list.contains(&format!("href=\"{page_path}\"")), "{list}");

    let page = browser
        .get(format!("{}{page_path}", app.base))
        .send()
        .await
        .expect("certificates page")
        .text()
        .await
        .expect("page");
    for labelled in ["label", "fingerprint"] {
        assert!(
            page.contains(&format!("<label for=\"{labelled}\">"))
                && page.contains(&format!("id=\"{labelled}\"")),
            "field {labelled} is labelled: {page}"
        );
    }
    let csrf = page
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("csrf token")
        .to_owned();
    let r = browser
        .post(format!("{}{page_path}", app.base))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("label", "受付端末1"),
            ("fingerprint", terminal.fingerprint.as_str()),
        ])
        .send()
        .await
        .expect("register");
    assert_eq!(r.status(), 200, "after the redirect");
    let page = r.text().await.expect("page");
    assert!(page.contains("証明書を登録しました"), "{page}");
    assert!(page.contains(&terminal.fingerprint), "{page}");
    assert!(page.contains("有効"), "{page}");

    // A wrong fingerprint: the page again, with the message next to the field and the
    // typed name kept.
    let r = browser
        .post(format!("{}{page_path}", app.base))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("label", "受付端末2"),
            ("fingerprint", "12:34"),
        ])
        .send()
        .await
        .expect("register");
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("page");
    assert!(page.contains("class=\"field-error\""), "{page}");
    assert!(page.contains("value=\"受付端末2\""), "{page}");

    let id = app.login(TOKYO_ADMIN).await.get(&page_path).await.body[0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let r = browser
        .post(format!("{}{page_path}/{id}/revoke", app.base))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("revoke");
    assert_eq!(r.status(), 200, "after the redirect");
    let page = r.text().await.expect("page");
    assert!(page.contains("証明書を失効させました"), "{page}");
    assert!(
        !page.contains(&format!("{id}/revoke")),
        "a revoked certificate has no revoke button: {page}"
    );
}

#[tokio::test]
async fn a_doctor_uses_the_certificate_of_an_institution_where_his_concurrent_post_is_approved() {
    let pki = Pki::new("NSDB test CA");
    let mut app = TestApp::builder()
        .tls(pki.tls(Some(pki.ca_file())))
        .spawn()
        .await;
    let yokohama_terminal = pki.client("横浜みなと医療センター 端末");
    let tokyo_terminal = pki.client("都立中央総合病院 端末");
    let municipality_terminal = pki.client("自治体 端末");

    app.use_identity(Some(&municipality_terminal.pem));
    app.login(YOKOHAMA_ADMIN)
        .await
        .post(
            &format!("/institutions/{YOKOHAMA_HOSPITAL_CODE}/certificates"),
            &register_body(&yokohama_terminal.fingerprint, "端末"),
        )
        .await
        .expect(201);
    app.login(TOKYO_ADMIN)
        .await
        .post(
            &format!("/institutions/{TOKYO_HOSPITAL_CODE}/certificates"),
            &register_body(&tokyo_terminal.fingerprint, "端末"),
        )
        .await
        .expect(201);

    // The Tokyo doctor applies for a 兼務 at the Yokohama hospital from his own terminal.
    app.use_identity(Some(&tokyo_terminal.pem));
    let application = app
        .login(TOKYO_DOCTOR)
        .await
        .post(
            "/concurrent-assignments",
            &json!({"institution_code": YOKOHAMA_HOSPITAL_CODE}),
        )
        .await;
    application.expect(201);
    let id = application.body["id"].as_str().expect("id").to_owned();

    // Pending: the Yokohama terminal does not admit him yet.
    app.use_identity(Some(&yokohama_terminal.pem));
    let doctor = app.demo(TOKYO_DOCTOR).clone();
    app.create_session(&doctor.login_id, &doctor.password, Some(&doctor.key_text()))
        .await
        .expect(403);
    // Approved by the Yokohama 責任者 (from the Yokohama terminal): now it does.
    app.login(YOKOHAMA_MANAGER)
        .await
        .post(
            &format!("/concurrent-assignments/{id}/decision"),
            &json!({"approve": true}),
        )
        .await
        .expect(200);
    app.login(TOKYO_DOCTOR).await.me().await.expect(200);
    // 兼務 is the doctor's: a clerk of his hospital still cannot use the Yokohama terminal.
    let clerk = app.demo(TOKYO_CLERK).clone();
    app.create_session(&clerk.login_id, &clerk.password, Some(&clerk.key_text()))
        .await
        .expect(403);
}
