//! `nsdb-load import`: the 一括登録 throughput of a running server (issue 10). A demo clerk
//! uploads FILES bulk-registration files of FORMS forms each (パーキンソン病 臨個票 of new
//! patients), after a warm-up file and ANALYZE; each upload is timed from the request to the job's `finished` (getJob polled
//! every 10 ms). Then, on the same database and in the same run, the baseline: the very rows
//! those imports wrote (patients, forms, revisions, import lines, log entries) copied by
//! multi-row INSERTs into tables of the same definition and indexes, in as many
//! transactions as the imports committed. The report prints both rates and their ratio.
use anyhow::{bail, Context};
use serde_json::{json, Value};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Connection, Row};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The server, e.g. http://127.0.0.1:8080 (started with `serve --demo`).
    #[arg(long)]
    base_url: String,
    /// The demo log-ins the server wrote (`<data-dir>/demo-logins.json`).
    #[arg(long)]
    demo_logins: PathBuf,
    /// The server's database, for the baseline.
    #[arg(long)]
    database_url: String,
    /// Files uploaded one after the other.
    #[arg(long, default_value_t = 5)]
    files: usize,
    /// Files uploaded first and not measured, followed by ANALYZE: the planner's statistics
    /// as on a database in service (a demo database starts almost empty).
    #[arg(long, default_value_t = 1)]
    warmup_files: usize,
    /// Forms per file (a file must stay under the 10 MB upload limit: ≈ 2.2 KB a form).
    #[arg(long, default_value_t = 4000)]
    forms: usize,
    /// Forms the server stores per transaction (its FORMS_PER_BATCH), for the baseline.
    #[arg(long, default_value_t = 250)]
    forms_per_transaction: usize,
    /// The worked example the forms are made from.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../../forms/samples/nanbyo-006-2403.xml"))]
    sample: PathBuf,
}

/// The file: `forms` copies of the sample, each a patient of its own (family name by file,
/// birth dates a day apart).
fn bulk_file(sample: &str, file: usize, forms: usize) -> anyhow::Result<String> {
    let start = sample.find("<form_").context("a form in the sample")?;
    let end = sample.rfind("</bulk>").context("</bulk> in the sample")?;
    let (family, kana) = crate::people::FAMILY_NAMES[file % crate::people::FAMILY_NAMES.len()];
    let form = sample[start..end]
        .replace(
            "<family_name>山田</family_name>",
            &format!("<family_name>{family}</family_name>"),
        )
        .replace(
            "<family_name_kana>やまだ</family_name_kana>",
            &format!(
                "<family_name_kana>{}</family_name_kana>",
                crate::people::hiragana(kana)
            ),
        );
    let first = chrono::NaiveDate::from_ymd_opt(1930, 1, 1).context("date")?;
    let mut out = String::with_capacity(form.len() * forms + 200);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bulk xmlns=\"urn:nsdb:bulk:1\">\n  ",
    );
    for i in 0..forms {
        let born = first + chrono::Duration::days(i as i64);
        out.push_str(
            &form
                .replace(
                    "<birth_date>1955-05-10</birth_date>",
                    &format!("<birth_date>{born}</birth_date>"),
                )
                .replace("<local_ref>SAMPLE-", &format!("<local_ref>F{file}-{i}-")),
        );
    }
    out.push_str("</bulk>\n");
    Ok(out)
}

pub async fn log_in_demo_clerk(
    http: &reqwest::Client,
    base: &str,
    logins: &PathBuf,
) -> anyhow::Result<String> {
    let all: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(logins)?)?;
    let clerk = all
        .iter()
        .find(|l| l["role"] == "clerk" && l["organization"] == "都立中央総合病院")
        .context("the Tokyo demo clerk in demo-logins.json")?;
    let key = std::fs::read_to_string(clerk["key_file"].as_str().context("key_file")?)?;
    let r = http
        .post(format!("{base}/api/v1/sessions"))
        .json(
            &json!({"login_id": clerk["login_id"], "password": clerk["password"], "key_file": key}),
        )
        .send()
        .await?;
    let status = r.status();
    let body: Value = r.json().await?;
    if status.as_u16() != 201 {
        bail!("log-in: {status} {body}");
    }
    Ok(body["token"].as_str().context("token")?.to_owned())
}

/// One upload, timed: from the request to its answer, and to its job's end with its report
/// read.
struct Imported {
    id: String,
    stored: i64,
    answered: f64,
    /// The getJob that answered `finished`, with the report.
    report: f64,
    /// From the request to the job's end as the server recorded it (`finished_at`, the same
    /// machine's clock), plus the reading of its report: the polls' idle overshoot is left
    /// out, so the client can poll slowly and stay out of the server's way.
    seconds: f64,
}

/// How often the client asks for its job.
const POLL: Duration = Duration::from_millis(100);

/// Uploads a file and waits for its job.
async fn import_one(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    file: String,
) -> anyhow::Result<Imported> {
    let started = Instant::now();
    let started_at = chrono::Utc::now();
    let r = http
        .post(format!("{base}/api/v1/form-imports"))
        .bearer_auth(token)
        .header("content-type", "application/xml")
        .body(file)
        .send()
        .await?;
    let status = r.status().as_u16();
    let body: Value = r.json().await?;
    let answered = started.elapsed().as_secs_f64();
    let id = match status {
        201 => {
            return Ok(Imported {
                id: body["import_id"].as_str().context("import_id")?.to_owned(),
                stored: body["stored"].as_i64().unwrap_or(0),
                answered,
                report: 0.0,
                seconds: answered,
            })
        }
        202 => body["id"].as_str().context("job id")?.to_owned(),
        _ => bail!(
            "importForms: {status} {}",
            body.to_string().chars().take(300).collect::<String>()
        ),
    };
    loop {
        let asked = Instant::now();
        let job: Value = http
            .get(format!("{base}/api/v1/jobs/{id}"))
            .bearer_auth(token)
            .send()
            .await?
            .json()
            .await?;
        match job["state"].as_str() {
            Some("finished") => {
                let report = asked.elapsed().as_secs_f64();
                let finished_at: chrono::DateTime<chrono::Utc> = job["finished_at"]
                    .as_str()
                    .context("finished_at")?
                    .parse()?;
                let to_end =
                    (finished_at - started_at).num_microseconds().unwrap_or(0) as f64 / 1e6;
                return Ok(Imported {
                    id,
                    stored: job["stored"].as_i64().unwrap_or(0),
                    answered,
                    report,
                    seconds: to_end + report,
                });
            }
            Some("failed") => bail!("job {id} failed: {job}"),
            _ => tokio::time::sleep(POLL).await,
        }
    }
}

/// The tables an import writes to, in the order their rows can be inserted, with the rows
/// of the given imports.
fn tables(imports: &str) -> [(&'static str, String); 5] {
    let forms = format!("SELECT form_id FROM form_import_items WHERE import_id IN ({imports})");
    [
        ("patients", format!("id IN (SELECT patient_id FROM forms WHERE id IN ({forms}))")),
        ("forms", format!("id IN ({forms})")),
        ("form_revisions", format!("form_id IN ({forms})")),
        ("form_import_items", format!("import_id IN ({imports})")),
        (
            "operation_logs",
            format!(
                "(action = 'create_form' AND target IN ({forms})) OR (action = 'create_patient' AND target IN \
                 (SELECT patient_id FROM forms WHERE id IN ({forms})))"
            ),
        ),
    ]
}

#[derive(Clone)]
enum Cell {
    Int(Option<i64>),
    Text(Option<String>),
}

struct Copy {
    table: &'static str,
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

async fn columns(
    conn: &mut AnyConnection,
    postgres: bool,
    table: &str,
) -> anyhow::Result<Vec<(String, bool)>> {
    let sql = if postgres {
        "SELECT CAST(column_name AS TEXT), CAST(data_type AS TEXT) FROM information_schema.columns \
         WHERE table_name = $1 ORDER BY ordinal_position"
    } else {
        "SELECT name, type FROM pragma_table_info($1)"
    };
    let rows: Vec<(String, String)> = sqlx::query_as(sql)
        .bind(table)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(name, ty)| {
            let int = ty.to_ascii_lowercase().contains("int");
            (name, int)
        })
        .collect())
}

async fn read_rows(
    conn: &mut AnyConnection,
    postgres: bool,
    table: &'static str,
    filter: &str,
) -> anyhow::Result<Copy> {
    let columns = columns(conn, postgres, table).await?;
    let sql = format!(
        "SELECT {} FROM {table} WHERE {filter}",
        columns
            .iter()
            .map(|(c, _)| c.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let rows: Vec<AnyRow> = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    let rows = rows
        .iter()
        .map(|row| {
            columns
                .iter()
                .enumerate()
                .map(|(i, (_, int))| {
                    Ok(if *int {
                        Cell::Int(row.try_get(i)?)
                    } else {
                        Cell::Text(row.try_get(i)?)
                    })
                })
                .collect::<anyhow::Result<Vec<Cell>>>()
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(Copy {
        table,
        columns: columns.into_iter().map(|(c, _)| c).collect(),
        rows,
    })
}

/// A table `bench_raw_<table>` of the same definition and indexes, empty.
async fn shadow(conn: &mut AnyConnection, postgres: bool, table: &str) -> anyhow::Result<()> {
    let name = format!("bench_raw_{table}");
    sqlx::query(&format!("DROP TABLE IF EXISTS {name}"))
        .execute(&mut *conn)
        .await?;
    if postgres {
        sqlx::query(&format!("CREATE TABLE {name} (LIKE {table} INCLUDING ALL)"))
            .execute(&mut *conn)
            .await?;
        return Ok(());
    }
    let ddl: Vec<(String, String)> = sqlx::query_as(
        "SELECT type, sql FROM sqlite_master WHERE tbl_name = $1 AND sql IS NOT NULL ORDER BY type DESC",
    )
    .bind(table)
    .fetch_all(&mut *conn)
    .await?;
    for (kind, sql) in ddl {
        let sql = if kind == "table" {
            sql.replacen(
                &format!("CREATE TABLE {table} "),
                &format!("CREATE TABLE {name} "),
                1,
            )
            .replacen(
                &format!("CREATE TABLE \"{table}\""),
                &format!("CREATE TABLE {name}"),
                1,
            )
        } else {
            sql.replacen("CREATE INDEX ", "CREATE INDEX bench_raw_", 1)
                .replacen("CREATE UNIQUE INDEX ", "CREATE UNIQUE INDEX bench_raw_", 1)
                .replacen(&format!(" ON {table} "), &format!(" ON {name} "), 1)
                .replacen(&format!(" ON {table}("), &format!(" ON {name}("), 1)
        };
        sqlx::query(&sql).execute(&mut *conn).await?;
    }
    Ok(())
}

async fn insert_raw(
    conn: &mut AnyConnection,
    copy: &Copy,
    rows: &[Vec<Cell>],
) -> anyhow::Result<()> {
    let n = copy.columns.len();
    // As many rows a statement as the server's store writes on this database.
    let rows_per_insert = nsdb_store::rows_per_insert(conn.backend_name());
    for chunk in rows.chunks(rows_per_insert) {
        let values = (0..chunk.len())
            .map(|r| {
                let first = 1 + r * n;
                format!(
                    "({})",
                    (first..first + n)
                        .map(|p| format!("${p}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "INSERT INTO bench_raw_{} ({}) VALUES {values}",
            copy.table,
            copy.columns.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for row in chunk {
            for cell in row {
                query = match cell {
                    Cell::Int(v) => query.bind(*v),
                    Cell::Text(v) => query.bind(v.clone()),
                };
            }
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn import(args: ImportArgs) -> anyhow::Result<()> {
    sqlx::any::install_default_drivers();
    let http = reqwest::Client::new();
    let base = args.base_url.trim_end_matches('/');
    let token = log_in_demo_clerk(&http, base, &args.demo_logins).await?;
    let sample = std::fs::read_to_string(&args.sample)?;

    let postgres = args.database_url.starts_with("postgres");
    let mut conn = AnyConnection::connect(&args.database_url).await?;
    for f in 0..args.warmup_files {
        let file = bulk_file(&sample, args.files + f, args.forms)?;
        let done = import_one(&http, base, &token, file).await?;
        println!(
            "warm-up file: {} forms in {:.3} s (not measured)",
            done.stored, done.seconds
        );
    }
    sqlx::query("ANALYZE").execute(&mut conn).await?;

    let mut ids = Vec::new();
    let mut stored_total = 0;
    let mut seconds_total = 0.0;
    for f in 0..args.files {
        let file = bulk_file(&sample, f, args.forms)?;
        let megabytes = file.len() as f64 / 1e6;
        let Imported {
            id,
            stored,
            answered,
            report,
            seconds,
        } = import_one(&http, base, &token, file).await?;
        println!(
            "file {}: {} forms ({megabytes:.1} MB) stored in {seconds:.3} s = {:.0} forms/s (upload answered after {answered:.3} s; the finished job's report read in {report:.3} s)",
            f + 1,
            stored,
            stored as f64 / seconds
        );
        if stored != args.forms as i64 {
            bail!("file {}: {stored} of {} forms stored", f + 1, args.forms);
        }
        ids.push(id);
        stored_total += stored;
        seconds_total += seconds;
    }
    let import_rate = stored_total as f64 / seconds_total;
    println!("import: {stored_total} forms in {seconds_total:.3} s = {import_rate:.0} forms/s (target ≥ 5,000)");

    // The baseline, on the same database.
    for id in &ids {
        if !id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            bail!("unexpected import id {id}");
        }
    }
    let list = ids
        .iter()
        .map(|id| format!("'{id}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut copies = Vec::new();
    for (table, filter) in tables(&list) {
        let copy = read_rows(&mut conn, postgres, table, &filter).await?;
        shadow(&mut conn, postgres, table).await?;
        copies.push(copy);
    }
    let transactions = (args.files * args.forms.div_ceil(args.forms_per_transaction)).max(1);
    let rows: usize = copies.iter().map(|c| c.rows.len()).sum();
    let started = Instant::now();
    for t in 0..transactions {
        let mut tx = conn.begin().await?;
        for copy in &copies {
            let per = copy.rows.len().div_ceil(transactions);
            let from = (t * per).min(copy.rows.len());
            let to = ((t + 1) * per).min(copy.rows.len());
            insert_raw(&mut tx, copy, &copy.rows[from..to]).await?;
        }
        tx.commit().await?;
    }
    let raw_seconds = started.elapsed().as_secs_f64();
    let raw_rate = stored_total as f64 / raw_seconds;
    for copy in &copies {
        sqlx::query(&format!("DROP TABLE bench_raw_{}", copy.table))
            .execute(&mut conn)
            .await?;
    }
    println!(
        "raw multi-row INSERT of the same {rows} rows ({}) in {transactions} transactions: {raw_seconds:.3} s = {raw_rate:.0} forms/s",
        copies.iter().map(|c| format!("{} {}", c.table, c.rows.len())).collect::<Vec<_>>().join(", ")
    );
    println!(
        "import / raw = {:.0} % (target ≥ 50 %)",
        100.0 * import_rate / raw_rate
    );
    Ok(())
}
