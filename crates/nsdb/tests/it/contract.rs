//! The API's contract, held to on every call: each JSON answer the black-box suite receives is
//! validated against the schema the server's own OpenAPI document gives for that operation and
//! status, and each JSON request the server accepted against the operation's request schema.
//! A field sent but described as another type (or described as required and missing) fails the
//! test that made the call, so the document cannot drift from what the server does.
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

/// The document, read once per test process from the first server asked.
static DOCUMENT: OnceCell<Value> = OnceCell::const_new();
/// Compiled schemas by "method template status" (or "… request").
static VALIDATORS: Mutex<Option<HashMap<String, Arc<jsonschema::Validator>>>> = Mutex::new(None);

/// Panics when the exchange `method path` (path under `/api/v1`, query allowed) departs from
/// the document: the JSON answer from the schema given for its status, or a JSON request the
/// server accepted (2xx) from the operation's request schema. Paths the document does not
/// describe (an unknown path's 404) are not checked here: `openapi.rs` checks that the
/// document names every operation.
pub async fn check(
    http: &reqwest::Client,
    base: &str,
    (method, path): (&Method, &str),
    request: Option<&Value>,
    (status, answer): (u16, &Value),
) {
    let document = DOCUMENT
        .get_or_init(|| async {
            http.get(format!("{base}/api/v1/openapi.json"))
                .send()
                .await
                .expect("openapi.json")
                .json()
                .await
                .expect("openapi.json is JSON")
        })
        .await;
    let path = path.split('?').next().unwrap_or(path);
    let Some(template) = template_of(document, &format!("/api/v1{path}")) else {
        return;
    };
    let method_name = method.as_str().to_ascii_lowercase();
    let operation = &document["paths"][&template][&method_name];
    if let Some(request) = request.filter(|_| (200..300).contains(&status)) {
        let schema = operation["requestBody"]["content"]["application/json"].get("schema");
        let key = format!("{method_name} {template} request");
        match schema {
            Some(schema) => validate(document, &key, schema, request),
            None => panic!("{key}: accepted a JSON body its document does not describe"),
        }
    }
    if answer.is_null() {
        return;
    }
    let responses = &operation["responses"];
    // An error status the operation does not name falls under its `default` (the error
    // shape); a success it does not name is a gap in the document.
    let response = match responses.get(status.to_string()) {
        Some(named) => named,
        None if status >= 400 => &responses["default"],
        None => {
            panic!("{method_name} {template} answered {status}, which its document does not name")
        }
    };
    if let Some(schema) = response["content"]["application/json"].get("schema") {
        let key = format!("{method_name} {template} {status}");
        validate(document, &key, schema, answer);
    }
}

/// Validates `value` against `schema` (a schema of the document, compiled once per key).
fn validate(document: &Value, key: &str, schema: &Value, value: &Value) {
    let validator = {
        let mut cache = VALIDATORS.lock().expect("validators");
        let cache = cache.get_or_insert_with(HashMap::new);
        cache
            .entry(key.to_owned())
            .or_insert_with(|| {
                // The schema as the root, with the components its references name.
                let mut root = schema.clone();
                if let Some(object) = root.as_object_mut() {
                    object.insert("components".into(), document["components"].clone());
                } else {
                    root = json!({"allOf": [schema], "components": document["components"]});
                }
                Arc::new(
                    jsonschema::draft202012::new(&root)
                        .unwrap_or_else(|e| panic!("the document's schema of {key}: {e}")),
                )
            })
            .clone()
    };
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("at {}: {e}", e.instance_path()))
        .take(10)
        .collect();
    assert!(
        errors.is_empty(),
        "{key} does not match its OpenAPI schema:\n{}\nvalue: {}",
        errors.join("\n"),
        value.to_string().chars().take(2000).collect::<String>()
    );
}

/// The document's path template a concrete path falls under: same segments, `{…}` matching
/// any one; of several, the one with the most literal segments (`/sessions/current` before
/// `/sessions/{id}`).
fn template_of(document: &Value, path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    document["paths"]
        .as_object()?
        .keys()
        .filter_map(|template| {
            let parts: Vec<&str> = template.split('/').collect();
            if parts.len() != segments.len() {
                return None;
            }
            let mut literal = 0;
            for (part, segment) in parts.iter().zip(&segments) {
                if part.starts_with('{') && part.ends_with('}') {
                    continue;
                }
                if part != segment {
                    return None;
                }
                literal += 1;
            }
            Some((literal, template))
        })
        .max_by_key(|(literal, _)| *literal)
        .map(|(_, template)| template.clone())
}

#[test]
fn a_path_falls_under_its_most_literal_template() {
    let document = json!({"paths": {
        "/api/v1/sessions/{id}": {}, "/api/v1/sessions/current": {}, "/api/v1/forms/{id}/history": {}
    }});
    assert_eq!(
        template_of(&document, "/api/v1/sessions/current").as_deref(),
        Some("/api/v1/sessions/current")
    );
    assert_eq!(
        template_of(&document, "/api/v1/sessions/abc").as_deref(),
        Some("/api/v1/sessions/{id}")
    );
    assert_eq!(
        template_of(&document, "/api/v1/forms/F1/history").as_deref(),
        Some("/api/v1/forms/{id}/history")
    );
    assert_eq!(template_of(&document, "/api/v1/forms/F1"), None);
}
