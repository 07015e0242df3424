//! Keeping the data keys and the database in step: the start-up check that the key file
//! opens everything stored, and the re-sealing of `nsdb rotate-data-key`.
use super::sealing;
use nsdb_domain::data_keys::{DataKeys, Sealed};
use nsdb_store::{SealedRecord, SealedTable, Store};

/// Refuses to start on a database holding values sealed under keys the key file lacks
/// (a wrong or replaced key file): they could never be read, and new rows would be sealed
/// under a key the old ones do not share.
pub async fn ensure_keys_cover(store: &Store, keys: &DataKeys) -> anyhow::Result<()> {
    let mut tx = store.begin_read().await?;
    let missing: Vec<String> = tx
        .sealing_key_ids()
        .await?
        .into_iter()
        .filter(|id| !keys.has_key(id))
        .collect();
    if !missing.is_empty() {
        anyhow::bail!(
            "データベースには、鍵ファイルにないデータ鍵（{}）で暗号化された個人情報があります。正しい鍵ファイルを --data-key-file で指定してください。",
            missing.join(", ")
        );
    }
    Ok(())
}

/// Rows re-sealed per table.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ResealCounts {
    pub patients: usize,
    pub forms: usize,
    pub revisions: usize,
    pub comments: usize,
    pub receipts: usize,
    pub import_files: usize,
    pub import_findings: usize,
}

impl ResealCounts {
    pub fn total(&self) -> usize {
        self.patients
            + self.forms
            + self.revisions
            + self.comments
            + self.receipts
            + self.import_files
            + self.import_findings
    }
}

/// Rows re-sealed per transaction: small enough not to hold up the server's own writes.
const BATCH: i64 = 200;

/// Uploaded 一括登録 files are up to the upload limit each: one per transaction.
fn rows_per_batch(table: SealedTable) -> i64 {
    match table {
        SealedTable::FormImports | SealedTable::FormImportFindings => 1,
        _ => BATCH,
    }
}

/// The context each sealed column of a row was sealed with.
fn contexts(table: SealedTable, row_id: &str) -> (String, Option<String>) {
    match table {
        SealedTable::Patients => (sealing::patient(row_id), None),
        SealedTable::Forms => (
            sealing::form_answers(row_id),
            Some(sealing::form_access_key(row_id)),
        ),
        SealedTable::FormRevisions => {
            let (form_id, revision) = row_id.rsplit_once(':').unwrap_or((row_id, "0"));
            (
                sealing::revision_answers(form_id, revision.parse().unwrap_or(0)),
                None,
            )
        }
        SealedTable::FormComments => (sealing::comment(row_id), None),
        SealedTable::FormReceipts => (sealing::receipt(row_id), None),
        SealedTable::FormImports => (sealing::import_file(row_id), None),
        SealedTable::FormImportFindings => (sealing::import_findings(row_id), None),
    }
}

fn reseal_value(keys: &DataKeys, sealed: &Sealed, context: &str) -> anyhow::Result<Sealed> {
    let plain = keys
        .open(sealed, context)
        .map_err(|e| anyhow::anyhow!("{context}: {e}"))?;
    Ok(keys.seal(&plain, context))
}

/// Re-seals every row not yet under `keys`' current key, a batch per transaction.
pub async fn reseal_all(store: &Store, keys: &DataKeys) -> anyhow::Result<ResealCounts> {
    let mut counts = ResealCounts::default();
    for table in SealedTable::ALL {
        let mut skipped = std::collections::BTreeSet::new();
        loop {
            let mut tx = store.begin().await?;
            let rows = tx
                .sealed_not_under(
                    table,
                    keys.current_key_id(),
                    rows_per_batch(table) + skipped.len() as i64,
                )
                .await?;
            let rows: Vec<SealedRecord> = rows
                .into_iter()
                .filter(|r| !skipped.contains(&r.row_id))
                .collect();
            if rows.is_empty() {
                break;
            }
            let mut done = 0;
            for old in rows {
                let (first_context, second_context) = contexts(table, &old.row_id);
                let new = SealedRecord {
                    row_id: old.row_id.clone(),
                    first: reseal_value(keys, &old.first, &first_context)?,
                    second: match (&old.second, &second_context) {
                        (Some(sealed), Some(context)) => Some(reseal_value(keys, sealed, context)?),
                        _ => None,
                    },
                };
                if tx.reseal(table, &old, &new).await? {
                    done += 1;
                } else {
                    // Saved meanwhile by the running server: left for the next rotation.
                    skipped.insert(old.row_id);
                }
            }
            tx.commit().await?;
            match table {
                SealedTable::Patients => counts.patients += done,
                SealedTable::Forms => counts.forms += done,
                SealedTable::FormRevisions => counts.revisions += done,
                SealedTable::FormComments => counts.comments += done,
                SealedTable::FormReceipts => counts.receipts += done,
                SealedTable::FormImports => counts.import_files += done,
                SealedTable::FormImportFindings => counts.import_findings += done,
            }
        }
    }
    Ok(counts)
}
