//! The one way services touch the store. A change runs its policy check, its changes and
//! its operation-log entry on one transaction, which commits only when the work ends in
//! `Ok`; a transaction that lost a race with another writer (a serialization failure or
//! deadlock on PostgreSQL, a busy database on SQLite) is run again from the start.
//!
//! `change!(store, |tx| { … })`: the block gets `tx: &mut Tx`, may use `?` and `return
//! Err(…)` (both roll back), and ends in `Ok(value)`. Work that must record a refusal (a
//! failed log-in, a wrong code) returns the refusal as its value, `Ok(Err(refusal))`: the
//! log entry commits and the caller passes the error on.
//!
//! These are macros rather than functions taking async closures: the block is expanded
//! into the caller's own future, so it stays `Send` (an `AsyncFnMut`'s future cannot be
//! bounded `Send` on stable Rust) and borrows the caller's values without boxing.

use std::time::Duration;

/// Attempts of one unit of work before the caller is told the system is busy (503).
pub(crate) const ATTEMPTS: u32 = 4;

/// Runs the block as one unit of work that changes the store. The block may run more
/// than once: it must not have effects outside the transaction (send mail after it).
macro_rules! change {
    ($store:expr, |$tx:ident| $body:block) => {{
        let mut attempt = 1;
        loop {
            let outcome = async {
                let mut transaction = $store.begin().await?;
                // The block runs in its own future, so that a `return` in it ends the
                // block (and its value is committed), not this attempt.
                let $tx: &mut nsdb_store::Tx = &mut transaction;
                let value: $crate::error::AppResult<_> = async { $body }.await;
                let value = value?;
                transaction.commit().await?;
                Ok::<_, $crate::error::AppError>(value)
            }
            .await;
            match outcome {
                Err($crate::error::AppError::Busy(cause))
                    if attempt < $crate::services::unit_of_work::ATTEMPTS =>
                {
                    tracing::info!(%cause, attempt, "unit of work retried after a conflict");
                    tokio::time::sleep($crate::services::unit_of_work::backoff(attempt)).await;
                    attempt += 1;
                }
                other => break other,
            }
        }
    }};
}

/// Runs the block on a read-only transaction: it sees the last committed state and, on
/// SQLite, does not wait for the writer. A read that must be logged (personal data)
/// writes a log entry, so it is a `change!`.
macro_rules! read {
    ($store:expr, |$tx:ident| $body:block) => {{
        async {
            let mut transaction = $store.begin_read().await?;
            let $tx: &mut nsdb_store::Tx = &mut transaction;
            let value: $crate::error::AppResult<_> = async { $body }.await;
            value
        }
        .await
    }};
}

pub(crate) use {change, read};

/// A short, growing, jittered wait so that two transactions that collided do not collide
/// again in step.
pub(crate) fn backoff(attempt: u32) -> Duration {
    let base = 5u64 << attempt.min(6);
    Duration::from_millis(base + rand::random::<u64>() % base)
}

#[cfg(test)]
mod tests {
    use super::ATTEMPTS;
    use crate::error::{AppError, AppResult};
    use nsdb_store::Store;
    use std::sync::atomic::{AtomicU32, Ordering};

    async fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("u.sqlite3").display()
        );
        let store = Store::connect(&url).await.unwrap();
        (dir, store)
    }

    fn conflict() -> AppError {
        AppError::Busy("simulated serialization failure".into())
    }

    async fn subjects(store: &Store) -> Vec<String> {
        let mails = read!(store, |tx| { Ok(tx.recent_mails(10).await?) }).unwrap();
        mails.into_iter().map(|m| m.subject).collect()
    }

    #[tokio::test]
    async fn a_conflict_runs_the_work_again_and_only_the_last_attempt_commits() {
        let (_dir, store) = store().await;
        let attempts = AtomicU32::new(0);
        let value: AppResult<u32> = change!(&store, |tx| {
            let n = attempts.fetch_add(1, Ordering::SeqCst) + 1;
            tx.insert_mail("a@example.jp", &format!("attempt {n}"), "")
                .await?;
            if n < 3 {
                return Err(conflict());
            }
            Ok(n)
        });
        assert_eq!(value.unwrap(), 3);
        assert_eq!(subjects(&store).await, vec!["attempt 3".to_owned()]);
    }

    #[tokio::test]
    async fn conflicts_on_every_attempt_give_busy_and_change_nothing() {
        let (_dir, store) = store().await;
        let attempts = AtomicU32::new(0);
        let outcome: AppResult<()> = change!(&store, |tx| {
            attempts.fetch_add(1, Ordering::SeqCst);
            tx.insert_mail("a@example.jp", "never", "").await?;
            Err(conflict())
        });
        assert!(matches!(outcome, Err(AppError::Busy(_))));
        assert_eq!(attempts.load(Ordering::SeqCst), ATTEMPTS);
        assert!(subjects(&store).await.is_empty());
    }

    #[tokio::test]
    async fn any_other_error_is_not_retried_and_rolls_back() {
        let (_dir, store) = store().await;
        let attempts = AtomicU32::new(0);
        let outcome: AppResult<()> = change!(&store, |tx| {
            attempts.fetch_add(1, Ordering::SeqCst);
            tx.insert_mail("a@example.jp", "never", "").await?;
            Err(nsdb_domain::DomainError::not_found().into())
        });
        assert_eq!(outcome.unwrap_err().status(), 404);
        assert_eq!(attempts.load(Ordering::SeqCst), 1);
        assert!(subjects(&store).await.is_empty());
    }

    #[tokio::test]
    async fn a_refusal_returned_as_the_value_commits_its_log_entry() {
        let (_dir, store) = store().await;
        let wrong_code = true;
        let refused: AppResult<AppResult<()>> = change!(&store, |tx| {
            tx.insert_mail("a@example.jp", "refusal recorded", "")
                .await?;
            if wrong_code {
                // An early `return` of a value commits like the block's end.
                return Ok(Err(nsdb_domain::DomainError::not_found().into()));
            }
            tx.insert_mail("a@example.jp", "not reached", "").await?;
            Ok(Ok(()))
        });
        assert!(refused.unwrap().is_err());
        assert_eq!(subjects(&store).await, vec!["refusal recorded".to_owned()]);
    }
}
