//! The OpenAPI document names every implemented operation with its interfaces.md operationId.
use crate::harness::*;
use serde_json::json;
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
