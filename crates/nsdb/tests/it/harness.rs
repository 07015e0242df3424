//! Test harness: runs the real `nsdb` binary per test, on its own temporary data
//! directory and (with `NSDB_TEST_DATABASE_URL`) its own fresh PostgreSQL database.
#![allow(dead_code)]

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde::Deserialize;
use serde_json::{json, Value};
use sqlx::Connection;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_nsdb");

/// Password every demo account has (demo data only); also a password that meets the policy.
pub const DEMO_PASSWORD: &str = "demo-pass-2026!";
/// A new password that meets the policy (12+ characters, two kinds).
pub const GOOD_PASSWORD: &str = "Kyoto-Sakura-2031";

pub const TOKYO: &str = "東京都";
pub const YOKOHAMA: &str = "横浜市";
pub const TOKYO_HOSPITAL: &str = "都立中央総合病院";
pub const YOKOHAMA_HOSPITAL: &str = "横浜みなと医療センター";
pub const TOKYO_HOSPITAL_CODE: &str = "1310123458";
pub const YOKOHAMA_HOSPITAL_CODE: &str = "1410123457";

/// One entry of `<data-dir>/demo-logins.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct DemoLogin {
    pub login_id: String,
    pub password: String,
    pub key_file: String,
    pub organization: String,
    pub role: String,
    pub is_manager: bool,
    pub program: Option<String>,
    pub name: String,
}

impl DemoLogin {
    pub fn key_text(&self) -> String {
        std::fs::read_to_string(&self.key_file)
            .unwrap_or_else(|e| panic!("key file {}: {e}", self.key_file))
    }
}

/// Picks a demo account: role, and optionally organization, 責任者 flag, program, name.
#[derive(Debug, Clone, Copy)]
pub struct Who {
    pub role: &'static str,
    pub org: Option<&'static str>,
    pub manager: Option<bool>,
    pub program: Option<&'static str>,
    pub name: Option<&'static str>,
}

impl Who {
    pub const fn role(role: &'static str) -> Self {
        Self {
            role,
            org: None,
            manager: None,
            program: None,
            name: None,
        }
    }
    pub const fn of(mut self, org: &'static str) -> Self {
        self.org = Some(org);
        self
    }
    pub const fn manager(mut self, m: bool) -> Self {
        self.manager = Some(m);
        self
    }
    pub const fn program(mut self, p: &'static str) -> Self {
        self.program = Some(p);
        self
    }
    pub const fn named(mut self, n: &'static str) -> Self {
        self.name = Some(n);
        self
    }
}

pub const MINISTRY_ADMIN: Who = Who::role("ministry_admin");
pub const MINISTRY_USER: Who = Who::role("ministry_user");
pub const OPERATOR_ADMIN: Who = Who::role("operator_admin");
pub const OPERATOR_USER: Who = Who::role("operator_user");
pub const TOKYO_ADMIN: Who = Who::role("municipality_admin").of(TOKYO);
pub const TOKYO_USER: Who = Who::role("municipality_user").of(TOKYO);
pub const YOKOHAMA_ADMIN: Who = Who::role("municipality_admin").of(YOKOHAMA);
pub const YOKOHAMA_USER: Who = Who::role("municipality_user").of(YOKOHAMA);
/// 山田 太郎: the first (難病) doctor of the Tokyo hospital, hence its 責任者.
pub const TOKYO_MANAGER: Who = Who::role("doctor").of(TOKYO_HOSPITAL).manager(true);
/// 鈴木 一郎: 小慢 指定医 of the Tokyo hospital, not 責任者.
pub const TOKYO_DOCTOR: Who = Who::role("doctor")
    .of(TOKYO_HOSPITAL)
    .manager(false)
    .program("shoman");
/// 渡辺 誠: 難病 指定医 of the Tokyo hospital whose designation has expired.
pub const TOKYO_EXPIRED_DOCTOR: Who = Who::role("doctor").of(TOKYO_HOSPITAL).named("渡辺");
pub const TOKYO_COOPERATING: Who = Who::role("cooperating_doctor").of(TOKYO_HOSPITAL);
pub const TOKYO_CLERK: Who = Who::role("clerk").of(TOKYO_HOSPITAL);
pub const YOKOHAMA_MANAGER: Who = Who::role("doctor").of(YOKOHAMA_HOSPITAL).manager(true);
pub const YOKOHAMA_DOCTOR: Who = Who::role("doctor")
    .of(YOKOHAMA_HOSPITAL)
    .manager(false)
    .program("shoman");
pub const YOKOHAMA_EXPIRED_DOCTOR: Who = Who::role("doctor").of(YOKOHAMA_HOSPITAL).named("中村");
pub const YOKOHAMA_COOPERATING: Who = Who::role("cooperating_doctor").of(YOKOHAMA_HOSPITAL);
pub const YOKOHAMA_CLERK: Who = Who::role("clerk").of(YOKOHAMA_HOSPITAL);

/// Where the server keeps its data.
pub enum Database {
    /// The embedded SQLite file in the data directory.
    Sqlite,
    /// A fresh PostgreSQL database made for this test (dropped afterwards).
    Postgres { admin_url: String, name: String },
}

impl Database {
    /// A fresh database: PostgreSQL when `NSDB_TEST_DATABASE_URL` is set, else SQLite.
    pub async fn fresh() -> Self {
        match std::env::var("NSDB_TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.trim().is_empty() => {
                let name = format!("t_{}", uuid::Uuid::now_v7().simple());
                let mut conn = connect_postgres(&admin_url).await;
                sqlx::raw_sql(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
                let _ = conn.close().await;
                Database::Postgres { admin_url, name }
            }
            _ => Database::Sqlite,
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Database::Postgres { .. })
    }

    /// The `--database-url` to pass, if any.
    pub fn server_url(&self) -> Option<String> {
        match self {
            Database::Sqlite => None,
            Database::Postgres { admin_url, name } => Some(replace_db_name(admin_url, name)),
        }
    }

    /// The URL to open the database with: the SQLite file `file` in `data_dir`, or PostgreSQL.
    pub fn url_for(&self, data_dir: &Path, file: &str) -> String {
        self.server_url()
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join(file).display()))
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Database::Postgres { admin_url, name } = self {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Best effort, on a thread of its own: Drop may run inside a runtime.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .ok()?;
                rt.block_on(async {
                    let mut conn = sqlx::PgConnection::connect(&admin_url).await.ok()?;
                    sqlx::raw_sql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(&mut conn)
                        .await
                        .ok()?;
                    conn.close().await.ok()
                })
            })
            .join();
        }
    }
}

async fn connect_postgres(url: &str) -> sqlx::PgConnection {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match sqlx::PgConnection::connect(url).await {
            Ok(c) => return c,
            Err(e) if Instant::now() < deadline => {
                eprintln!("waiting for PostgreSQL at {url}: {e}");
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
            Err(e) => panic!("cannot connect to NSDB_TEST_DATABASE_URL {url}: {e}"),
        }
    }
}

/// `postgres://u@h:p/postgres?x` with the database name replaced.
fn replace_db_name(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{name}?{q}"),
        None => format!("{host_part}/{name}"),
    }
}

/// HTTPS for a server start: the PEM files for `--tls-cert`, `--tls-key` and optionally
/// `--client-ca`, and the CA certificate (PEM) the test clients trust for the server's.
#[derive(Debug, Clone)]
pub struct TlsOptions {
    pub cert: PathBuf,
    pub key: PathBuf,
    pub client_ca: Option<PathBuf>,
    pub server_ca_pem: String,
}

/// A reqwest client (builder) that trusts only `server_ca_pem`, presenting `identity_pem`
/// (certificate and PKCS#8 key, PEM) as its client certificate when given.
pub fn https_client_builder(
    server_ca_pem: &str,
    identity_pem: Option<&str>,
) -> reqwest::ClientBuilder {
    let ca = reqwest::Certificate::from_pem(server_ca_pem.as_bytes()).expect("CA PEM");
    let builder = reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(ca);
    match identity_pem {
        Some(pem) => {
            builder.identity(reqwest::Identity::from_pem(pem.as_bytes()).expect("identity PEM"))
        }
        None => builder,
    }
}

fn https_client(server_ca_pem: &str, identity_pem: Option<&str>) -> reqwest::Client {
    https_client_builder(server_ca_pem, identity_pem)
        .build()
        .expect("HTTPS client")
}

/// Options of a server start.
pub struct Builder {
    demo: bool,
    args: Vec<String>,
    data_dir: Option<TempDir>,
    database: Option<Database>,
    tls: Option<TlsOptions>,
}

impl Builder {
    /// Extra command-line arguments for `nsdb serve`.
    pub fn arg(mut self, a: impl Into<String>) -> Self {
        self.args.push(a.into());
        self
    }
    pub fn args<I: IntoIterator<Item = S>, S: Into<String>>(mut self, a: I) -> Self {
        self.args.extend(a.into_iter().map(Into::into));
        self
    }
    /// Without `--demo`: an empty system (or what `data_dir`/`database` already hold).
    pub fn without_demo(mut self) -> Self {
        self.demo = false;
        self
    }
    /// Serves HTTPS (`--tls-cert`, `--tls-key`, and `--client-ca` when given); `TestApp::http`
    /// then trusts the test CA and presents no client certificate (see `TestApp::use_identity`).
    pub fn tls(mut self, tls: TlsOptions) -> Self {
        self.tls = Some(tls);
        self
    }
    /// Runs on an existing data directory and database (e.g. after `nsdb bootstrap`).
    pub fn on(mut self, data_dir: TempDir, database: Database) -> Self {
        self.data_dir = Some(data_dir);
        self.database = Some(database);
        self
    }

    pub async fn spawn(self) -> TestApp {
        let data_dir = match self.data_dir {
            Some(d) => d,
            None => tempfile::Builder::new()
                .prefix("nsdb-it-")
                .tempdir()
                .expect("temp dir"),
        };
        let database = match self.database {
            Some(d) => d,
            None => Database::fresh().await,
        };
        let mut cmd = Command::new(BIN);
        cmd.arg("serve")
            .arg("--listen")
            .arg("127.0.0.1:0")
            .arg("--data-dir")
            .arg(data_dir.path());
        if self.demo {
            cmd.arg("--demo");
        }
        if let Some(url) = database.server_url() {
            // PostgreSQL needs its data key file named (SQLite keeps it in the data dir).
            cmd.arg("--database-url")
                .arg(url)
                .arg("--data-key-file")
                .arg(data_dir.path().join("data-key.json"));
        }
        if let Some(tls) = &self.tls {
            cmd.arg("--tls-cert")
                .arg(&tls.cert)
                .arg("--tls-key")
                .arg(&tls.key);
            if let Some(ca) = &tls.client_ca {
                cmd.arg("--client-ca").arg(ca);
            }
        }
        cmd.args(&self.args);
        // The server's own environment must not leak in (e.g. a developer's NSDB_DATABASE_URL).
        for (k, _) in std::env::vars() {
            if k.starts_with("NSDB_") {
                cmd.env_remove(k);
            }
        }
        let stderr_path = data_dir.path().join("server-stderr.log");
        let stderr = std::fs::File::create(&stderr_path).expect("stderr log");
        cmd.stdout(Stdio::piped()).stderr(Stdio::from(stderr));
        let mut child = cmd.spawn().expect("start nsdb serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel::<(String, String)>();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let mut before = String::new();
            let mut sent = false;
            loop {
                line.clear();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if !sent {
                            if let Some(rest) = line.trim().strip_prefix("NSDB listening on ") {
                                let base = rest.trim_end_matches('/').to_owned();
                                let _ = tx.send((base, std::mem::take(&mut before)));
                                sent = true;
                            } else {
                                before.push_str(&line);
                            }
                        }
                    }
                }
            }
        });
        let (base, startup_output) = match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(b) => b,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                let mut log = String::new();
                let _ =
                    std::fs::File::open(&stderr_path).and_then(|mut f| f.read_to_string(&mut log));
                panic!("nsdb serve did not print `NSDB listening on …`; stderr:\n{log}");
            }
        };
        let logins = if self.demo {
            let path = data_dir.path().join("demo-logins.json");
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            serde_json::from_str(&text).expect("demo-logins.json")
        } else {
            Vec::new()
        };
        let server_ca_pem = self.tls.map(|tls| tls.server_ca_pem);
        TestApp {
            child: Some(child),
            startup_output,
            base,
            http: match &server_ca_pem {
                Some(ca) => https_client(ca, None),
                None => reqwest::Client::new(),
            },
            server_ca_pem,
            logins,
            demo: self.demo,
            database,
            data_dir,
        }
    }
}

pub struct TestApp {
    child: Option<Child>,
    /// What the server printed on stdout before `NSDB listening on …` (the demo log-ins).
    pub startup_output: String,
    /// `http://127.0.0.1:PORT` (`https://` with `Builder::tls`)
    pub base: String,
    pub http: reqwest::Client,
    /// The CA the server's certificate chains to, with `Builder::tls`.
    server_ca_pem: Option<String>,
    pub logins: Vec<DemoLogin>,
    demo: bool,
    // Field order matters for Drop: the server stops (TestApp::drop) before the database goes.
    pub database: Database,
    pub data_dir: TempDir,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.stop();
        if std::thread::panicking() {
            // Show the server's own log next to the failed assertion.
            let log = std::fs::read_to_string(self.data_dir.path().join("server-stderr.log"))
                .unwrap_or_default();
            if !log.trim().is_empty() {
                let tail: Vec<&str> = log.lines().rev().take(40).collect();
                let tail: Vec<&str> = tail.into_iter().rev().collect();
                eprintln!(
                    "--- nsdb serve stderr (last lines) ---\n{}",
                    tail.join("\n")
                );
            }
        }
    }
}

static UNIQUE: AtomicU32 = AtomicU32::new(0);

/// A number unique within the test process (for names and numbers in test data).
pub fn unique() -> u32 {
    UNIQUE.fetch_add(1, Ordering::Relaxed) + 1
}

impl TestApp {
    /// A demo server (`nsdb serve --demo`) with default options.
    pub async fn spawn() -> TestApp {
        Self::builder().spawn().await
    }

    pub fn builder() -> Builder {
        Builder {
            demo: true,
            args: Vec::new(),
            data_dir: None,
            database: None,
            tls: None,
        }
    }

    /// From now on, every client of this app (`anonymous`, `login`, …) connects presenting
    /// `identity_pem` as its client certificate, or none. Needs `Builder::tls`.
    pub fn use_identity(&mut self, identity_pem: Option<&str>) {
        let ca = self
            .server_ca_pem
            .as_deref()
            .expect("use_identity needs a server started with Builder::tls");
        self.http = https_client(ca, identity_pem);
    }

    /// The server's peak resident memory so far (VmHWM, KiB), from /proc.
    pub fn server_peak_memory_kib(&self) -> u64 {
        let pid = self.child.as_ref().expect("server running").id();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmHWM in /proc/PID/status")
    }

    /// Stops the server (idempotent).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn data_path(&self) -> PathBuf {
        self.data_dir.path().to_path_buf()
    }

    /// Stops the server and starts it again on the same data directory and database.
    pub async fn restart(mut self) -> TestApp {
        self.stop();
        let data_dir =
            std::mem::replace(&mut self.data_dir, tempfile::tempdir().expect("temp dir"));
        // Moved out so that dropping `self` does not drop a PostgreSQL test database.
        let database = std::mem::replace(&mut self.database, Database::Sqlite);
        let builder = TestApp::builder().on(data_dir, database);
        let builder = if self.demo {
            builder
        } else {
            builder.without_demo()
        };
        builder.spawn().await
    }

    /// The bytes of the SQLite database file and its write-ahead log, as text (what a copy
    /// of the file would show). Stop the server first.
    pub fn sqlite_file_text(&self) -> String {
        let file = if self.demo {
            "demo.sqlite3"
        } else {
            "nsdb.sqlite3"
        };
        let mut bytes = Vec::new();
        for suffix in ["", "-wal"] {
            let path = self.data_dir.path().join(format!("{file}{suffix}"));
            if let Ok(b) = std::fs::read(path) {
                bytes.extend(b);
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The database URL the server uses (for direct inspection and `nsdb verify-log`).
    pub fn database_url(&self) -> String {
        let file = if self.demo {
            "demo.sqlite3"
        } else {
            "nsdb.sqlite3"
        };
        self.database.url_for(self.data_dir.path(), file)
    }

    /// A screen (not the API) fetched with the session of `token`: status, content type, body.
    pub async fn screen(&self, token: &str, path: &str) -> (u16, String, Vec<u8>) {
        let r = self
            .http
            .get(format!("{}{path}", self.base))
            .header(reqwest::header::COOKIE, format!("nsdb_session={token}"))
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let content_type = r
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        (status, content_type, r.bytes().await.unwrap().to_vec())
    }

    /// Runs SQL directly on the server's database (to simulate time passing or tampering).
    pub async fn sql(&self, statement: &str) {
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&self.database_url())
            .await
            .expect("connect to the test database");
        sqlx::raw_sql(statement)
            .execute(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
        let _ = conn.close().await;
    }

    /// A number read directly from the server's database (what no API shows, such as
    /// which rows are kept).
    pub async fn sql_number(&self, query: &str) -> i64 {
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&self.database_url())
            .await
            .expect("connect to the test database");
        let n: i64 = sqlx::query_scalar(query)
            .fetch_one(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        let _ = conn.close().await;
        n
    }

    pub fn demo(&self, who: Who) -> &DemoLogin {
        self.logins
            .iter()
            .find(|l| {
                l.role == who.role
                    && who.org.is_none_or(|o| l.organization == o)
                    && who.manager.is_none_or(|m| l.is_manager == m)
                    && who.program.is_none_or(|p| l.program.as_deref() == Some(p))
                    && who.name.is_none_or(|n| l.name.contains(n))
            })
            .unwrap_or_else(|| panic!("no demo account matches {who:?}; have {:#?}", self.logins))
    }

    /// A client without a session.
    pub fn anonymous(&self) -> Client {
        Client {
            http: self.http.clone(),
            base: self.base.clone(),
            token: None,
            login_id: String::new(),
        }
    }

    /// Logs in as a demo account with password and key file; panics unless 201 with a full session.
    pub async fn login(&self, who: Who) -> Client {
        let l = self.demo(who).clone();
        self.login_with(&l.login_id, &l.password, Some(&l.key_text()))
            .await
    }

    /// Logs in with the given credentials; panics unless 201 with a full session.
    pub async fn login_with(&self, login_id: &str, password: &str, key: Option<&str>) -> Client {
        let r = self.create_session(login_id, password, key).await;
        assert_eq!(r.status, 201, "log-in of {login_id}: {}", r.text);
        assert_eq!(r.body["first_login"], json!(false), "{}", r.text);
        assert_eq!(
            r.body["key_registration_required"],
            json!(false),
            "{}",
            r.text
        );
        self.client_with_token(login_id, r.body["token"].as_str().expect("token"))
    }

    pub fn client_with_token(&self, login_id: &str, token: &str) -> Client {
        Client {
            http: self.http.clone(),
            base: self.base.clone(),
            token: Some(token.to_owned()),
            login_id: login_id.to_owned(),
        }
    }

    /// POST /sessions (createSession) and the raw answer.
    pub async fn create_session(&self, login_id: &str, password: &str, key: Option<&str>) -> Resp {
        let mut body = json!({"login_id": login_id, "password": password});
        if let Some(k) = key {
            body["key_file"] = json!(k);
        }
        self.anonymous().post("/sessions", &body).await
    }

    /// First log-in of an account with a one-time password: returns a full client and the
    /// key file's text.
    pub async fn first_login(&self, login_id: &str, one_time_password: &str) -> (Client, String) {
        let r = self.create_session(login_id, one_time_password, None).await;
        assert_eq!(r.status, 201, "first log-in of {login_id}: {}", r.text);
        assert_eq!(r.body["first_login"], json!(true), "{}", r.text);
        let c = self.client_with_token(login_id, r.body["token"].as_str().expect("token"));
        let r = c
            .post(
                "/sessions/current/first-login",
                &json!({"email": format!("{}@example.jp", login_id.to_lowercase()), "new_password": GOOD_PASSWORD}),
            )
            .await;
        assert_eq!(
            r.status, 200,
            "completeFirstLogin of {login_id}: {}",
            r.text
        );
        let key = r.body["key_file"].as_str().expect("key_file").to_owned();
        (c, key)
    }

    /// The mail files written to `<data-dir>/outbox/`.
    pub fn outbox(&self) -> Vec<String> {
        let dir = self.data_dir.path().join("outbox");
        let mut mails: Vec<String> = std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .collect()
            })
            .unwrap_or_default();
        mails.sort();
        mails
    }

    /// The key-registration code last mailed to `login_id` (test accounts' addresses are
    /// `<login id>@example.jp`).
    pub fn key_registration_code(&self, login_id: &str) -> String {
        let to = format!("To: {}@", login_id.to_lowercase());
        let mut mails: Vec<String> = self
            .outbox()
            .into_iter()
            .filter(|m| m.starts_with(&to) && m.contains("確認コード: "))
            .collect();
        mails.sort_by_key(|m| {
            m.lines()
                .find(|l| l.starts_with("Date: "))
                .map(str::to_owned)
        });
        let mail = mails
            .last()
            .unwrap_or_else(|| panic!("no code mailed to {login_id}"));
        mail.split("確認コード: ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .expect("code in the mail")
            .to_owned()
    }

    /// Runs the `nsdb` binary with arguments (no server involved).
    pub fn cli(&self, args: &[&str]) -> CliOutput {
        run_cli(args)
    }
}

/// An API client, optionally with a bearer token.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: String,
    pub token: Option<String>,
    pub login_id: String,
}

/// An HTTP answer: status, raw text and the JSON body (Null when not JSON).
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub content_type: String,
    pub text: String,
    pub body: Value,
}

impl Client {
    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{}", self.base, path)
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<&Value>) -> Resp {
        let mut req = self.http.request(method.clone(), self.url(path));
        if let Some(t) = &self.token {
            req = req.header(AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        self.checked(method, path, body, req).await
    }

    /// Sends, then holds the request and the answer to the OpenAPI document (`contract.rs`).
    async fn checked(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        req: reqwest::RequestBuilder,
    ) -> Resp {
        let resp = into_resp(req.send().await.expect("request")).await;
        crate::contract::check(
            &self.http,
            &self.base,
            (&method, path),
            body,
            (resp.status, &resp.body),
        )
        .await;
        resp
    }

    pub async fn get(&self, path: &str) -> Resp {
        self.send(Method::GET, path, None).await
    }
    pub async fn post(&self, path: &str, body: &Value) -> Resp {
        self.send(Method::POST, path, Some(body)).await
    }
    pub async fn post_empty(&self, path: &str) -> Resp {
        self.send(Method::POST, path, None).await
    }
    pub async fn put(&self, path: &str, body: &Value) -> Resp {
        self.send(Method::PUT, path, Some(body)).await
    }
    pub async fn delete(&self, path: &str) -> Resp {
        self.send(Method::DELETE, path, None).await
    }

    /// GET an answer that is not text (a PDF): status, Content-Type and the raw bytes.
    pub async fn get_bytes(&self, path: &str) -> (u16, String, Vec<u8>) {
        let mut req = self.http.get(self.url(path));
        if let Some(t) = &self.token {
            req = req.header(AUTHORIZATION, format!("Bearer {t}"));
        }
        let r = req.send().await.expect("request");
        let status = r.status().as_u16();
        let content_type = r
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        (
            status,
            content_type,
            r.bytes().await.expect("body").to_vec(),
        )
    }

    /// POST raw bytes (file upload as the request body).
    pub async fn post_bytes(&self, path: &str, bytes: Vec<u8>, content_type: &str) -> Resp {
        let mut req = self
            .http
            .post(self.url(path))
            .header(CONTENT_TYPE, content_type)
            .body(bytes);
        if let Some(t) = &self.token {
            req = req.header(AUTHORIZATION, format!("Bearer {t}"));
        }
        self.checked(Method::POST, path, None, req).await
    }

    /// POST a file as the part `name` of a multipart/form-data body (what `curl -F` sends).
    pub async fn post_multipart(
        &self,
        path: &str,
        name: &str,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> Resp {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned());
        let form = reqwest::multipart::Form::new()
            .text("note", "ignored")
            .part(name.to_owned(), part);
        let mut req = self.http.post(self.url(path)).multipart(form);
        if let Some(t) = &self.token {
            req = req.header(AUTHORIZATION, format!("Bearer {t}"));
        }
        self.checked(Method::POST, path, None, req).await
    }

    // Typed shortcuts for the common account operations.

    pub async fn me(&self) -> Resp {
        self.get("/me").await
    }

    /// createInstitution; panics unless 201.
    pub async fn create_institution(&self, code: &str, name: &str) {
        let r = self
            .post("/institutions", &json!({"code": code, "name": name}))
            .await;
        assert_eq!(r.status, 201, "createInstitution {code}: {}", r.text);
    }

    /// createDoctor; the raw answer.
    pub async fn create_doctor(&self, d: &NewDoctor) -> Resp {
        self.post("/doctors", &d.json()).await
    }

    /// createDoctor; panics unless 201; returns (login_id, initial_password, is_manager).
    pub async fn issue_doctor(&self, d: &NewDoctor) -> Issued {
        let r = self.create_doctor(d).await;
        assert_eq!(r.status, 201, "createDoctor: {}", r.text);
        Issued::of(&r)
    }

    /// createStaffAccount; panics unless 201.
    pub async fn create_staff(&self, role: &str) -> Issued {
        let n = unique();
        let r = self
            .post(
                "/staff-accounts",
                &json!({"role": role, "family_name": "事務", "given_name": format!("{n}")}),
            )
            .await;
        assert_eq!(r.status, 201, "createStaffAccount {role}: {}", r.text);
        Issued::of(&r)
    }

    /// createOrganizationUser; panics unless 201.
    pub async fn create_user(&self, role: &str) -> Issued {
        let r = self
            .post(
                "/users",
                &json!({"role": role, "family_name": "職員", "given_name": format!("{}", unique())}),
            )
            .await;
        assert_eq!(r.status, 201, "createOrganizationUser {role}: {}", r.text);
        Issued::of(&r)
    }

    /// listAccounts (all pages of the first 50) with a query string such as `?scope=institutions`.
    pub async fn accounts(&self, query: &str) -> Vec<Value> {
        let r = self.get(&format!("/accounts{query}")).await;
        assert_eq!(r.status, 200, "listAccounts{query}: {}", r.text);
        r.body["items"].as_array().cloned().unwrap_or_default()
    }
}

/// A created account as createDoctor / createStaffAccount / createOrganizationUser answer.
#[derive(Debug, Clone)]
pub struct Issued {
    pub login_id: String,
    pub password: String,
    pub is_manager: bool,
}

impl Issued {
    pub fn of(r: &Resp) -> Self {
        Self {
            login_id: r.body["login_id"].as_str().expect("login_id").to_owned(),
            password: r.body["initial_password"]
                .as_str()
                .expect("initial_password")
                .to_owned(),
            is_manager: r.body["is_manager"].as_bool().expect("is_manager"),
        }
    }
}

async fn into_resp(r: reqwest::Response) -> Resp {
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let content_type = r
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let text = r.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Resp {
        status,
        headers,
        content_type,
        text,
        body,
    }
}

impl Resp {
    /// Asserts the status and, for 4xx, the error shape `{"error": {"code", "message", "details"}}`
    /// with a Japanese message. Returns self for further checks.
    #[track_caller]
    pub fn expect(&self, status: u16) -> &Self {
        assert_eq!(
            self.status, status,
            "expected HTTP {status}, got {}: {}",
            self.status, self.text
        );
        if status >= 400 {
            assert_error_shape(self);
        }
        self
    }

    pub fn error_code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }

    pub fn message(&self) -> &str {
        self.body["error"]["message"].as_str().unwrap_or("")
    }

    /// The `field`s named in `details`.
    pub fn fields(&self) -> Vec<String> {
        self.body["error"]["details"]
            .as_array()
            .map(|d| {
                d.iter()
                    .filter_map(|x| x["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Asserts 422 naming `field` in `details` (and the error shape).
    #[track_caller]
    pub fn expect_invalid(&self, field: &str) -> &Self {
        self.expect(422);
        assert!(
            self.fields().iter().any(|f| f == field) || self.message().contains(field),
            "422 should name {field}: {}",
            self.text
        );
        self
    }

    #[track_caller]
    pub fn expect_message_contains(&self, part: &str) -> &Self {
        assert!(
            self.message().contains(part),
            "message should contain {part:?}: {}",
            self.text
        );
        self
    }
}

/// The error shape of interfaces.md, with a message in Japanese.
#[track_caller]
pub fn assert_error_shape(r: &Resp) {
    let e = &r.body["error"];
    assert!(e.is_object(), "error body expected: {}", r.text);
    let code = e["code"].as_str().unwrap_or("");
    assert!(!code.is_empty(), "error.code: {}", r.text);
    let message = e["message"].as_str().unwrap_or("");
    assert!(
        !message.is_ascii(),
        "error.message should be Japanese: {}",
        r.text
    );
    assert!(e["details"].is_array(), "error.details: {}", r.text);
    assert!(
        r.content_type.starts_with("application/json"),
        "error content type: {}",
        r.content_type
    );
    let _ = StatusCode::from_u16(r.status).expect("status");
}

/// Input of createDoctor with sensible defaults.
#[derive(Debug, Clone)]
pub struct NewDoctor {
    pub institution_code: String,
    pub program: String,
    pub family_name: String,
    pub given_name: String,
    pub family_name_kana: String,
    pub given_name_kana: String,
    pub medical_registration_number: String,
    pub designated_doctor_number: String,
    pub kind: String,
    pub valid_until: String,
}

impl NewDoctor {
    /// A 難病 指定医 with numbers unique in the test process.
    pub fn new(institution_code: &str) -> Self {
        let n = unique();
        Self {
            institution_code: institution_code.into(),
            program: "nanbyo".into(),
            family_name: "試験".into(),
            given_name: format!("医師{n}"),
            family_name_kana: "シケン".into(),
            given_name_kana: "イシ".into(),
            medical_registration_number: format!("{}", 500_000 + n),
            designated_doctor_number: format!("T-{n:05}"),
            kind: "designated".into(),
            valid_until: "2030-03-31".into(),
        }
    }
    pub fn program(mut self, p: &str) -> Self {
        self.program = p.into();
        self
    }
    pub fn json(&self) -> Value {
        json!({
            "institution_code": self.institution_code,
            "program": self.program,
            "family_name": self.family_name,
            "given_name": self.given_name,
            "family_name_kana": self.family_name_kana,
            "given_name_kana": self.given_name_kana,
            "medical_registration_number": self.medical_registration_number,
            "designated_doctor_number": self.designated_doctor_number,
            "kind": self.kind,
            "valid_until": self.valid_until,
        })
    }
}

/// 医療機関コード with its check digit (domain.md: modulus 10, weights 2,1 from the right).
pub fn institution_code(first9: &str) -> String {
    assert_eq!(first9.len(), 9);
    let sum: u32 = first9
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let p = u32::from(b - b'0') * if i % 2 == 0 { 2 } else { 1 };
            p / 10 + p % 10
        })
        .sum();
    format!("{first9}{}", (10 - sum % 10) % 10)
}

/// The same code with a wrong check digit.
pub fn bad_check_digit(code: &str) -> String {
    let (head, last) = code.split_at(code.len() - 1);
    let d = last.parse::<u32>().unwrap();
    format!("{head}{}", (d + 1) % 10)
}

/// A fresh valid 医療機関コード (Tokyo, 医科) unique in the test process.
pub fn new_institution_code() -> String {
    institution_code(&format!(
        "1317{:05}",
        (unique() * 7 + std::process::id()) % 100_000
    ))
}

/// 地方公共団体コード with its check digit (weights 6,5,4,3,2; mod 11).
pub fn municipality_code(first5: &str) -> String {
    let sum: u32 = first5
        .bytes()
        .zip([6, 5, 4, 3, 2])
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    format!("{first5}{}", (11 - sum % 11) % 10)
}

/// Output of a CLI run.
#[derive(Debug)]
pub struct CliOutput {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

pub fn run_cli(args: &[&str]) -> CliOutput {
    let mut cmd = Command::new(BIN);
    cmd.args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("NSDB_") {
            cmd.env_remove(k);
        }
    }
    let out = cmd.output().expect("run nsdb");
    CliOutput {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
