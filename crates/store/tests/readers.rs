//! Read-only units of work (issue 8, floods): on SQLite they read beside the one writer
//! instead of queueing behind it, see only committed data, and cannot write.
//! These run on SQLite only (also in the suite's PostgreSQL pass, where concurrent
//! migrations of one shared database would race).

use nsdb_store::{Backend, Store};
use std::time::Duration;

/// A fresh SQLite store: the reader pool is SQLite's (on PostgreSQL `begin_read` takes the
/// one pool, and the black-box suite exercises it there through every request).
async fn store(dir: &tempfile::TempDir) -> Store {
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("t.sqlite3").display()
    );
    Store::connect(&url).await.expect("connect")
}

#[tokio::test]
async fn a_read_proceeds_while_a_write_is_open_and_sees_only_committed_data() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir).await;
    let subject = format!("reader-test-{}", std::process::id());

    let mut writer = store.begin().await.unwrap();
    writer
        .insert_mail("a@example.jp", &subject, "body")
        .await
        .unwrap();

    // The writer holds SQLite's only write connection; a read must not wait for it.
    let seen_during = tokio::time::timeout(Duration::from_secs(10), async {
        let mut read = store.begin_read().await.unwrap();
        read.recent_mails(1000).await.unwrap()
    })
    .await
    .expect("a read does not queue behind an open write");
    assert!(seen_during.iter().all(|m| m.subject != subject));

    writer.commit().await.unwrap();
    let mut read = store.begin_read().await.unwrap();
    let seen_after = read.recent_mails(1000).await.unwrap();
    assert!(seen_after.iter().any(|m| m.subject == subject));
}

#[tokio::test]
async fn a_read_only_unit_of_work_cannot_write_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir).await;
    assert_eq!(store.backend(), Backend::Sqlite);
    let mut read = store.begin_read().await.unwrap();
    assert!(read.insert_mail("a@example.jp", "x", "y").await.is_err());
}
