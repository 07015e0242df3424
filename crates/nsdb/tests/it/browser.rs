//! Browser tests in headless Chromium (Debian chromium + chromium-driver) through WebDriver:
//! the main account flows as a person does them.
use crate::harness::*;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use thirtyfour::prelude::*;

/// A headless Chromium driven by its own chromedriver; both end on drop.
struct Browser {
    driver: Option<WebDriver>,
    chromedriver: Child,
    base: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    async fn open(app: &TestApp) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        // In a process group of its own, with the browser it starts: the group is killed on
        // drop (Chromium outlives a killed chromedriver).
        let chromedriver = Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()))
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian package chromium-driver) must be installed: scripts/test.sh installs it");
        let profile = tempfile::tempdir().expect("profile dir");
        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary(&std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()))
            .expect("binary");
        for arg in [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1200,1000",
        ] {
            caps.add_arg(arg).expect("arg");
        }
        caps.add_arg(&format!("--user-data-dir={}", profile.path().display()))
            .expect("arg");
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = None;
        for _ in 0..50 {
            match WebDriver::new(&url, caps.clone()).await {
                Ok(driver) => {
                    return Browser {
                        driver: Some(driver),
                        chromedriver,
                        base: app.base.clone(),
                        _profile: profile,
                    };
                }
                Err(e) => {
                    last_error = Some(e);
                    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                }
            }
        }
        panic!("could not start Chromium through chromedriver: {last_error:?}");
    }

    fn driver(&self) -> &WebDriver {
        self.driver.as_ref().expect("open")
    }

    async fn go(&self, path: &str) {
        self.driver()
            .goto(&format!("{}{path}", self.base))
            .await
            .expect("navigate");
    }

    async fn fill(&self, css: &str, text: &str) {
        let field = self
            .driver()
            .find(By::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"));
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
    }

    /// Clicks something that loads a new page, and waits until that page has loaded (the
    /// old document gone, the new one complete), so the next lookup sees the new page.
    async fn click(&self, css: &str) {
        let old_page = self.driver().find(By::Css("html")).await.expect("page");
        self.driver()
            .find(By::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .expect("click");
        for _ in 0..200 {
            if !old_page.is_present().await.unwrap_or(false) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        for _ in 0..200 {
            let state = self
                .driver()
                .execute("return document.readyState;", vec![])
                .await;
            if state
                .ok()
                .and_then(|r| r.json().as_str().map(str::to_owned))
                .as_deref()
                == Some("complete")
            {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("the page after clicking {css} did not finish loading");
    }

    async fn text(&self, css: &str) -> String {
        self.driver()
            .find(By::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .text()
            .await
            .expect("text")
    }

    /// The current value of an input.
    async fn value(&self, css: &str) -> String {
        self.driver()
            .find(By::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .value()
            .await
            .expect("value")
            .unwrap_or_default()
    }

    async fn page_text(&self) -> String {
        self.text("body").await
    }

    async fn path(&self) -> String {
        self.driver()
            .current_url()
            .await
            .expect("url")
            .path()
            .to_owned()
    }

    /// Logs in through the form; `key_file` is a path to upload, if any.
    async fn log_in(&self, login_id: &str, password: &str, key_file: Option<&Path>) {
        self.go("/login").await;
        self.fill("#login_id", login_id).await;
        self.fill("#password", password).await;
        if let Some(key) = key_file {
            let key = std::fs::canonicalize(key).expect("key file path");
            self.driver()
                .find(By::Css("#key_file"))
                .await
                .expect("key field")
                .send_keys(key.to_str().expect("utf-8 path"))
                .await
                .expect("upload key");
        }
        self.click("main form button[type=submit]").await;
    }

    async fn log_out(&self) {
        self.click("header form button[type=submit]").await;
        assert_eq!(self.path().await, "/login");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // WebDriver::quit is async and Drop is not: chromedriver's process group (it and the
        // browser it started) is killed instead.
        self.driver.take();
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.chromedriver.id())])
            .status();
        let _ = self.chromedriver.kill();
        let _ = self.chromedriver.wait();
    }
}

fn key_path(app: &TestApp, who: Who) -> PathBuf {
    PathBuf::from(&app.demo(who).key_file)
}

#[tokio::test]
async fn municipality_issues_a_doctor_who_completes_first_login_and_logs_in_with_the_key() {
    let app = TestApp::spawn().await;
    let b = Browser::open(&app).await;
    let admin = app.demo(TOKYO_ADMIN).clone();

    b.log_in(
        &admin.login_id,
        &admin.password,
        Some(&key_path(&app, TOKYO_ADMIN)),
    )
    .await;
    assert_eq!(b.path().await, "/");
    assert!(b.text("#who-org").await.contains("東京都"));
    assert!(b.text("#who-role").await.contains("管理者"));

    // A new institution, then its first doctor, who becomes 責任者.
    let code = new_institution_code();
    b.go("/institutions").await;
    // Issue 8: after an error the form kept nothing but the code. A code of another
    // prefecture and a bad phone number: both errors next to their fields, all typed kept.
    b.fill("#code", &institution_code("141066666")).await;
    b.fill("#name", "ブラウザ試験クリニック").await;
    b.fill("#address", "東京都新宿区西新宿2-8-1").await;
    b.fill("#phone", "03-12").await;
    b.click("form[method=post][action='/institutions'] button[type=submit]")
        .await;
    assert!(b.text("#code_error").await.contains("区域外"));
    assert!(b.text("#phone_error").await.contains("電話番号"));
    for (field, typed) in [
        ("#name", "ブラウザ試験クリニック"),
        ("#address", "東京都新宿区西新宿2-8-1"),
        ("#phone", "03-12"),
    ] {
        let value = b
            .driver()
            .find(By::Css(field))
            .await
            .expect("field")
            .value()
            .await
            .expect("value");
        assert_eq!(value.as_deref(), Some(typed), "{field} kept");
    }
    b.fill("#code", &code).await;
    b.fill("#phone", "03-5321-1111").await;
    b.click("form[method=post][action='/institutions'] button[type=submit]")
        .await;
    assert!(
        b.text("#institutions").await.contains(&code),
        "institution listed: {}",
        b.page_text().await
    );

    b.go("/doctors").await;
    b.fill("#institution_code", &code).await;
    b.fill("#family_name", "試験").await;
    b.fill("#given_name", "花子").await;
    b.fill("#family_name_kana", "シケン").await;
    b.fill("#given_name_kana", "ハナコ").await;
    let registration = format!("{}", 700_000 + unique());
    b.fill("#medical_registration_number", &registration[1..])
        .await;
    b.fill("#designated_doctor_number", &format!("BR-{}", unique()))
        .await;
    // Typing into a date input depends on the browser's locale; set the value directly.
    let date = b
        .driver()
        .find(By::Css("#valid_until"))
        .await
        .expect("date field");
    b.driver()
        .execute(
            "arguments[0].value = '2030-03-31';",
            vec![date.to_json().expect("json")],
        )
        .await
        .expect("set date");
    b.click("form[method=post][action='/doctors'] button[type=submit]")
        .await;
    let login_id = b.text("#issued-login-id").await;
    let one_time = b.text("#issued-password").await;
    assert!(
        b.text("#issued-manager").await.contains("はい"),
        "first doctor is 責任者"
    );
    b.log_out().await;

    // First log-in: no key file yet; set e-mail and password, then save the key file.
    b.log_in(&login_id, &one_time, None).await;
    assert_eq!(b.path().await, "/first-login");
    b.fill("#email", "hanako@example.jp").await;
    b.fill("#new_password", "short").await;
    b.fill("#new_password_confirm", "short").await;
    // The browser's own minlength check would stop "short"; remove it to see the server's.
    let pw = b.driver().find(By::Css("#new_password")).await.expect("pw");
    b.driver()
        .execute(
            "arguments[0].removeAttribute('minlength');",
            vec![pw.to_json().expect("json")],
        )
        .await
        .expect("js");
    b.click("main form button[type=submit]").await;
    assert!(
        b.page_text().await.contains("12文字以上"),
        "the policy is explained next to the field"
    );
    let new_password = "hanako-Pass-2030";
    b.fill("#email", "hanako@example.jp").await;
    b.fill("#new_password", new_password).await;
    b.fill("#new_password_confirm", new_password).await;
    b.click("main form button[type=submit]").await;
    let link = b
        .driver()
        .find(By::Css("#key-download"))
        .await
        .expect("download link");
    let href = link.attr("href").await.expect("href").expect("has href");
    let encoded = href.split_once("base64,").expect("data url").1;
    use base64::Engine;
    let key = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .expect("base64");
    let key_text = String::from_utf8(key).expect("utf-8");
    assert!(key_text.contains(&login_id));
    let key_file = app.data_path().join(format!("{login_id}.key"));
    std::fs::write(&key_file, key_text).expect("save key");
    b.click("main a[href='/']").await;
    b.log_out().await;

    // Without the key: refused; with it: in, and the header names the doctor.
    b.log_in(&login_id, new_password, None).await;
    assert_eq!(b.path().await, "/login");
    assert!(b.page_text().await.contains("正しくありません"));
    b.log_in(&login_id, new_password, Some(&key_file)).await;
    assert_eq!(b.path().await, "/");
    assert!(b.text("#who-name").await.contains("試験 花子"));
    assert!(b.text("#who-role").await.contains("責任者"));

    // The operation log shows every step to the 自治体.
    b.log_out().await;
    b.log_in(
        &admin.login_id,
        &admin.password,
        Some(&key_path(&app, TOKYO_ADMIN)),
    )
    .await;
    b.go(&format!("/logs?target={login_id}")).await;
    let log = b.text("#log-table").await;
    for action in ["指定医ID払出し", "初回ログイン", "ログイン"] {
        assert!(log.contains(action), "log shows {action}: {log}");
    }
    // Issue 8: the screen mixed action codes and English details into Japanese.
    assert!(
        !log.chars().any(|c| c.is_ascii_lowercase()),
        "no English on the log screen: {log}"
    );
}

#[tokio::test]
async fn bulk_user_file_upload_shows_a_report_per_row() {
    let app = TestApp::spawn().await;
    let b = Browser::open(&app).await;
    let admin = app.demo(TOKYO_ADMIN).clone();
    b.log_in(
        &admin.login_id,
        &admin.password,
        Some(&key_path(&app, TOKYO_ADMIN)),
    )
    .await;

    let n = unique();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let header = [
        "医療機関コード",
        "部署",
        "姓",
        "名",
        "姓カナ",
        "名カナ",
        "電話",
        "医籍登録番号",
        "指定医番号",
        "難病/小慢",
        "指定医種別",
        "指定医有効期限",
    ];
    let rows = [
        [
            TOKYO_HOSPITAL_CODE.to_owned(),
            "内科".into(),
            "一括".into(),
            "一郎".into(),
            "イッカツ".into(),
            "イチロウ".into(),
            "".into(),
            format!("{}", 810_000 + n)[1..].to_owned(),
            format!("BK1-{n}"),
            "難病".into(),
            "指定医".into(),
            "2030-03-31".into(),
        ],
        [
            bad_check_digit(TOKYO_HOSPITAL_CODE),
            "内科".into(),
            "誤り".into(),
            "二郎".into(),
            "アヤマリ".into(),
            "ジロウ".into(),
            "".into(),
            format!("{}", 820_000 + n)[1..].to_owned(),
            format!("BK2-{n}"),
            "難病".into(),
            "指定医".into(),
            "2030-03-31".into(),
        ],
        [
            TOKYO_HOSPITAL_CODE.to_owned(),
            "小児科".into(),
            "一括".into(),
            "三郎".into(),
            "イッカツ".into(),
            "サブロウ".into(),
            "".into(),
            format!("{}", 830_000 + n)[1..].to_owned(),
            format!("BK3-{n}"),
            "小慢".into(),
            "指定医".into(),
            "2030-03-31".into(),
        ],
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v).expect("cell");
        }
    }
    let file = app.data_path().join("users.xlsx");
    workbook.save(&file).expect("xlsx");

    b.go("/doctors").await;
    b.driver()
        .find(By::Css("#file"))
        .await
        .expect("file field")
        .send_keys(file.to_str().expect("path"))
        .await
        .expect("choose file");
    b.click("form[action='/doctors/import'] button[type=submit]")
        .await;
    let summary = b.text("#report-summary").await;
    assert!(summary.contains("登録 2件"), "{summary}");
    assert!(summary.contains("登録できなかった行 1件"), "{summary}");
    let report = b.text("#bulk-report").await;
    assert!(
        report.contains("医療機関コード"),
        "the refused row says why: {report}"
    );
    assert!(report.contains("一括 一郎") && report.contains("一括 三郎"));
}

#[tokio::test]
async fn lock_out_after_five_failures_and_unlock_by_the_manager() {
    let app = TestApp::spawn().await;
    let b = Browser::open(&app).await;
    let clerk = app.demo(TOKYO_CLERK).clone();
    let clerk_key = key_path(&app, TOKYO_CLERK);
    for _ in 0..4 {
        b.log_in(&clerk.login_id, "wrong-password-1", Some(&clerk_key))
            .await;
        assert!(b.page_text().await.contains("正しくありません"));
    }
    b.log_in(&clerk.login_id, "wrong-password-1", Some(&clerk_key))
        .await;
    assert!(b.page_text().await.contains("ロックしました"));
    // Locked: even the right password is refused.
    b.log_in(&clerk.login_id, &clerk.password, Some(&clerk_key))
        .await;
    assert_eq!(b.path().await, "/login");
    assert!(b.page_text().await.contains("ロック"));

    let manager = app.demo(TOKYO_MANAGER).clone();
    b.log_in(
        &manager.login_id,
        &manager.password,
        Some(&key_path(&app, TOKYO_MANAGER)),
    )
    .await;
    b.go("/users").await;
    assert!(b.text("#accounts").await.contains("ロック中"));
    b.click(&format!(
        "form[action='/users/{}/unlock'] button",
        clerk.login_id
    ))
    .await;
    assert!(b.page_text().await.contains("ロックを解除しました"));
    b.log_out().await;

    b.log_in(&clerk.login_id, &clerk.password, Some(&clerk_key))
        .await;
    assert_eq!(b.path().await, "/");
    assert!(b.text("#who-role").await.contains("医療クラーク等"));
}

/// issue 9: the entry screen of a form version, drawn from its definition. It judges as
/// the doctor types (htmx swaps the evaluation panel), and without JavaScript the form
/// posts and comes back with the findings next to their fields and everything kept.
#[tokio::test]
async fn the_entry_screen_checks_and_judges_as_you_type_and_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let b = Browser::open(&app).await;
    let doctor = app.demo(TOKYO_DOCTOR).clone();
    b.log_in(
        &doctor.login_id,
        &doctor.password,
        Some(&key_path(&app, TOKYO_DOCTOR)),
    )
    .await;
    // A disease name typed instead of picked from the list: several versions are offered,
    // a name that fits one opens it (this doctor is a 小慢 doctor: 小慢 versions).
    b.go("/forms/entry").await;
    b.fill("#definition", "糖尿病").await;
    b.click("main form button[type=submit]").await;
    let offered = b.text("#definition-matches").await;
    assert!(
        offered.contains("1型糖尿病") && offered.contains("2型糖尿病"),
        "{offered}"
    );
    assert_eq!(
        b.value("#definition").await,
        "糖尿病",
        "what was typed is kept"
    );
    b.fill("#definition", "1型糖尿病").await;
    b.click("main form button[type=submit]").await;
    assert!(
        b.text("h1").await.contains("1型糖尿病"),
        "{}",
        b.text("h1").await
    );

    b.go("/forms/entry").await;
    b.fill("#definition", "nanbyo-006-2403").await;
    b.click("main form button[type=submit]").await;
    assert!(
        b.text("h1").await.contains("パーキンソン病"),
        "{}",
        b.text("h1").await
    );
    // Sections in paper order with their numbers; the table of contents lists them.
    // The 臨個票 marks its headings with ■, as the paper does (layout.toml).
    assert!(b.text("#sec-basic legend").await.starts_with("■ 基本情報"));
    assert!(b.text("#evaluation .toc").await.contains("■ 基本情報"));
    // Nothing entered: the 一次判定 cannot be made yet.
    assert_eq!(b.text("#entry-result").await, "判定不能");
    let basic_at_first = b.text("#completion-basic").await;

    // 要介護 with a 要介護度 out of its range: htmx re-evaluates on change.
    b.driver()
        .find(By::Css("input[name=care_certification][value='1']"))
        .await
        .expect("radio")
        .click()
        .await
        .expect("click");
    b.fill("#f-care_level", "9").await;
    b.fill("#f-family_name", "髙橋").await; // moves focus: the change event fires
    let mut listed = String::new();
    for _ in 0..100 {
        listed = b.text("#evaluation").await;
        if listed.contains("要介護度") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        listed.contains("要介護度"),
        "the panel lists the finding: {listed}"
    );
    // The section's own count follows the typing as the table of contents does.
    let in_toc = b.text("#evaluation .toc li:first-child .completion").await;
    let in_toc = in_toc.split_whitespace().next().unwrap_or_default();
    let in_legend = b.text("#completion-basic").await;
    assert_eq!(
        in_legend,
        format!("（{in_toc}）"),
        "the legend of 基本情報 and its line in the contents agree"
    );
    assert_ne!(in_legend, basic_at_first, "the count followed the typing");

    // The plain post: the same finding next to its field, and everything typed kept.
    b.click("form.entry button[type=submit]").await;
    assert!(
        b.text("#item-care_level .field-error")
            .await
            .contains("要介護度"),
        "finding next to the field"
    );
    assert_eq!(b.value("#f-care_level").await, "9");
    assert_eq!(b.value("#f-family_name").await, "髙橋");
    assert!(b
        .driver()
        .find(By::Css("input[name=care_certification][value='1']"))
        .await
        .expect("radio")
        .is_selected()
        .await
        .expect("selected"));
    // A link in the list jumps to the item.
    assert!(b
        .driver()
        .find(By::Css("#entry-findings a[href='#item-care_level']"))
        .await
        .is_ok());
}

/// Sets the answers of a worked example on the entry screen (inputs, radios, checkboxes
/// and selects by item id), as a user would by typing and clicking.
async fn fill_items(b: &Browser, items: &serde_json::Value) {
    b.driver()
        .execute(
            r#"
            const items = arguments[0];
            for (const [name, value] of Object.entries(items)) {
              const values = Array.isArray(value) ? value.map(String) : [String(value)];
              for (const el of document.querySelectorAll(`[name="${name}"]`)) {
                if (el.type === "radio" || el.type === "checkbox") {
                  el.checked = values.includes(el.value);
                } else {
                  el.value = values[0];
                }
              }
            }"#,
            vec![items.clone()],
        )
        .await
        .expect("fill the form");
}

/// Sets an input's value and fires `change` as typing and leaving the field would (date
/// inputs take keys in the browser's locale order, so they are set directly).
async fn set_value(b: &Browser, css: &str, value: &str) {
    b.driver()
        .execute(
            "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![serde_json::json!(css), serde_json::json!(value)],
        )
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
}

/// Waits until the element shows `part`. htmx may replace the element while it is read
/// (a stale reference): that counts as "not yet".
async fn wait_for_text(b: &Browser, css: &str, part: &str) -> String {
    let mut text = String::new();
    for _ in 0..120 {
        if let Ok(element) = b.driver().find(By::Css(css)).await {
            if let Ok(now) = element.text().await {
                text = now;
                if text.contains(part) {
                    return text;
                }
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{css} never showed {part:?}: {text}");
}

#[tokio::test]
async fn a_clerk_drafts_a_parkinson_form_and_the_doctor_sees_the_changes_and_approves() {
    let app = TestApp::spawn().await;
    let b = Browser::open(&app).await;
    let clerk = app.demo(TOKYO_CLERK).clone();
    b.log_in(
        &clerk.login_id,
        &clerk.password,
        Some(&key_path(&app, TOKYO_CLERK)),
    )
    .await;

    // New form: the 基本情報 typed makes the patient; live findings next to the field.
    b.go("/forms/entry?definition=nanbyo-006-2403").await;
    let (_, items) = crate::forms::sample("nanbyo-006-2403");
    fill_items(&b, &items).await;
    b.fill("#f-family_name", "檜山").await;
    set_value(&b, "#f-first_visit_date", "2099-01-01").await; // htmx re-evaluates on change
    wait_for_text(&b, "#findings-first_visit_date", "より後の日付").await;
    // Saving without confirming the DB-registration explanation is refused, everything kept.
    b.click("#save").await;
    assert!(b
        .page_text()
        .await
        .contains("説明したことを確認してください"));
    assert_eq!(b.value("#f-family_name").await, "檜山");
    set_value(&b, "#f-first_visit_date", "2019-06-01").await;
    b.driver()
        .find(By::Css("input[name=registration_explained]"))
        .await
        .expect("consent box")
        .click()
        .await
        .expect("tick");
    b.click("#save").await;
    assert!(b.path().await.starts_with("/forms/"), "{}", b.path().await);
    assert_eq!(b.text("#form-state").await, "作成中");
    assert_eq!(b.text("#form-patient").await, "檜山 太郎");
    let form_path = b.path().await;

    // 承認依頼 to the 難病 doctor (the only one offered for a 臨個票).
    let doctor = app.demo(TOKYO_MANAGER).clone();
    let offered = b.text("#approval_doctor").await;
    assert!(offered.contains(&doctor.login_id), "{offered}");
    assert!(
        !offered.contains(&app.demo(TOKYO_DOCTOR).login_id),
        "{offered}"
    );
    b.fill("#comment", "ご確認お願いします").await;
    b.click("#request-approval").await;
    assert_eq!(b.text("#form-state").await, "承認待ち");
    b.log_out().await;

    // The doctor finds it in the queue, returns it once.
    b.log_in(
        &doctor.login_id,
        &doctor.password,
        Some(&key_path(&app, TOKYO_MANAGER)),
    )
    .await;
    assert!(b.page_text().await.contains("檜山 太郎・パーキンソン病"));
    b.go(&form_path).await;
    assert!(b.text("#comments").await.contains("ご確認お願いします"));
    b.fill("#comment", "Hoehn-Yahrを再確認してください").await;
    b.click("#return").await;
    assert_eq!(b.text("#form-state").await, "差戻し");
    b.log_out().await;

    // The clerk corrects one item and asks again.
    b.log_in(
        &clerk.login_id,
        &clerk.password,
        Some(&key_path(&app, TOKYO_CLERK)),
    )
    .await;
    b.go(&form_path).await;
    b.driver()
        .find(By::Css("input[name=hoehn_yahr][value='4']"))
        .await
        .expect("H-Y 4")
        .click()
        .await
        .expect("click");
    b.click("#request-approval").await;
    assert_eq!(b.text("#form-state").await, "承認待ち");
    b.log_out().await;

    // The doctor sees exactly what changed since the last look, and approves.
    b.log_in(
        &doctor.login_id,
        &doctor.password,
        Some(&key_path(&app, TOKYO_MANAGER)),
    )
    .await;
    b.go(&form_path).await;
    let changes = b.text("#changes-since-seen").await;
    assert!(changes.contains("Hoehn-Yahr"), "{changes}");
    assert!(changes.contains("変更された項目（1件）"), "{changes}");
    b.click("#approve").await;
    assert_eq!(b.text("#form-state").await, "確定");
    let key = b.text("#access-key").await;
    assert_eq!(key.len(), 24, "{key}");
    // Frozen: the inputs are disabled.
    assert!(b
        .driver()
        .find(By::Css("fieldset.entry-body[disabled]"))
        .await
        .is_ok());
    // Who changed and who opened it, by name and organization; the first save's long
    // list of items is folded.
    b.go(&format!("{form_path}/history")).await;
    let accesses = b.text("#accesses").await;
    assert!(accesses.contains(&clerk.name), "{accesses}");
    assert!(accesses.contains(&clerk.organization), "{accesses}");
    assert!(b
        .driver()
        .find(By::Css("#revisions details summary"))
        .await
        .is_ok());
}

#[tokio::test]
async fn a_shoman_doctor_writes_and_approves_a_type_1_diabetes_opinion_and_autosave_survives_a_reload(
) {
    let app = TestApp::spawn().await;
    let b = Browser::open(&app).await;
    let doctor = app.demo(TOKYO_DOCTOR).clone();
    b.log_in(
        &doctor.login_id,
        &doctor.password,
        Some(&key_path(&app, TOKYO_DOCTOR)),
    )
    .await;
    b.go("/forms/entry?definition=shoman-07-001-2403").await;
    let (_, items) = crate::forms::sample("shoman-07-001-2403");
    fill_items(&b, &items).await;
    b.driver()
        .find(By::Css("input[name=registration_explained]"))
        .await
        .expect("consent box")
        .click()
        .await
        .expect("tick");
    b.click("#save").await;
    assert_eq!(b.text("#form-state").await, "作成中");
    let form_path = b.path().await;

    // Autosave: change an item, move to another section; the draft is saved without a click.
    b.fill("#f-t1d_current_hba1c", "7.9").await;
    b.driver()
        .find(By::Css("#f-family_name"))
        .await
        .expect("a field of another section")
        .click()
        .await
        .expect("focus");
    wait_for_text(&b, "#autosave-status", "自動保存しました").await;
    b.go(&form_path).await;
    assert_eq!(b.value("#f-t1d_current_hba1c").await, "7.9");

    // The 小慢 doctor approves directly: the key is shown.
    b.click("#approve").await;
    assert_eq!(b.text("#form-state").await, "確定");
    assert_eq!(b.text("#access-key").await.len(), 24);
}

/// Issue 9: autosave before the first 保存. A new form is not stored while the
/// registration explanation is missing; once it is ticked, leaving a section stores the
/// draft, the address becomes the draft's, and 保存 on the same screen saves that draft
/// (no second form).
#[tokio::test]
async fn a_new_form_is_autosaved_once_the_explanation_is_given_and_a_reload_finds_it() {
    let app = TestApp::spawn().await;
    let b = Browser::open(&app).await;
    let clerk = app.demo(TOKYO_CLERK).clone();
    b.log_in(
        &clerk.login_id,
        &clerk.password,
        Some(&key_path(&app, TOKYO_CLERK)),
    )
    .await;
    b.go("/forms/entry?definition=nanbyo-006-2403").await;
    let (_, items) = crate::forms::sample("nanbyo-006-2403");
    fill_items(&b, &items).await;
    b.fill("#f-family_name", "榎本").await;
    b.fill("#f-family_name_kana", "えのもと").await;
    let leave_the_basic_section = || async {
        b.driver()
            .find(By::Css("#f-family_name"))
            .await
            .expect("a field of 基本情報")
            .click()
            .await
            .expect("focus");
        b.driver()
            .find(By::Css("#f-pd_differential_notes"))
            .await
            .expect("a field of another section")
            .click()
            .await
            .expect("focus");
    };

    leave_the_basic_section().await;
    let waiting = wait_for_text(&b, "#autosave-status", "まだ自動保存していません").await;
    assert!(
        waiting.contains("説明したことを確認してください"),
        "{waiting}"
    );
    assert_eq!(b.path().await, "/forms/entry");

    b.driver()
        .find(By::Css("input[name=registration_explained]"))
        .await
        .expect("consent box")
        .click()
        .await
        .expect("tick");
    leave_the_basic_section().await;
    wait_for_text(&b, "#autosave-status", "自動保存しました（版1）").await;
    let form_path = b.path().await;
    assert!(
        form_path.starts_with("/forms/") && form_path != "/forms/entry",
        "{form_path}"
    );

    // 保存 on the same screen saves the autosaved draft: same form, next revision.
    b.fill("#f-pd_differential_notes", "本態性振戦を除外").await;
    b.click("#save").await;
    assert_eq!(b.path().await, form_path);
    assert_eq!(b.text("#form-state").await, "作成中");
    assert!(
        b.page_text().await.contains("版2"),
        "{}",
        b.page_text().await
    );
    assert_eq!(b.text("#form-patient").await, "榎本 太郎");

    b.go(&form_path).await;
    assert_eq!(
        b.value("#f-pd_differential_notes").await,
        "本態性振戦を除外"
    );
    let api = app.login(TOKYO_CLERK).await;
    let found = api.get("/forms?kana=エノモト").await;
    assert_eq!(found.body["total"], 1, "one form, not two: {}", found.body);
}

/// Issue 10: a doctor renews a confirmed Parkinson 臨個票 with one confirmation per section
/// of carried values and approves it; a doctor of the other hospital opens it by its key
/// (with the patient's consent) and renews from it; the 自治体 looks the renewal up and
/// receives it.
#[tokio::test]
async fn a_doctor_renews_confirming_each_section_another_hospital_opens_it_by_key() {
    let app = TestApp::spawn().await;
    let api = app.login(TOKYO_MANAGER).await;
    let source = crate::forms::draft(&api, "nanbyo-006-2403").await;
    let source_id = source["id"].as_str().unwrap().to_owned();
    api.post_empty(&format!("/forms/{source_id}/approval"))
        .await
        .expect(200);

    let b = Browser::open(&app).await;
    let doctor = app.demo(TOKYO_MANAGER).clone();
    b.log_in(
        &doctor.login_id,
        &doctor.password,
        Some(&key_path(&app, TOKYO_MANAGER)),
    )
    .await;
    b.go(&format!("/forms/{source_id}")).await;
    b.click("#renew").await;
    let renewal_path = b.path().await;
    assert_ne!(renewal_path, format!("/forms/{source_id}"));
    assert!(b.text("#renewed-from").await.contains(&source_id));
    assert_eq!(b.text("#carried-item-pd_rigidity").await, "前回値");
    // Only the fresh items are typed; each section of carried values is confirmed once.
    let (_, items) = crate::forms::sample("nanbyo-006-2403");
    fill_items(&b, &items).await;
    let mut confirmed = 0;
    while let Ok(button) = b.driver().find(By::Css("button[id^='confirm-']")).await {
        let id = button.attr("id").await.expect("id").expect("an id");
        b.click(&format!("#{id}")).await;
        assert!(b.page_text().await.contains("前回値を確認しました"));
        confirmed += 1;
        assert!(confirmed < 30, "the confirmations never end");
    }
    assert!(confirmed >= 2, "{confirmed}");
    b.click("#approve").await;
    assert_eq!(b.text("#form-state").await, "確定");
    let renewal_key = b.text("#access-key").await;
    b.log_out().await;

    // The other hospital's doctor: the key without consent is refused, with it the form
    // opens read-only and a renewal starts there.
    let other = app.demo(YOKOHAMA_MANAGER).clone();
    b.log_in(
        &other.login_id,
        &other.password,
        Some(&key_path(&app, YOKOHAMA_MANAGER)),
    )
    .await;
    b.go("/access-keys").await;
    b.fill("#access_key", &renewal_key).await;
    b.click("#look-up").await;
    assert!(b.page_text().await.contains("同意"));
    assert_eq!(b.value("#access_key").await, renewal_key);
    b.driver()
        .find(By::Css("#patient_consent"))
        .await
        .expect("consent box")
        .click()
        .await
        .expect("tick");
    b.click("#look-up").await;
    assert_eq!(b.path().await, renewal_path);
    assert!(b.text("#linked-notice").await.contains("閲覧のみ"));
    assert!(b.driver().find(By::Css("#withdraw")).await.is_err());
    b.click("#renew").await;
    assert_eq!(b.text("#form-state").await, "作成中");
    assert_ne!(b.path().await, renewal_path);
    b.log_out().await;

    // The 自治体 looks the renewal up by its key and receives it.
    let staff = app.demo(TOKYO_USER).clone();
    b.log_in(
        &staff.login_id,
        &staff.password,
        Some(&key_path(&app, TOKYO_USER)),
    )
    .await;
    b.go("/access-keys").await;
    b.fill("#access_key", &renewal_key).await;
    b.click("#look-up").await;
    assert_eq!(b.path().await, renewal_path);
    b.fill("#recipient_number", "1234566").await;
    b.fill("#payer_number", "54130011").await; // wrong check digit: refused, kept
    b.click("#receive").await;
    assert!(b.page_text().await.contains("検査数字"));
    assert_eq!(b.value("#recipient_number").await, "1234566");
    b.fill("#payer_number", "54130018").await;
    b.click("#receive").await;
    assert_eq!(b.text("#form-state").await, "自治体受付済");
    assert!(b.text("#receipt").await.contains("1234566"));
}

/// The Tokyo demo clerk logs in and uploads `file` on the 一括登録 screen.
async fn upload_as_tokyo_clerk(app: &TestApp, file: &Path) -> Browser {
    let b = Browser::open(app).await;
    let clerk = app.demo(TOKYO_CLERK).clone();
    b.log_in(
        &clerk.login_id,
        &clerk.password,
        Some(&key_path(app, TOKYO_CLERK)),
    )
    .await;
    b.go("/form-imports").await;
    b.driver()
        .find(By::Css("#file"))
        .await
        .expect("file field")
        .send_keys(file.to_str().expect("utf-8 path"))
        .await
        .expect("choose the file");
    b.click("#import").await;
    b
}

/// Issue 10: a clerk uploads a bulk XML whose form lacks its Hoehn-Yahr section (hospital
/// systems export only some items); the form is stored as a draft with its findings, and the
/// clerk finishes it on screen.
#[tokio::test]
async fn a_clerk_uploads_a_partial_form_and_finishes_it_on_screen() {
    let app = TestApp::spawn().await;
    let xml = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../forms/samples/nanbyo-006-2403.xml"),
    )
    .unwrap();
    let start = xml.find("<hoehn_yahr_scale>").unwrap();
    let end = xml.find("</hoehn_yahr_scale>").unwrap() + "</hoehn_yahr_scale>".len();
    let mut partial = xml.clone();
    partial.replace_range(start..end, "");
    let file = app.data_path().join("partial-bulk.xml");
    std::fs::write(&file, partial).unwrap();

    let b = upload_as_tokyo_clerk(&app, &file).await;
    let summary = b.text("#import-summary").await;
    assert!(summary.contains("1件を作成中として登録"), "{summary}");
    b.click("#imported a").await;
    assert_eq!(b.text("#form-state").await, "作成中");
    assert!(
        !b.text("#findings-hoehn_yahr").await.is_empty(),
        "the missing Hoehn-Yahr is pointed out"
    );
    b.driver()
        .find(By::Css("input[name=hoehn_yahr][value='3']"))
        .await
        .expect("H-Y 3")
        .click()
        .await
        .expect("click");
    b.click("#save").await;
    assert!(b.page_text().await.contains("保存しました"));
    assert_eq!(b.text("#findings-hoehn_yahr").await, "");
    assert!(b
        .driver()
        .find(By::Css("input[name=hoehn_yahr][value='3']:checked"))
        .await
        .is_ok());
}

/// Issue 10: a file of more than 100 forms goes on in the background: the upload leads to
/// the job's page, which follows the progress (htmx) and ends with the report; the upload
/// screen lists the import to come back to.
#[tokio::test]
async fn a_large_bulk_file_shows_its_progress_and_then_its_report() {
    let app = TestApp::spawn().await;
    let file = app.data_path().join("large-bulk.xml");
    std::fs::write(&file, crate::form_imports::many_forms(300)).unwrap();

    let b = upload_as_tokyo_clerk(&app, &file).await;
    assert!(
        b.path().await.starts_with("/form-imports/"),
        "{}",
        b.path().await
    );
    let job_page = b.path().await;
    // The page follows the job by itself until it is done (htmx replaces the progress every
    // second, so an element read may go stale under the reader: read again).
    let mut state = String::new();
    for _ in 0..600 {
        if let Ok(element) = b.driver().find(By::Css("#job-state")).await {
            if let Ok(text) = element.text().await {
                assert!(text.contains("/ 300件"), "{text}");
                state = text;
            }
        }
        if state.contains("完了") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        state.contains("完了") && state.contains("300件 / 300件"),
        "{state}"
    );
    let summary = b.text("#import-summary").await;
    assert!(summary.contains("300件を作成中として登録"), "{summary}");

    // The upload screen lists it, and leads back to it.
    b.go("/form-imports").await;
    let recent = b.text("#recent-imports").await;
    assert!(
        recent.contains("完了") && recent.contains("300 / 300"),
        "{recent}"
    );
    b.click("#recent-imports a").await;
    assert_eq!(b.path().await, job_page);
}
