//! The operation log: append-only, each entry chained to the previous by SHA-256.
use crate::db::{StoreError, Tx};
use sha2::{Digest, Sha256};

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
}

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
    Intact { entries: i64 },
    Broken { seq: i64, reason: String },
}

fn entry_hash(prev_hash: &str, seq: i64, e: &NewLogEntry<'_>, at: &str) -> String {
    let mut h = Sha256::new();
    let fields = [
        prev_hash,
        &seq.to_string(),
        at,
        e.actor_login_id.unwrap_or(""),
        e.actor_organization_id.unwrap_or(""),
        e.municipality_scope.unwrap_or(""),
        e.action,
        e.target.unwrap_or(""),
        e.result,
        e.client_address.unwrap_or(""),
        e.detail.unwrap_or(""),
    ];
    for f in fields {
        // length-prefixed so that moving text between fields changes the hash
        h.update((f.len() as u64).to_be_bytes());
        h.update(f.as_bytes());
    }
    hex::encode(h.finalize())
}

impl Tx {
    pub async fn append_log(&mut self, e: &NewLogEntry<'_>) -> Result<i64, StoreError> {
        let (seq, prev_hash): (i64, String) = sqlx::query_as(
            "UPDATE operation_log_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash",
        )
        .fetch_one(self.conn())
        .await?;
        let at = crate::now_text();
        let hash = entry_hash(&prev_hash, seq, e, &at);
        sqlx::query("UPDATE operation_log_head SET hash = $1 WHERE id = 1")
            .bind(&hash)
            .execute(self.conn())
            .await?;
        sqlx::query(
            "INSERT INTO operation_logs (seq, at, actor_login_id, actor_organization_id, municipality_scope, action, target, \
             result, client_address, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(seq)
        .bind(&at)
        .bind(e.actor_login_id)
        .bind(e.actor_organization_id)
        .bind(e.municipality_scope)
        .bind(e.action)
        .bind(e.target)
        .bind(e.result)
        .bind(e.client_address)
        .bind(e.detail)
        .bind(&prev_hash)
        .bind(&hash)
        .execute(self.conn())
        .await?;
        Ok(seq)
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
            "SELECT seq, at, actor_login_id, actor_organization_id, municipality_scope, action, target, result, \
             client_address, detail, prev_hash, hash FROM operation_logs WHERE {where_clause} ORDER BY seq DESC LIMIT ${} OFFSET ${}",
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

    /// Walks the chain in order and reports the first entry whose links do not hold.
    pub async fn verify_log(&mut self) -> Result<VerifyOutcome, StoreError> {
        const PAGE: i64 = 1000;
        let mut expected_prev =
            "0000000000000000000000000000000000000000000000000000000000000000".to_owned();
        let mut expected_seq = 1;
        loop {
            let rows: Vec<LogEntry> = sqlx::query_as(
                "SELECT seq, at, actor_login_id, actor_organization_id, municipality_scope, action, target, result, \
                 client_address, detail, prev_hash, hash FROM operation_logs WHERE seq >= $1 ORDER BY seq LIMIT $2",
            )
            .bind(expected_seq)
            .bind(PAGE)
            .fetch_all(self.conn())
            .await?;
            if rows.is_empty() {
                break;
            }
            for r in &rows {
                if r.seq != expected_seq {
                    return Ok(VerifyOutcome::Broken {
                        seq: expected_seq,
                        reason: format!("entry {expected_seq} is missing (next is {})", r.seq),
                    });
                }
                if r.prev_hash != expected_prev {
                    return Ok(VerifyOutcome::Broken {
                        seq: r.seq,
                        reason: "prev_hash does not match the previous entry".into(),
                    });
                }
                let recomputed = entry_hash(
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
                if recomputed != r.hash {
                    return Ok(VerifyOutcome::Broken {
                        seq: r.seq,
                        reason: "content does not match its hash (altered)".into(),
                    });
                }
                expected_prev = r.hash.clone();
                expected_seq += 1;
            }
        }
        let (head_seq, head_hash): (i64, String) =
            sqlx::query_as("SELECT seq, hash FROM operation_log_head WHERE id = 1")
                .fetch_one(self.conn())
                .await?;
        if head_seq != expected_seq - 1 || head_hash != expected_prev {
            return Ok(VerifyOutcome::Broken {
                seq: expected_seq,
                reason: format!(
                    "the chain ends at entry {} but the head records entry {head_seq} (entries removed at the end?)",
                    expected_seq - 1
                ),
            });
        }
        Ok(VerifyOutcome::Intact {
            entries: expected_seq - 1,
        })
    }
}
