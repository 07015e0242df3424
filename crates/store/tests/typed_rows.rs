//! The store hands back domain types; a stored value it does not understand is an error
//! naming the table, column and value, never a silent default (issue 9: typed rows).
//! SQLite only, like readers.rs.

use nsdb_domain::model::{OrganizationKind, Program, Role};
use nsdb_store::{NewAccount, NewOrganization, Store, StoreError};

async fn store(dir: &tempfile::TempDir) -> Store {
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("t.sqlite3").display()
    );
    Store::connect(&url).await.expect("connect")
}

#[tokio::test]
async fn rows_come_back_typed_and_bad_values_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir).await;
    let mut tx = store.begin().await.unwrap();
    let org = tx
        .insert_organization(&NewOrganization {
            kind: "municipality",
            code: "130001",
            name: "東京都",
            programs: "nanbyo,shoman",
            municipality_id: None,
            address: None,
            phone: None,
        })
        .await
        .unwrap();
    assert_eq!(org.kind, OrganizationKind::Municipality);
    assert_eq!(org.programs, vec![Program::Nanbyo, Program::Shoman]);
    let account = tx
        .insert_account(&NewAccount {
            login_id: "M0000001".into(),
            organization_id: org.id.clone(),
            role: "municipality_admin".into(),
            is_manager: false,
            family_name: "東京".into(),
            given_name: "管理者".into(),
            password_hash: "x".into(),
            valid_until: Some("2027-03-31".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(account.role, Role::MunicipalityAdmin);
    assert!(account.first_login_pending);
    assert!(!account.is_manager);
    assert_eq!(account.valid_until.unwrap().to_string(), "2027-03-31");
    tx.commit().await.unwrap();

    // A role the code does not know (written by hand, or by a newer version).
    {
        use sqlx::Connection;
        let url = format!("sqlite://{}", dir.path().join("t.sqlite3").display());
        let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
        sqlx::query("UPDATE accounts SET role = 'superuser'")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }
    let mut tx = store.begin().await.unwrap();
    let err = tx.account_by_id(&account.id).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Corrupt { table: "accounts", column, value } if column == "role" && value == "superuser"),
        "{err}"
    );
}
