//! Bulk loading (the load benchmark's generator): rows written many per statement read
//! back exactly as the services' one-row inserts do, in any life-cycle state, with their
//! own timestamps and history. SQLite only, like readers.rs.

use nsdb_domain::data_keys::Sealed;
use nsdb_domain::form::FormState;
use nsdb_domain::model::Program;
use nsdb_domain::patient::{PatientQuery, PatientSearchKeys};
use nsdb_forms::data::{Answer, FormData};
use nsdb_forms::ApplicationKind;
use nsdb_store::{
    FormQuery, LoadedConfirmation, LoadedForm, LoadedPatient, LoadedRevision, NewAccount,
    NewOrganization, Store,
};

/// More rows than one statement takes, so that the chunking is exercised.
const PATIENTS: usize = 901;

fn sealed(text: &str) -> Sealed {
    Sealed {
        key_id: "20261203-abcdef".into(),
        text: text.into(),
    }
}

fn at(minute: usize) -> String {
    format!(
        "2026-01-01T{:02}:{:02}:00.000000Z",
        minute / 60 % 24,
        minute % 60
    )
}

#[tokio::test]
async fn loaded_rows_read_back_as_the_services_write_them() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("t.sqlite3").display()
    );
    let store = Store::connect(&url).await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let institution = tx
        .insert_organization(&NewOrganization {
            kind: "institution",
            code: "1310123458",
            name: "都立中央総合病院",
            programs: "",
            municipality_id: None,
            address: None,
            phone: None,
        })
        .await
        .unwrap();
    let account = |login_id: &str, role: &str| NewAccount {
        login_id: login_id.into(),
        organization_id: institution.id.clone(),
        role: role.into(),
        family_name: "小林".into(),
        given_name: "事務".into(),
        password_hash: "x".into(),
        program: (role == "doctor").then(|| "nanbyo".into()),
        ..Default::default()
    };
    let clerk = tx
        .insert_account(&account("CL00000001", "clerk"))
        .await
        .unwrap();
    let doctor = tx
        .insert_account(&account("DR00000001", "doctor"))
        .await
        .unwrap();

    let answers = FormData::new().with("hoehn_yahr", Answer::Text("3".into()));
    let mut patients = Vec::new();
    let mut forms = Vec::new();
    let mut revisions = Vec::new();
    for n in 0..PATIENTS {
        let patient_id = format!("patient-{n:04}");
        let form_id = format!("form-{n:04}");
        patients.push(LoadedPatient {
            id: patient_id.clone(),
            institution_id: institution.id.clone(),
            sealed: sealed(&format!("sealed patient {n}")),
            search: PatientSearchKeys {
                kana: format!("kana-{n}"),
                family_kana: format!("family-kana-{}", n % 10),
                name: format!("name-{n}"),
                family_name: format!("family-name-{}", n % 10),
                birth_date: "birth".into(),
            },
            consent: Some((clerk.id.clone(), at(n))),
            created_by: clerk.id.clone(),
            created_at: at(n),
        });
        // Even forms stay drafts (one revision); odd ones are confirmed (three).
        let confirmed = n % 2 == 1;
        let steps: &[(&str, FormState, &str)] = if confirmed {
            &[
                ("save", FormState::Draft, &clerk.id),
                ("request_approval", FormState::AwaitingApproval, &clerk.id),
                ("approve", FormState::Confirmed, &doctor.id),
            ]
        } else {
            &[("save", FormState::Draft, &clerk.id)]
        };
        for (i, (action, state, actor)) in steps.iter().enumerate() {
            revisions.push(LoadedRevision {
                form_id: form_id.clone(),
                revision: i as i64 + 1,
                action: (*action).into(),
                state: *state,
                actor_id: (*actor).into(),
                at: at(n + i),
                changed_items: if i == 0 {
                    vec!["hoehn_yahr".into()]
                } else {
                    vec![]
                },
                answers: answers.clone(),
                sealed_answers: sealed(&format!("revision {i} of {n}")),
            });
        }
        let (_, last_state, last_actor) = steps[steps.len() - 1];
        forms.push(LoadedForm {
            id: form_id,
            institution_id: institution.id.clone(),
            patient_id,
            definition_id: "nanbyo-006-2403".into(),
            definition_hash: "hash".into(),
            program: Program::Nanbyo,
            disease_number: "006".into(),
            application_kind: ApplicationKind::New,
            state: last_state,
            revision: steps.len() as i64,
            answers: answers.clone(),
            sealed_answers: sealed(&format!("answers of {n}")),
            error_count: 0,
            warning_count: 1,
            outcome: "該当".into(),
            approver_id: confirmed.then(|| doctor.id.clone()),
            created_by: clerk.id.clone(),
            created_at: at(n),
            updated_by: last_actor.into(),
            updated_at: at(n + steps.len() - 1),
            confirmed: confirmed.then(|| LoadedConfirmation {
                by: doctor.id.clone(),
                at: at(n + 2),
                evaluation: "{\"findings\": []}".into(),
                rule_version: "nanbyo-006-2403/1".into(),
                access_key_hash: format!("key-hash-{n}"),
                sealed_access_key: format!("sealed key {n}"),
            }),
        });
    }
    tx.load_patients(&patients).await.unwrap();
    tx.load_forms(&forms).await.unwrap();
    tx.load_form_revisions(&revisions).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = store.begin().await.unwrap();
    let form = tx.form_by_id("form-0007").await.unwrap().expect("loaded");
    assert_eq!(form.state, FormState::Confirmed);
    assert_eq!(form.revision, 3);
    assert_eq!(form.answers, answers);
    assert_eq!(form.sealed_answers, sealed("answers of 7"));
    assert_eq!(form.patient.sealed, sealed("sealed patient 7"));
    assert_eq!(form.comment_count, 0);
    assert_eq!(
        (form.created_by.as_str(), form.updated_by.as_str()),
        ("CL00000001", "DR00000001")
    );
    assert_eq!(nsdb_domain::time::format_timestamp(form.updated_at), at(9));
    assert_eq!(
        form.approver.as_ref().map(|a| a.0.as_str()),
        Some("DR00000001")
    );
    let confirmation = form.confirmed.expect("confirmed");
    assert_eq!(confirmation.by, "DR00000001");
    assert_eq!(confirmation.sealed_access_key.text, "sealed key 7");
    assert_eq!(
        confirmation.sealed_access_key.key_id,
        form.sealed_answers.key_id
    );
    assert!(tx.form_by_access_key("key-hash-7").await.unwrap().is_some());

    let history = tx.form_revisions("form-0007").await.unwrap();
    let actions: Vec<&str> = history.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["save", "request_approval", "approve"]);
    assert_eq!(history[0].changed_items, ["hoehn_yahr"]);
    assert_eq!(history[2].sealed_answers, sealed("revision 2 of 7"));
    assert_eq!(nsdb_domain::time::format_timestamp(history[1].at), at(8));

    let draft = tx
        .form_by_id("form-0900")
        .await
        .unwrap()
        .expect("the last row");
    assert_eq!((draft.state, draft.revision), (FormState::Draft, 1));
    assert!(draft.confirmed.is_none() && draft.approver.is_none());

    let mut query = FormQuery {
        institutions: vec![institution.id.clone()],
        states: vec![FormState::Draft],
        limit: 10,
        ..Default::default()
    };
    let (page, total) = tx.search_forms(&query).await.unwrap();
    assert_eq!(total, PATIENTS.div_ceil(2) as i64);
    assert_eq!(page[0].id, "form-0900", "most recently changed first");
    query.states = Vec::new();
    query.patient = PatientQuery {
        kana: Some("family-kana-3".into()),
        ..Default::default()
    };
    let (_, total) = tx.search_forms(&query).await.unwrap();
    assert_eq!(total, (0..PATIENTS).filter(|n| n % 10 == 3).count() as i64);
    let consent = tx
        .patient_by_id("patient-0003")
        .await
        .unwrap()
        .unwrap()
        .consent;
    assert_eq!(consent.map(|(by, _)| by).as_deref(), Some("CL00000001"));
}
