//! The operation log: append-only, in one hash chain per partition. Each entry carries the
//! SHA-256 of the previous entry of its chain; the chain's head row holds the last one, so
//! an entry altered, removed or cut off at the end is found by `verify_log`.
//!
//! The partition is the acting organization: appends of different organizations never
//! wait for each other, and the chain name is the distribution key on a distributed
//! PostgreSQL.
use crate::db::{StoreError, Tx};
use sha2::{Digest, Sha256};

/// The chain of entries written before the log was partitioned (hash format 1).
const LEGACY_CHAIN: &str = "legacy";
/// The chain of entries no organization acted in (e.g. a log-in with an unknown ID).
const SYSTEM_CHAIN: &str = "system";
const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub struct NewLogEntry<'a> {
    pub actor_login_id: Option<&'a str>,
    pub actor_organization_id: Option<&'a str>,
    /// The 自治体 whose log search shows this entry.
    pub municipality_scope: Option<&'a str>,
    pub action: &'a str,
    pub target: Option<&'a str>,
    pub result: &'a str,
    pub client_address: Option<&'a str>,
    pub detail: Option<&'a str>,
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct LogEntry {
    /// The chain (partition) the entry belongs to, and its number in that chain.
    pub chain: String,
    pub seq: i64,
    pub at: String,
    pub actor_login_id: Option<String>,
    pub actor_organization_id: Option<String>,
    pub municipality_scope: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub result: String,
    pub client_address: Option<String>,
    pub detail: Option<String>,
    pub prev_hash: String,
    pub hash: String,
    #[serde(skip)]
    pub hash_version: i64,
}

/// One entry of a target's 参照履歴: who (login ID, and name and organization where the
/// account still exists), what, when (the entry's own time text).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TargetAccess {
    pub at: String,
    pub actor_login_id: Option<String>,
    pub actor_name: Option<String>,
    pub organization_name: Option<String>,
    pub action: String,
}

const COLUMNS: &str =
    "chain, seq, at, actor_login_id, actor_organization_id, municipality_scope, action, target, \
    result, client_address, detail, prev_hash, hash, hash_version";

#[derive(Debug, Default)]
pub struct LogQuery {
    pub municipality_scope: Option<String>,
    pub from: Option<String>,
    pub until: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub target: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum VerifyOutcome {
    Intact {
        entries: i64,
        chains: i64,
    },
    Broken {
        chain: String,
        seq: i64,
        reason: String,
    },
}

/// The chain an entry is appended to: the acting organization's.
fn chain_of<'a>(e: &NewLogEntry<'a>) -> &'a str {
    e.actor_organization_id
        .or(e.municipality_scope)
        .unwrap_or(SYSTEM_CHAIN)
}

/// The hash of an entry. Format 2 covers the chain name, so an entry moved to another
/// chain no longer verifies; format 1 (the legacy chain) predates chains.
fn entry_hash(
    version: i64,
    chain: &str,
    prev_hash: &str,
    seq: i64,
    e: &NewLogEntry<'_>,
    at: &str,
) -> String {
    let mut h = Sha256::new();
    let seq = seq.to_string();
    let chain_field: &[&str] = if version >= 2 { &[chain] } else { &[] };
    let fields = chain_field.iter().copied().chain([
        prev_hash,
        &seq,
        at,
        e.actor_login_id.unwrap_or(""),
        e.actor_organization_id.unwrap_or(""),
        e.municipality_scope.unwrap_or(""),
        e.action,
        e.target.unwrap_or(""),
        e.result,
        e.client_address.unwrap_or(""),
        e.detail.unwrap_or(""),
    ]);
    for f in fields {
        // length-prefixed so that moving text between fields changes the hash
        h.update((f.len() as u64).to_be_bytes());
        h.update(f.as_bytes());
    }
    hex::encode(h.finalize())
}

impl Tx {
    /// Appends an entry to its organization's chain. Only appends of the same chain wait
    /// for each other (on the chain's head row).
    pub async fn append_log(&mut self, e: &NewLogEntry<'_>) -> Result<i64, StoreError> {
        self.append_logs(std::slice::from_ref(e)).await
    }

    /// Appends entries in order, each to its organization's chain: per chain, one step of
    /// the head row for all its entries and multi-row INSERTs. The sequence number of the
    /// last entry.
    pub async fn append_logs(&mut self, entries: &[NewLogEntry<'_>]) -> Result<i64, StoreError> {
        let mut last = 0;
        let mut rest: &[NewLogEntry] = entries;
        while let Some(first) = rest.first() {
            // A run of entries of the same chain (a service's entries are of one chain).
            let chain = chain_of(first);
            let run = rest.iter().take_while(|e| chain_of(e) == chain).count();
            let (these, others) = rest.split_at(run);
            last = self.append_run(chain, these).await?;
            rest = others;
        }
        Ok(last)
    }

    async fn append_run(
        &mut self,
        chain: &str,
        entries: &[NewLogEntry<'_>],
    ) -> Result<i64, StoreError> {
        const COLUMNS: usize = 11;
        let n = entries.len() as i64;
        // The upsert takes the head row's lock and moves it on by all the entries at once;
        // RETURNING gives the hash before these appends (only `seq` is updated).
        let (last_seq, mut prev_hash): (i64, String) = sqlx::query_as(
            "INSERT INTO operation_log_chains (chain, seq, hash) VALUES ($1, $2, $3) \
             ON CONFLICT (chain) DO UPDATE SET seq = operation_log_chains.seq + $2 RETURNING seq, hash",
        )
        .bind(chain)
        .bind(n)
        .bind(GENESIS_HASH)
        .fetch_one(self.conn())
        .await?;
        let at = crate::now_text();
        let mut rows = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let seq = last_seq - n + 1 + i as i64;
            let hash = entry_hash(2, chain, &prev_hash, seq, e, &at);
            rows.push((
                seq,
                std::mem::replace(&mut prev_hash, hash.clone()),
                hash,
                e,
            ));
        }
        sqlx::query("UPDATE operation_log_chains SET hash = $1 WHERE chain = $2")
            .bind(&prev_hash)
            .bind(chain)
            .execute(self.conn())
            .await?;
        let rows_per_insert = self.rows_per_insert();
        for chunk in rows.chunks(rows_per_insert) {
            let values =
                crate::rows_of_placeholders(3, chunk.len(), COLUMNS, |_| ", $1, 2, $2".to_owned());
            let sql = format!(
                "INSERT INTO operation_logs (seq, actor_login_id, actor_organization_id, municipality_scope, action, \
                 target, result, client_address, detail, prev_hash, hash, chain, hash_version, at) VALUES {values}"
            );
            let mut query = sqlx::query(&sql).bind(chain).bind(&at);
            for (seq, prev, hash, e) in chunk {
                query = query
                    .bind(*seq)
                    .bind(e.actor_login_id)
                    .bind(e.actor_organization_id)
                    .bind(e.municipality_scope)
                    .bind(e.action)
                    .bind(e.target)
                    .bind(e.result)
                    .bind(e.client_address)
                    .bind(e.detail)
                    .bind(prev.clone())
                    .bind(hash.clone());
            }
            query.execute(self.conn()).await?;
        }
        Ok(last_seq)
    }

    pub async fn search_logs(&mut self, q: &LogQuery) -> Result<(Vec<LogEntry>, i64), StoreError> {
        let mut conditions = vec!["1 = 1".to_owned()];
        let mut binds: Vec<String> = Vec::new();
        let mut push = |cond: &str, value: String| {
            binds.push(value);
            conditions.push(cond.replace('?', &format!("${}", binds.len())));
        };
        if let Some(m) = &q.municipality_scope {
            push("municipality_scope = ?", m.clone());
        }
        if let Some(v) = &q.from {
            push("at >= ?", v.clone());
        }
        if let Some(v) = &q.until {
            push("at < ?", v.clone());
        }
        if let Some(v) = &q.actor {
            push("actor_login_id = ?", v.clone());
        }
        if let Some(v) = &q.action {
            push("action = ?", v.clone());
        }
        if let Some(v) = &q.target {
            push("LOWER(target) LIKE ?", format!("%{}%", v.to_lowercase()));
        }
        let where_clause = conditions.join(" AND ");
        let n = binds.len();
        let sql = format!(
            "SELECT {COLUMNS} FROM operation_logs WHERE {where_clause} \
             ORDER BY at DESC, chain, seq DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let mut query = sqlx::query_as(&sql);
        for b in &binds {
            query = query.bind(b);
        }
        let rows = query
            .bind(q.limit)
            .bind(q.offset)
            .fetch_all(self.conn())
            .await?;
        let count_sql = format!("SELECT COUNT(*) FROM operation_logs WHERE {where_clause}");
        let mut count = sqlx::query_as::<_, (i64,)>(&count_sql);
        for b in &binds {
            count = count.bind(b);
        }
        let (total,) = count.fetch_one(self.conn()).await?;
        Ok((rows, total))
    }

    /// The latest `limit` log entries about `target` (a form: its 参照履歴), newest first, each
    /// with the acting account's name and organization where they still exist.
    pub async fn accesses_of_target(
        &mut self,
        target: &str,
        limit: i64,
    ) -> Result<Vec<TargetAccess>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT l.at, l.actor_login_id, a.family_name || ' ' || a.given_name AS actor_name, \
             o.name AS organization_name, l.action FROM operation_logs l \
             LEFT JOIN accounts a ON a.login_id = l.actor_login_id \
             LEFT JOIN organizations o ON o.id = l.actor_organization_id \
             WHERE l.target = $1 ORDER BY l.at DESC, l.chain, l.seq DESC LIMIT $2",
        )
        .bind(target)
        .bind(limit)
        .fetch_all(self.conn())
        .await?)
    }

    /// Walks every chain in order and reports the first entry whose links do not hold,
    /// or a chain whose head does not match its last entry (entries cut off at the end).
    pub async fn verify_log(&mut self) -> Result<VerifyOutcome, StoreError> {
        let heads: Vec<(String, i64, String)> =
            sqlx::query_as("SELECT chain, seq, hash FROM operation_log_chains ORDER BY chain")
                .fetch_all(self.conn())
                .await?;
        let headless: Option<(String,)> = sqlx::query_as(
            "SELECT DISTINCT l.chain FROM operation_logs l \
             WHERE NOT EXISTS (SELECT 1 FROM operation_log_chains c WHERE c.chain = l.chain) LIMIT 1",
        )
        .fetch_optional(self.conn())
        .await?;
        if let Some((chain,)) = headless {
            return Ok(VerifyOutcome::Broken {
                chain,
                seq: 1,
                reason: "the chain has entries but no head (head removed?)".into(),
            });
        }
        let mut entries = 0;
        for (chain, head_seq, head_hash) in &heads {
            match self.verify_chain(chain, *head_seq, head_hash).await? {
                Ok(n) => entries += n,
                Err((seq, reason)) => {
                    return Ok(VerifyOutcome::Broken {
                        chain: chain.clone(),
                        seq,
                        reason,
                    })
                }
            }
        }
        Ok(VerifyOutcome::Intact {
            entries,
            chains: heads.len() as i64,
        })
    }

    /// One chain: the number of entries, or the first broken entry and why.
    async fn verify_chain(
        &mut self,
        chain: &str,
        head_seq: i64,
        head_hash: &str,
    ) -> Result<Result<i64, (i64, String)>, StoreError> {
        const PAGE: i64 = 1000;
        let mut expected_prev = GENESIS_HASH.to_owned();
        let mut expected_seq = 1;
        loop {
            let rows: Vec<LogEntry> = sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM operation_logs WHERE chain = $1 AND seq >= $2 ORDER BY seq LIMIT $3"
            ))
            .bind(chain)
            .bind(expected_seq)
            .bind(PAGE)
            .fetch_all(self.conn())
            .await?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                if r.seq != expected_seq {
                    return Ok(Err((
                        expected_seq,
                        format!("entry {expected_seq} is missing (next is {})", r.seq),
                    )));
                }
                if r.prev_hash != expected_prev {
                    return Ok(Err((
                        r.seq,
                        "prev_hash does not match the previous entry".into(),
                    )));
                }
                // Format 1 exists only in the legacy chain: a version written into another
                // chain's row must not switch off the chain name's protection.
                let version_allowed =
                    r.hash_version == 2 || (r.hash_version == 1 && chain == LEGACY_CHAIN);
                let recomputed = entry_hash(
                    r.hash_version,
                    chain,
                    &r.prev_hash,
                    r.seq,
                    &NewLogEntry {
                        actor_login_id: r.actor_login_id.as_deref(),
                        actor_organization_id: r.actor_organization_id.as_deref(),
                        municipality_scope: r.municipality_scope.as_deref(),
                        action: &r.action,
                        target: r.target.as_deref(),
                        result: &r.result,
                        client_address: r.client_address.as_deref(),
                        detail: r.detail.as_deref(),
                    },
                    &r.at,
                );
                if !version_allowed || recomputed != r.hash {
                    return Ok(Err((
                        r.seq,
                        "content does not match its hash (altered)".into(),
                    )));
                }
                expected_prev = r.hash.clone();
                expected_seq += 1;
            }
        }
        if head_seq != expected_seq - 1 || head_hash != expected_prev {
            return Ok(Err((
                expected_seq,
                format!(
                    "the chain ends at entry {} but its head records entry {head_seq} (entries removed at the end?)",
                    expected_seq - 1
                ),
            )));
        }
        Ok(Ok(expected_seq - 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::MIGRATIONS;
    use crate::Store;
    use sqlx::Connection;

    fn entry<'a>(org: Option<&'a str>, action: &'a str) -> NewLogEntry<'a> {
        NewLogEntry {
            actor_login_id: Some("someone"),
            actor_organization_id: org,
            municipality_scope: None,
            action,
            target: None,
            result: "success",
            client_address: None,
            detail: None,
        }
    }

    fn sqlite_url(dir: &tempfile::TempDir) -> String {
        format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("log.sqlite3").display()
        )
    }

    /// A database as written before 0004: three entries in the one global chain (hash
    /// format 1), the head row pointing at the last.
    async fn database_before_chains(url: &str) {
        let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
        sqlx::raw_sql(
            "CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
        )
        .execute(&mut conn)
        .await
        .unwrap();
        for (version, sql) in MIGRATIONS.iter().take(3) {
            sqlx::raw_sql(sql).execute(&mut conn).await.unwrap();
            sqlx::query("INSERT INTO schema_migrations VALUES ($1, '2026-01-01T00:00:00Z')")
                .bind(*version)
                .execute(&mut conn)
                .await
                .unwrap();
        }
        let mut prev = GENESIS_HASH.to_owned();
        for seq in 1..=3 {
            let at = format!("2026-01-0{seq}T00:00:00.000000Z");
            let e = entry(Some("org-a"), "login");
            let hash = entry_hash(1, LEGACY_CHAIN, &prev, seq, &e, &at);
            sqlx::query(
                "INSERT INTO operation_logs (seq, at, actor_login_id, actor_organization_id, action, result, prev_hash, hash) \
                 VALUES ($1, $2, 'someone', 'org-a', 'login', 'success', $3, $4)",
            )
            .bind(seq)
            .bind(&at)
            .bind(&prev)
            .bind(&hash)
            .execute(&mut conn)
            .await
            .unwrap();
            prev = hash;
        }
        sqlx::query("UPDATE operation_log_head SET seq = 3, hash = $1 WHERE id = 1")
            .bind(&prev)
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
    }

    async fn verify(store: &Store) -> VerifyOutcome {
        let mut tx = store.begin().await.unwrap();
        tx.verify_log().await.unwrap()
    }

    async fn exec(store: &Store, sql: &str) {
        let mut tx = store.begin().await.unwrap();
        sqlx::raw_sql(sql).execute(tx.conn()).await.unwrap();
        tx.commit().await.unwrap();
    }

    #[tokio::test]
    async fn entries_written_before_the_chains_keep_verifying_in_the_legacy_chain() {
        sqlx::any::install_default_drivers();
        let dir = tempfile::tempdir().unwrap();
        let url = sqlite_url(&dir);
        database_before_chains(&url).await;
        let store = Store::connect(&url).await.unwrap();
        assert_eq!(
            verify(&store).await,
            VerifyOutcome::Intact {
                entries: 3,
                chains: 1
            }
        );
        // New entries start their organization's own chain at 1.
        let mut tx = store.begin().await.unwrap();
        assert_eq!(tx.append_log(&entry(Some("org-a"), "x")).await.unwrap(), 1);
        assert_eq!(tx.append_log(&entry(Some("org-b"), "x")).await.unwrap(), 1);
        assert_eq!(tx.append_log(&entry(Some("org-a"), "x")).await.unwrap(), 2);
        assert_eq!(tx.append_log(&entry(None, "x")).await.unwrap(), 1);
        tx.commit().await.unwrap();
        assert_eq!(
            verify(&store).await,
            VerifyOutcome::Intact {
                entries: 7,
                chains: 4
            }
        );
        // The legacy chain is still protected.
        exec(
            &store,
            "UPDATE operation_logs SET action = 'y' WHERE chain = 'legacy' AND seq = 2",
        )
        .await;
        assert!(matches!(
            verify(&store).await,
            VerifyOutcome::Broken { chain, seq: 2, .. } if chain == "legacy"
        ));
    }

    #[tokio::test]
    async fn each_chain_detects_alteration_moves_and_cut_ends() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&sqlite_url(&dir)).await.unwrap();
        let mut tx = store.begin().await.unwrap();
        for org in ["org-a", "org-b", "org-a", "org-b", "org-a"] {
            tx.append_log(&entry(Some(org), "x")).await.unwrap();
        }
        tx.commit().await.unwrap();
        assert_eq!(
            verify(&store).await,
            VerifyOutcome::Intact {
                entries: 5,
                chains: 2
            }
        );

        // An entry moved into another chain (renumbered to fit) no longer verifies: the
        // hash covers the chain.
        exec(&store, "UPDATE operation_logs SET chain = 'org-c' WHERE chain = 'org-b' AND seq = 2; \
                      INSERT INTO operation_log_chains (chain, seq, hash) \
                      SELECT 'org-c', 2, hash FROM operation_log_chains WHERE chain = 'org-b'; \
                      UPDATE operation_log_chains SET seq = 1, hash = (SELECT hash FROM operation_logs WHERE chain = 'org-b' AND seq = 1) WHERE chain = 'org-b'").await;
        assert!(
            matches!(verify(&store).await, VerifyOutcome::Broken { chain, .. } if chain == "org-c")
        );
        exec(&store, "DELETE FROM operation_logs WHERE chain = 'org-c'; DELETE FROM operation_log_chains WHERE chain = 'org-c'").await;
        assert!(matches!(
            verify(&store).await,
            VerifyOutcome::Intact {
                entries: 4,
                chains: 2
            }
        ));

        // A format-1 hash written into an organization's chain is refused.
        exec(
            &store,
            "UPDATE operation_logs SET hash_version = 1 WHERE chain = 'org-a' AND seq = 3",
        )
        .await;
        assert!(matches!(
            verify(&store).await,
            VerifyOutcome::Broken { chain, seq: 3, .. } if chain == "org-a"
        ));
        exec(
            &store,
            "UPDATE operation_logs SET hash_version = 2 WHERE chain = 'org-a' AND seq = 3",
        )
        .await;

        // The last entry of a chain removed: the head still names it.
        exec(
            &store,
            "DELETE FROM operation_logs WHERE chain = 'org-a' AND seq = 3",
        )
        .await;
        assert!(matches!(
            verify(&store).await,
            VerifyOutcome::Broken { chain, seq: 3, .. } if chain == "org-a"
        ));
        // A whole chain's head removed with its entries left: found too.
        exec(
            &store,
            "DELETE FROM operation_log_chains WHERE chain = 'org-b'",
        )
        .await;
        assert!(
            matches!(verify(&store).await, VerifyOutcome::Broken { chain, .. } if chain == "org-b")
        );
    }
}
