use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor};
use std::str::FromStr;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration {version} failed: {source}")]
    Migration {
        version: String,
        source: sqlx::Error,
    },
    #[error("unique constraint violated")]
    Duplicate,
    /// A stored value the code does not understand (a role, a date…): reported, never
    /// replaced by a default.
    #[error("stored value not understood: {table}.{column} = {value:?}")]
    Corrupt {
        table: &'static str,
        column: String,
        value: String,
    },
}

impl StoreError {
    pub(crate) fn corrupt(table: &'static str, column: &str, value: &str) -> Self {
        StoreError::Corrupt {
            table,
            column: column.to_owned(),
            value: value.to_owned(),
        }
    }

    /// The transaction lost a race with another one and may succeed if run again from
    /// the start: a serialization failure or deadlock on PostgreSQL, a busy database on
    /// SQLite.
    pub fn is_retryable(&self) -> bool {
        let StoreError::Database(sqlx::Error::Database(db)) = self else {
            return false;
        };
        matches!(
            db.code().as_deref(),
            // PostgreSQL: serialization_failure, deadlock_detected.
            Some("40001") | Some("40P01")
            // SQLite: SQLITE_BUSY, SQLITE_LOCKED, SQLITE_BUSY_SNAPSHOT.
            | Some("5") | Some("6") | Some("517")
        )
    }

    fn from_sqlx(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Duplicate,
            _ => StoreError::Database(e),
        }
    }
}

pub(crate) trait MapDup<T> {
    fn dup(self) -> Result<T, StoreError>;
}

impl<T> MapDup<T> for Result<T, sqlx::Error> {
    fn dup(self) -> Result<T, StoreError> {
        self.map_err(StoreError::from_sqlx)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    /// Read-only units of work. On SQLite (WAL) these are separate read-only connections that
    /// read the last committed state while the one writer works; on PostgreSQL the same pool.
    readers: AnyPool,
    backend: Backend,
}

/// Read-only connections beside SQLite's one writer (WAL lets them read concurrently).
const SQLITE_READERS: u32 = 4;

/// One migration tree for both databases, embedded in the binary.
pub(crate) const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_accounts",
        include_str!("../migrations/0001_accounts.sql"),
    ),
    (
        "0002_key_registration_codes",
        include_str!("../migrations/0002_key_registration_codes.sql"),
    ),
    (
        "0003_institution_certificates",
        include_str!("../migrations/0003_institution_certificates.sql"),
    ),
    (
        "0004_operation_log_chains",
        include_str!("../migrations/0004_operation_log_chains.sql"),
    ),
    (
        "0005_patients_and_forms",
        include_str!("../migrations/0005_patients_and_forms.sql"),
    ),
    (
        "0006_form_links_and_receipts",
        include_str!("../migrations/0006_form_links_and_receipts.sql"),
    ),
    (
        "0007_renewals",
        include_str!("../migrations/0007_renewals.sql"),
    ),
    (
        "0008_form_imports",
        include_str!("../migrations/0008_form_imports.sql"),
    ),
    (
        "0009_import_jobs_and_version_mapping",
        include_str!("../migrations/0009_import_jobs_and_version_mapping.sql"),
    ),
    (
        "0010_import_findings",
        include_str!("../migrations/0010_import_findings.sql"),
    ),
];

impl Store {
    /// Connects and runs pending migrations. `sqlite:` URLs create the file if missing.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        };
        let options = AnyConnectOptions::from_str(url)?;
        let store = match backend {
            // SQLite allows one writer; a single connection serializes units of work
            // instead of failing them with SQLITE_BUSY.
            Backend::Sqlite => {
                let pool = AnyPoolOptions::new()
                    .max_connections(1)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;")
                                .await?;
                            Ok(())
                        })
                    })
                    .connect_with(options.clone())
                    .await?;
                // Opened lazily, after the writer has created the file and set WAL; a write
                // on them fails loudly (query_only) instead of taking the write lock.
                let readers = AnyPoolOptions::new()
                    .max_connections(SQLITE_READERS)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            conn.execute("PRAGMA query_only = ON; PRAGMA busy_timeout = 5000;")
                                .await?;
                            Ok(())
                        })
                    })
                    .connect_lazy_with(options);
                Self {
                    pool,
                    readers,
                    backend,
                }
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(POSTGRES_CONNECTIONS)
                    // No ping before each use: it is a round trip on every acquire (two per
                    // request). A connection the server closed meanwhile fails its first
                    // statement instead, and `begin` / `on_live_connection` try again.
                    .test_before_acquire(false)
                    .connect_with(options)
                    .await?;
                Self {
                    readers: pool.clone(),
                    pool,
                    backend,
                }
            }
        };
        store.migrate().await?;
        Ok(store)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        self.pool
            .execute("CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            .await?;
        for (version, sql) in MIGRATIONS {
            let mut tx = self.pool.begin().await?;
            let applied: Option<(String,)> =
                sqlx::query_as("SELECT version FROM schema_migrations WHERE version = $1")
                    .bind(*version)
                    .fetch_optional(&mut *tx)
                    .await?;
            if applied.is_some() {
                continue;
            }
            sqlx::raw_sql(sql)
                .execute(&mut *tx)
                .await
                .map_err(|source| StoreError::Migration {
                    version: version.to_string(),
                    source,
                })?;
            sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
                .bind(*version)
                .bind(crate::now_text())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// One unit of work: everything done through the `Tx` commits together or not at all.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(Tx {
            tx: on_live_connection(|| self.pool.begin()).await?,
        })
    }

    /// A unit of work that only reads: it sees the last committed state and never waits for
    /// the writer (SQLite WAL). Anything it tries to write fails.
    /// The pool read-only statements outside a unit of work run on.
    pub(crate) fn readers(&self) -> &AnyPool {
        &self.readers
    }

    pub async fn begin_read(&self) -> Result<Tx, StoreError> {
        Ok(Tx {
            tx: on_live_connection(|| self.readers.begin()).await?,
        })
    }

    pub async fn close(&self) {
        self.readers.close().await;
        self.pool.close().await;
    }
}

/// Connections of the PostgreSQL pool (the SQLite writer has one).
const POSTGRES_CONNECTIONS: u32 = 16;

/// Runs `first_statement` (a BEGIN, or a read on its own) again while it fails because its
/// pooled connection was closed by the server (a restart, an idle time-out): nothing has run
/// on that connection, so trying again is safe, and the pool drops the dead connection. At
/// most every pooled connection can be dead, so the tries are bounded by the pool's size.
pub(crate) async fn on_live_connection<T, F, Fut>(mut first_statement: F) -> Result<T, sqlx::Error>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, sqlx::Error>>,
{
    let mut tries = 0;
    loop {
        match first_statement().await {
            Err(e) if connection_lost(&e) && tries < POSTGRES_CONNECTIONS => tries += 1,
            result => return result,
        }
    }
}

fn connection_lost(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_) => true,
        // PostgreSQL's "operator intervention" class: the server ended the session
        // (57P01 on a restart or pg_terminate_backend, 57P05 an idle time-out…).
        sqlx::Error::Database(db) => db.code().is_some_and(|c| c.starts_with("57P")),
        _ => false,
    }
}

pub struct Tx {
    pub(crate) tx: sqlx::Transaction<'static, Any>,
}

impl Tx {
    pub async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }

    /// See [`crate::rows_per_insert`].
    pub(crate) fn rows_per_insert(&mut self) -> usize {
        crate::rows_per_insert(self.conn().backend_name())
    }

    /// See [`crate::keys_per_lookup`].
    pub(crate) fn keys_per_lookup(&mut self) -> usize {
        crate::keys_per_lookup(self.conn().backend_name())
    }

    pub(crate) fn conn(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }
}
