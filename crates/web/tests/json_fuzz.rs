//! Property-based fuzzing of the JSON bodies of the API, through the real
//! router in process (`nsdb_web::app` over an SQLite store in a temporary
//! directory, requests sent with `tower::ServiceExt::oneshot`): every operation
//! that reads a JSON body (`ApiJson`, so `input_limits::check_json` and the
//! request type's deserialisation, then the service) gets
//!
//! * its valid body with fields replaced by arbitrary JSON (wrong types, deep
//!   and wide values, strings at and past the 4,000-character limit, long keys),
//!   removed, or joined by many unknown keys;
//! * arbitrary JSON values instead of the body;
//! * the body's text edited as bytes (stray brackets, quotes and escapes, lone
//!   surrogates, numbers out of every range, invalid UTF-8, truncations);
//! * nesting far deeper than any parser allows, and a body past the size limit;
//! * other content types;
//!
//! sent as the account that may call it (operator, 自治体 管理者 or the
//! institution's 責任者), sometimes as another. The answer must not be a 5xx,
//! nothing may panic, and every 4xx must have the error shape of interfaces.md
//! (`{"error": {"code", "message", "details": [...]}}`, the code matching the
//! status).
//!
//! The default run (256 cases, well under ten seconds in debug) is part of the
//! test suite; a longer one, e.g. before a release:
//!
//! ```text
//! PROPTEST_CASES=100000 cargo test --release -p nsdb-web --test json_fuzz
//! ```
//!
//! A failing case is shrunk by proptest and its seed saved under
//! `crates/web/tests/<test>.proptest-regressions` (rerun first; commit it); the case
//! itself then becomes a named test.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use nsdb_web::services::accounts::{self, NewDoctor, NewMunicipality, NewOrganizationUser};
use nsdb_web::services::institutions::{self, NewInstitution};
use nsdb_web::services::Caller;
use nsdb_web::{AppState, Config};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, TestRunner};
use serde_json::{json, Map, Value};
use std::net::SocketAddr;
use tower::ServiceExt;

const PASSWORD: &str = "Kyoto-Sakura-2031";
const INSTITUTION: &str = "1310123458";

/// Who sends a request.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Nobody,
    Operator,
    Municipality,
    Manager,
}

const EVERYONE: [Who; 4] = [Who::Nobody, Who::Operator, Who::Municipality, Who::Manager];

struct World {
    app: Router,
    /// Bearer tokens of full sessions, by [`Who`] (none for `Nobody`).
    tokens: Vec<(Who, String)>,
    /// An account only log-ins are tried on (it may end up locked).
    login_target: (String, String),
    /// A doctor of the institution whose designation may be updated.
    doctor: String,
}

async fn onboard(state: &AppState, login_id: &str) -> String {
    let email = format!("{}@fuzz.example", login_id.to_lowercase());
    accounts::complete_onboarding(&state.store, login_id, PASSWORD, &email)
        .await
        .unwrap()
}

async fn caller(state: &AppState, login_id: &str) -> Caller {
    Caller::acting_as(
        accounts::account_by_login_id(&state.store, login_id)
            .await
            .unwrap(),
    )
}

async fn log_in(app: &Router, login_id: &str, key_file: &str) -> String {
    let body = json!({"login_id": login_id, "password": PASSWORD, "key_file": key_file});
    let response = app
        .clone()
        .oneshot(request(
            Method::POST,
            "/api/v1/sessions",
            None,
            Some("application/json"),
            [127, 0, 0, 1],
            body.to_string().into_bytes(),
        ))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    let v: Value = serde_json::from_slice(&body).unwrap();
    v["token"].as_str().unwrap().to_owned()
}

/// The operator's 管理者, a 自治体 with its 管理者, an institution with its 責任者 and a
/// second doctor, and an operator user to log in as.
async fn world(dir: &std::path::Path) -> World {
    let url = format!("sqlite://{}?mode=rwc", dir.join("fuzz.sqlite3").display());
    let store = nsdb_store::Store::connect(&url).await.unwrap();
    let state = AppState::new(
        store.clone(),
        Config::new(dir.to_path_buf(), "http://localhost".into()),
    );
    let app = nsdb_web::app(state.clone());

    let operator = accounts::bootstrap(&store).await.unwrap().login_id;
    let operator_key = onboard(&state, &operator).await;
    let op = caller(&state, &operator).await;

    let user = accounts::create_organization_user(
        &state,
        &op,
        &NewOrganizationUser {
            role: "operator_user".into(),
            family_name: "運営".into(),
            given_name: "試験".into(),
        },
    )
    .await
    .unwrap()
    .login_id;
    let user_key = onboard(&state, &user).await;

    let municipality = accounts::create_municipality(
        &state,
        &op,
        &NewMunicipality {
            code: "130001".into(),
            name: "東京都".into(),
            programs: vec!["nanbyo".into(), "shoman".into()],
        },
    )
    .await
    .unwrap()
    .admin
    .login_id;
    let municipality_key = onboard(&state, &municipality).await;
    let mu = caller(&state, &municipality).await;
    institutions::create_institution(
        &state,
        &mu,
        &NewInstitution {
            code: INSTITUTION.into(),
            name: "都立中央総合病院".into(),
            address: None,
            phone: None,
        },
    )
    .await
    .unwrap();
    let mut doctors = Vec::new();
    for (registration, designation) in [("100001", "N13-0001"), ("100002", "N13-0002")] {
        let valid =
            nsdb_domain::time::today_in_japan(chrono::Utc::now()) + chrono::Duration::days(365);
        let issued = accounts::create_doctor(
            &state,
            &mu,
            &NewDoctor {
                institution_code: INSTITUTION.into(),
                program: "nanbyo".into(),
                family_name: "山田".into(),
                given_name: "太郎".into(),
                family_name_kana: "ヤマダ".into(),
                given_name_kana: "タロウ".into(),
                medical_registration_number: registration.into(),
                designated_doctor_number: designation.into(),
                kind: "designated".into(),
                valid_until: valid.to_string(),
                department: None,
                phone: None,
            },
        )
        .await
        .unwrap();
        doctors.push(issued.login_id);
    }
    let manager_key = onboard(&state, &doctors[0]).await;

    let mut tokens = Vec::new();
    for (who, login_id, key) in [
        (Who::Operator, &operator, &operator_key),
        (Who::Municipality, &municipality, &municipality_key),
        (Who::Manager, &doctors[0], &manager_key),
    ] {
        tokens.push((who, log_in(&app, login_id, key).await));
    }
    World {
        app,
        tokens,
        login_target: (user, user_key),
        doctor: doctors[1].clone(),
    }
}

/// One operation with a JSON body: method, path, who may call it, and a valid body.
struct Operation {
    id: &'static str,
    method: Method,
    path: String,
    who: Who,
    body: Value,
}

fn operations(world: &World) -> Vec<Operation> {
    let valid_until = (nsdb_domain::time::today_in_japan(chrono::Utc::now())
        + chrono::Duration::days(700))
    .to_string();
    let (login_id, key_file) = &world.login_target;
    let op = |id, method, path: &str, who, body| Operation {
        id,
        method,
        path: path.to_owned(),
        who,
        body,
    };
    vec![
        op(
            "createSession",
            Method::POST,
            "/api/v1/sessions",
            Who::Nobody,
            json!({"login_id": login_id, "password": PASSWORD, "key_file": key_file}),
        ),
        op(
            "completeFirstLogin",
            Method::POST,
            "/api/v1/sessions/current/first-login",
            Who::Operator,
            json!({"email": "a@example.jp", "new_password": "Nara-Shika-2032!"}),
        ),
        op(
            "requestPasswordReset",
            Method::POST,
            "/api/v1/password-resets",
            Who::Nobody,
            json!({"login_id": login_id, "email": "x@example.jp"}),
        ),
        op(
            "resetPassword",
            Method::POST,
            "/api/v1/password-resets/0123456789abcdef",
            Who::Nobody,
            json!({"new_password": "Nara-Shika-2032!"}),
        ),
        op(
            "changePassword",
            Method::PUT,
            "/api/v1/me/password",
            Who::Operator,
            // Not the current password: the tokens must stay valid.
            json!({"current_password": "not-the-password", "new_password": "Nara-Shika-2032!"}),
        ),
        op(
            "createMunicipality",
            Method::POST,
            "/api/v1/municipalities",
            Who::Operator,
            json!({"code": "141003", "name": "横浜市", "programs": ["nanbyo", "shoman"]}),
        ),
        op(
            "createOrganizationUser",
            Method::POST,
            "/api/v1/users",
            Who::Municipality,
            json!({"role": "municipality_user", "family_name": "東京", "given_name": "職員"}),
        ),
        op(
            "createInstitution",
            Method::POST,
            "/api/v1/institutions",
            Who::Municipality,
            json!({"code": "1310123466", "name": "病院", "address": "東京都", "phone": "03-1111-2222"}),
        ),
        op(
            "changeInstitutionCode",
            Method::PUT,
            &format!("/api/v1/institutions/{INSTITUTION}/code"),
            Who::Municipality,
            json!({"new_code": INSTITUTION}),
        ),
        op(
            "createDoctor",
            Method::POST,
            "/api/v1/doctors",
            Who::Municipality,
            json!({
                "institution_code": INSTITUTION, "program": "shoman",
                "family_name": "鈴木", "given_name": "一郎",
                "family_name_kana": "スズキ", "given_name_kana": "イチロウ",
                "medical_registration_number": "100009", "designated_doctor_number": "S13-0009",
                "kind": "designated", "valid_until": valid_until,
                "department": "小児科", "phone": null
            }),
        ),
        op(
            "updateDoctor",
            Method::PUT,
            &format!("/api/v1/doctors/{}", world.doctor),
            Who::Municipality,
            json!({"valid_until": valid_until, "department": "内科", "phone": "03-1111-2222"}),
        ),
        op(
            "createStaffAccount",
            Method::POST,
            "/api/v1/staff-accounts",
            Who::Manager,
            json!({"role": "clerk", "family_name": "事務", "given_name": "花子"}),
        ),
        op(
            "applyConcurrentAssignment",
            Method::POST,
            "/api/v1/concurrent-assignments",
            Who::Manager,
            json!({"institution_code": INSTITUTION}),
        ),
        op(
            "decideConcurrentAssignment",
            Method::POST,
            "/api/v1/concurrent-assignments/0190f0e0-0000-7000-8000-000000000000/decision",
            Who::Manager,
            json!({"approve": true}),
        ),
    ]
}

fn request(
    method: Method,
    path: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    ip: [u8; 4],
    body: Vec<u8>,
) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if let Some(content_type) = content_type {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    let mut request = builder.body(Body::from(body)).unwrap();
    request
        .extensions_mut()
        .insert(ConnectInfo(SocketAddr::from((ip, 40000))));
    request
}

// ---------------------------------------------------------------------------
// Bodies.

const SPECIAL_STRINGS: &[&str] = &[
    "",
    " ",
    "\u{0}",
    "\u{FEFF}",
    "\u{202E}",
    "\u{3000}",
    "a\nb",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "=1+1",
    "../../etc/passwd",
    "%00",
    "nanbyo",
    "shoman",
    "clerk",
    "manager",
    "operator_admin",
    "ministry_admin",
    "municipality_user",
    "designated",
    "cooperating",
    "130001",
    "1310123458",
    "１３１０１２３４５８",
    "2030-03-31",
    "2030-02-30",
    "0000-01-01",
    "9999-12-31",
    "+002030-03-31",
    "2030-03-31T00:00:00Z",
    "Nara-Shika-2032!",
    "a@example.jp",
    "@",
];

fn json_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        3 => prop::sample::select(SPECIAL_STRINGS).prop_map(str::to_owned),
        1 => (
            prop::sample::select(&[3_999usize, 4_000, 4_001, 10_000, 100_000][..]),
            prop::sample::select(&['a', 'あ', '𠮷'][..]),
        )
            .prop_map(|(n, c)| std::iter::repeat_n(c, n).collect()),
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
            .map(Value::Number)),
        json_string().prop_map(Value::String),
    ]
}

/// Any JSON value: up to 8 levels, 20 items per array or object.
fn any_json() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(8, 256, 20, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..20).prop_map(Value::Array),
            prop::collection::vec((json_string(), inner), 0..20)
                .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Number texts no JSON value holds (replacing a field in the body's text).
const NUMBER_TEXTS: &[&str] = &[
    "1e400",
    "-1e400",
    "1e-400",
    "18446744073709551616",
    "-9223372036854775809",
    "123456789012345678901234567890123456789012345678901234567890",
    "0.000000000000000000000000000000000000000000000000000000000001",
    "-0",
    "1E+2",
    "01",
    "1.",
    ".5",
    "NaN",
    "Infinity",
    "0x10",
];

const JSON_INSERTS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b":",
    b",",
    b",}",
    b"\\",
    b"\\u0000",
    b"\\ud800",
    b"\\udc00\\ud800",
    b"\\uZZZZ",
    b"1e400",
    b"-",
    b"null",
    b"true",
    b"\xFF",
    b"\xC3",
    b"\xED\xA0\x80",
    b"\0",
    b" ",
    b"\n",
    b"//",
    b"/*",
    b"\xEF\xBB\xBF",
    b"{\"a\":1}",
];

#[derive(Debug, Clone)]
enum FieldEdit {
    /// The `field`-th field (modulo their number) set to a value.
    Set {
        field: usize,
        value: Value,
    },
    Remove {
        field: usize,
    },
    Add {
        key: String,
        value: Value,
    },
    /// `count` unknown keys.
    ManyKeys {
        count: usize,
    },
    /// The field as a number no JSON value holds (only in the body's text).
    Number {
        field: usize,
        text: &'static str,
    },
}

fn field_edit() -> impl Strategy<Value = FieldEdit> {
    prop_oneof![
        6 => (any::<usize>(), any_json()).prop_map(|(field, value)| FieldEdit::Set { field, value }),
        2 => any::<usize>().prop_map(|field| FieldEdit::Remove { field }),
        2 => (json_string(), any_json()).prop_map(|(key, value)| FieldEdit::Add { key, value }),
        1 => prop_oneof![1usize..50, 1usize..20_000].prop_map(|count| FieldEdit::ManyKeys { count }),
        2 => (any::<usize>(), prop::sample::select(NUMBER_TEXTS))
            .prop_map(|(field, text)| FieldEdit::Number { field, text }),
    ]
}

#[derive(Debug, Clone)]
enum Edit {
    FlipBit { at: usize, bit: u8 },
    Truncate { at: usize },
    Delete { at: usize, len: usize },
    Duplicate { from: usize, len: usize, to: usize },
    Insert { at: usize, what: &'static [u8] },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        2 => (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Edit::FlipBit { at, bit }),
        1 => any::<usize>().prop_map(|at| Edit::Truncate { at }),
        1 => (any::<usize>(), 1usize..40).prop_map(|(at, len)| Edit::Delete { at, len }),
        1 => (any::<usize>(), 1usize..200, any::<usize>())
            .prop_map(|(from, len, to)| Edit::Duplicate { from, len, to }),
        4 => (any::<usize>(), prop::sample::select(JSON_INSERTS))
            .prop_map(|(at, what)| Edit::Insert { at, what }),
    ]
}

fn apply_edit(doc: &mut Vec<u8>, e: &Edit) {
    let len = doc.len();
    let at = |x: usize| x % (len + 1);
    match *e {
        Edit::FlipBit { at: a, bit } => {
            if len > 0 {
                doc[a % len] ^= 1 << bit;
            }
        }
        Edit::Truncate { at: a } => doc.truncate(at(a)),
        Edit::Delete { at: a, len: n } => {
            let from = at(a);
            doc.drain(from..(from + n).min(len));
        }
        Edit::Duplicate { from, len: n, to } => {
            let from = at(from);
            let span = doc[from..(from + n).min(len)].to_vec();
            let to = at(to);
            doc.splice(to..to, span);
        }
        Edit::Insert { at: a, what } => {
            let a = at(a);
            doc.splice(a..a, what.iter().copied());
        }
    }
}

#[derive(Debug, Clone)]
enum JsonBody {
    /// The operation's valid body with its fields edited, then (maybe) its text.
    Template {
        fields: Vec<FieldEdit>,
        edits: Vec<Edit>,
    },
    /// Any JSON value instead of the body.
    Value(Value),
    /// `depth` times `open` (`[`, `{"a":`), closed or not.
    Deep {
        depth: usize,
        open: &'static str,
        closed: bool,
    },
    /// One byte past the upload limit (10 MiB) of spaces around the valid body.
    Huge,
}

fn body() -> impl Strategy<Value = JsonBody> {
    prop_oneof![
        8 => (
            prop::collection::vec(field_edit(), 0..4),
            prop_oneof![3 => Just(Vec::new()), 2 => prop::collection::vec(edit(), 1..4)],
        )
            .prop_map(|(fields, edits)| JsonBody::Template { fields, edits }),
        3 => any_json().prop_map(JsonBody::Value),
        1 => (
            prop_oneof![1usize..200, 100usize..200_000],
            prop::sample::select(&["[", "{\"a\":", "[{\"a\":"][..]),
            any::<bool>(),
        )
            .prop_map(|(depth, open, closed)| JsonBody::Deep { depth, open, closed }),
        // Rare: it is 10 MiB.
        1 => prop::bool::weighted(0.1).prop_map(|huge| if huge {
            JsonBody::Huge
        } else {
            JsonBody::Template { fields: Vec::new(), edits: Vec::new() }
        }),
    ]
}

/// The marker a [`FieldEdit::Number`] leaves in the value, replaced in its text.
fn number_marker(i: usize) -> String {
    format!("__number_{i}__")
}

fn render(template: &Value, body: &JsonBody) -> Vec<u8> {
    match body {
        JsonBody::Template { fields, edits } => {
            let mut value = template.clone();
            let mut numbers: Vec<String> = Vec::new();
            for edit in fields {
                let Value::Object(map) = &mut value else {
                    break;
                };
                let key_at = |field: usize| map.keys().nth(field % map.len().max(1)).cloned();
                match edit {
                    FieldEdit::Set { field, value } => {
                        if let Some(key) = key_at(*field) {
                            map.insert(key, value.clone());
                        }
                    }
                    FieldEdit::Remove { field } => {
                        if let Some(key) = key_at(*field) {
                            map.remove(&key);
                        }
                    }
                    FieldEdit::Add { key, value } => {
                        map.insert(key.clone(), value.clone());
                    }
                    FieldEdit::ManyKeys { count } => {
                        for i in 0..*count {
                            map.insert(format!("k{i}"), Value::from(i));
                        }
                    }
                    FieldEdit::Number { field, text } => {
                        if let Some(key) = key_at(*field) {
                            map.insert(key, Value::String(number_marker(numbers.len())));
                            numbers.push(text.to_string());
                        }
                    }
                }
            }
            let mut text = value.to_string();
            for (i, number) in numbers.iter().enumerate() {
                text = text.replace(&format!("\"{}\"", number_marker(i)), number);
            }
            let mut bytes = text.into_bytes();
            for e in edits {
                apply_edit(&mut bytes, e);
            }
            bytes
        }
        JsonBody::Value(v) => v.to_string().into_bytes(),
        JsonBody::Deep {
            depth,
            open,
            closed,
        } => {
            let mut text = open.repeat(*depth);
            text.push('1');
            if *closed {
                let close: String = open
                    .chars()
                    .rev()
                    .filter_map(|c| match c {
                        '[' => Some(']'),
                        '{' => Some('}'),
                        _ => None,
                    })
                    .collect();
                text.push_str(&close.repeat(*depth));
            }
            text.into_bytes()
        }
        JsonBody::Huge => {
            let valid = template.to_string();
            let mut text = " ".repeat(10 * 1024 * 1024 + 1 - valid.len());
            text.push_str(&valid);
            text.into_bytes()
        }
    }
}

const CONTENT_TYPES: &[Option<&str>] = &[
    Some("application/json"),
    Some("application/json"),
    Some("application/json"),
    Some("application/json"),
    Some("application/json; charset=utf-8"),
    Some("application/problem+json"),
    Some("text/plain"),
    Some("application/x-www-form-urlencoded"),
    Some("application/json; charset=shift_jis"),
    None,
];

/// The error codes of interfaces.md for a 4xx status.
fn codes_of(status: StatusCode) -> &'static [&'static str] {
    match status.as_u16() {
        400 => &["malformed"],
        401 => &["unauthenticated"],
        403 => &["forbidden"],
        404 => &["not_found"],
        409 => &["conflict"],
        413 => &["too_large"],
        422 => &["invalid", "unprocessable"],
        423 => &["locked"],
        429 => &["rate_limited"],
        _ => &[],
    }
}

#[derive(Debug, Clone)]
struct Case {
    operation: usize,
    /// Usually the one who may call the operation; else anyone.
    other_caller: Option<usize>,
    content_type: Option<&'static str>,
    ip: [u8; 4],
    body: JsonBody,
}

fn case() -> impl Strategy<Value = Case> {
    (
        any::<usize>(),
        prop::option::weighted(0.2, 0usize..EVERYONE.len()),
        prop::sample::select(CONTENT_TYPES),
        any::<[u8; 4]>(),
        body(),
    )
        .prop_map(|(operation, other_caller, content_type, ip, body)| Case {
            operation,
            other_caller,
            content_type,
            ip,
            body,
        })
}

async fn run_case(world: &World, ops: &[Operation], case: &Case) -> Result<(), TestCaseError> {
    let op = &ops[case.operation % ops.len()];
    let who = case.other_caller.map_or(op.who, |i| EVERYONE[i]);
    let token = world
        .tokens
        .iter()
        .find(|(w, _)| *w == who)
        .map(|(_, t)| t.as_str());
    let body = render(&op.body, &case.body);
    let len = body.len();
    let response = world
        .app
        .clone()
        .oneshot(request(
            op.method.clone(),
            &op.path,
            token,
            case.content_type,
            case.ip,
            body,
        ))
        .await
        .unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let answer = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&answer);
    let what = format!("{} with {len} bytes as {who:?}: {status} {text}", op.id);
    prop_assert!(!status.is_server_error(), "{}", what);
    prop_assert!(status.is_success() || status.is_client_error(), "{}", what);
    if status.is_client_error() {
        prop_assert!(
            content_type.starts_with("application/json"),
            "{} ({})",
            what,
            content_type
        );
        let v: Value = serde_json::from_slice(&answer)
            .map_err(|e| TestCaseError::fail(format!("{what}: not JSON ({e})")))?;
        let shape = v.as_object().is_some_and(|o| o.len() == 1)
            && v["error"].as_object().is_some_and(|e| e.len() == 3)
            && v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
            && v["error"]["details"].is_array();
        prop_assert!(shape, "{}: not the error shape", what);
        let code = v["error"]["code"].as_str().unwrap_or("");
        prop_assert!(
            codes_of(status).contains(&code),
            "{}: code {} for {}",
            what,
            code,
            status
        );
    }
    Ok(())
}

/// 256 cases by default; `PROPTEST_CASES` sets another number.
#[test]
fn json_bodies_never_make_a_5xx_and_are_refused_in_the_error_shape() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let world = runtime.block_on(world(dir.path()));
    let ops = operations(&world);

    // The valid bodies themselves are accepted, or refused as a duplicate or as not
    // allowed (first log-in over, no such reset token or assignment, wrong password).
    for op in &ops {
        let case = Case {
            operation: ops.iter().position(|o| o.id == op.id).unwrap(),
            other_caller: None,
            content_type: Some("application/json"),
            ip: [127, 0, 0, 2],
            body: JsonBody::Template {
                fields: Vec::new(),
                edits: Vec::new(),
            },
        };
        runtime.block_on(run_case(&world, &ops, &case)).unwrap();
    }

    let config = ProptestConfig {
        source_file: Some(file!()),
        ..ProptestConfig::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&case(), |case| {
        runtime.block_on(run_case(&world, &ops, &case))
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
