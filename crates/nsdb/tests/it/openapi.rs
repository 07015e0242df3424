//! The OpenAPI document names every implemented operation with its interfaces.md operationId,
//! and describes every answer with a typed schema (what each answer holds is then checked
//! against it on every call of the suite: `contract.rs`).
use crate::harness::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;

#[tokio::test]
async fn openapi_lists_every_operation() {
    let app = TestApp::spawn().await;
    let r = app.anonymous().get("/openapi.json").await;
    assert_eq!(r.status, 200, "{}", r.text);
    let doc = &r.body;
    assert!(
        doc["openapi"].as_str().unwrap_or("").starts_with("3.1"),
        "OpenAPI 3.1: {}",
        doc["openapi"]
    );
    let mut ids = BTreeSet::new();
    let mut paths = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        paths.insert(path.clone());
        for (method, op) in item.as_object().unwrap() {
            if let Some(id) = op.get("operationId").and_then(|v| v.as_str()) {
                assert!(ids.insert(id.to_owned()), "duplicate operationId {id}");
                assert!(
                    ["get", "post", "put", "delete", "patch"].contains(&method.as_str()),
                    "{path} {method}"
                );
            }
        }
    }
    // interfaces.md operations implemented so far, and the account operations of api/mod.rs.
    let expected = [
        "health",
        "createSession",
        "completeFirstLogin",
        "deleteSession",
        "createMunicipality",
        "createInstitution",
        "createDoctor",
        "createStaffAccount",
        "searchOperationLogs",
        "registerKeyFile",
        "requestPasswordReset",
        "resetPassword",
        "getCurrentAccount",
        "changePassword",
        "listMunicipalities",
        "listInstitutions",
        "changeInstitutionCode",
        "updateDoctor",
        "importDoctors",
        "createOrganizationUser",
        "listAccounts",
        "getAccount",
        "deleteAccount",
        "resetAccountPassword",
        "unlockAccount",
        "reissueKeyFile",
        "transferManager",
        "applyConcurrentAssignment",
        "listConcurrentAssignments",
        "decideConcurrentAssignment",
        "registerInstitutionCertificate",
        "listInstitutionCertificates",
        "revokeInstitutionCertificate",
        // Forms (issues 9 and 10).
        "listFormDefinitions",
        "getFormDefinition",
        "checkForms",
        "listPatients",
        "createPatient",
        "getPatient",
        "createForm",
        "updateForm",
        "getForm",
        "searchForms",
        "getFormHistory",
        "requestApproval",
        "returnForm",
        "approveForm",
        "withdrawForm",
        "startRenewal",
        "confirmCarriedSection",
        "importForms",
        "getJob",
        "getFormPdf",
        "lookupAccessKey",
        "receiveForm",
        "listLinkedForms",
    ];
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|id| !ids.contains(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "missing operationIds {missing:?}; have {ids:?}"
    );
    for p in paths {
        assert!(p.starts_with("/api/v1/"), "paths are absolute: {p}");
    }
    // Every listed health path answers as documented.
    let health = app.anonymous().get("/health").await;
    assert_eq!(health.body, json!({"status": "ok"}));
    // An unknown API path: 404 in the error shape.
    app.anonymous().get("/no-such-api").await.expect(404);
}

/// Every schema says what it holds: no `{}` and no object without properties (a client
/// generated from the document gets types, not `Object`), and every reference resolves.
#[tokio::test]
async fn every_schema_is_typed_and_every_reference_resolves() {
    let app = TestApp::spawn().await;
    let doc = app.anonymous().get("/openapi.json").await.body;
    let mut loose = Vec::new();
    let mut dangling = BTreeSet::new();
    walk(&doc, "", &mut |path, schema| {
        let Some(object) = schema.as_object() else {
            return;
        };
        if let Some(Value::String(target)) = object.get("$ref") {
            let name = target.trim_start_matches("#/components/schemas/");
            if doc["components"]["schemas"].get(name).is_none() {
                dangling.insert(target.clone());
            }
        }
        let is_schema_position = path.ends_with("/schema")
            || path.ends_with("/items")
            || path.ends_with("/additionalProperties")
            || path.contains("/properties/") && !path.ends_with("/properties");
        let bare_object = object.get("type") == Some(&json!("object"))
            && ![
                "properties",
                "additionalProperties",
                "allOf",
                "oneOf",
                "anyOf",
            ]
            .iter()
            .any(|k| object.contains_key(*k));
        if is_schema_position && (object.is_empty() || bare_object) {
            loose.push(path.to_owned());
        }
    });
    assert!(loose.is_empty(), "untyped schemas: {loose:#?}");
    assert!(dangling.is_empty(), "references to no schema: {dangling:?}");
}

fn walk(value: &Value, path: &str, visit: &mut dyn FnMut(&str, &Value)) {
    visit(path, value);
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                walk(child, &format!("{path}/{key}"), visit);
            }
        }
        Value::Array(list) => {
            for (i, child) in list.iter().enumerate() {
                walk(child, &format!("{path}/{i}"), visit);
            }
        }
        _ => {}
    }
}
