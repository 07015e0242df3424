//! `nsdb-load run`: U users, each a clerk of its own institution, for D seconds: open a
//! draft (getForm), save it with the revision read and one item changed (updateForm),
//! search by family-name kana and by state (searchForms), with a think time between the
//! steps. Latencies per operation go into HDR histograms; a 409 (a lost race) is counted
//! apart from errors. Then, on the same database, the baseline: a bare single-row INSERT
//! and COMMIT, as many samples as saves were measured.
use crate::generate::Logins;
use crate::people::{hiragana, FAMILY_NAMES};
use anyhow::Context;
use hdrhistogram::Histogram;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use sqlx::Connection;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct RunArgs {
    /// The server, e.g. http://127.0.0.1:8080.
    #[arg(long)]
    base_url: String,
    /// The file `generate --out` wrote.
    #[arg(long)]
    logins: PathBuf,
    /// Concurrent users (at most one per prepared log-in).
    #[arg(long, default_value_t = 200)]
    users: usize,
    /// Seconds measured.
    #[arg(long, default_value_t = 60)]
    duration: u64,
    /// Seconds run before measuring (caches and connection pools warm up).
    #[arg(long, default_value_t = 10)]
    warmup: u64,
    /// Mean think time between a user's steps, in milliseconds (exponentially distributed).
    #[arg(long, default_value_t = 1_000)]
    think_ms: u64,
    /// The same database, for the baseline INSERT + COMMIT.
    #[arg(long)]
    database_url: String,
    /// Connections the baseline runs on at once (1: one after the other).
    #[arg(long, default_value_t = 1)]
    baseline_concurrency: usize,
}

/// The measured operations, in report order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Open,
    Save,
    SearchKana,
    SearchState,
}

impl Op {
    const ALL: [Op; 4] = [Op::Open, Op::Save, Op::SearchKana, Op::SearchState];

    fn label(self) -> &'static str {
        match self {
            Op::Open => "open (getForm)",
            Op::Save => "save (updateForm)",
            Op::SearchKana => "search by kana (searchForms)",
            Op::SearchState => "search by state (searchForms)",
        }
    }

    /// The target for the 99th percentile, in milliseconds.
    fn target_p99_ms(self) -> f64 {
        match self {
            Op::Open | Op::Save => 50.0,
            Op::SearchKana | Op::SearchState => 200.0,
        }
    }
}

pub(crate) fn histogram() -> Histogram<u64> {
    // Microseconds, 1 µs to 10 min, three significant digits.
    Histogram::new_with_bounds(1, 600_000_000, 3).expect("valid bounds")
}

/// One user's (or the whole run's) measurements.
struct Stats {
    latencies: Vec<Histogram<u64>>,
    errors: Vec<u64>,
    conflicts: u64,
    /// The first few error answers, to print.
    samples: Vec<String>,
}

impl Stats {
    fn new() -> Self {
        Self {
            latencies: Op::ALL.iter().map(|_| histogram()).collect(),
            errors: vec![0; Op::ALL.len()],
            conflicts: 0,
            samples: Vec::new(),
        }
    }

    fn merge(&mut self, other: Stats) {
        for (mine, theirs) in self.latencies.iter_mut().zip(&other.latencies) {
            mine.add(theirs).expect("same bounds");
        }
        for (mine, theirs) in self.errors.iter_mut().zip(&other.errors) {
            *mine += theirs;
        }
        self.conflicts += other.conflicts;
        for s in other.samples {
            if self.samples.len() < 5 {
                self.samples.push(s);
            }
        }
    }

    fn error(&mut self, op: Op, what: String) {
        self.errors[op as usize] += 1;
        if self.samples.len() < 5 {
            self.samples.push(format!("{}: {what}", op.label()));
        }
    }
}

/// A logged-in user.
struct User {
    token: String,
    forms: Vec<String>,
}

async fn log_in(
    http: &reqwest::Client,
    base: &str,
    login_id: &str,
    password: &str,
    key_file: &str,
) -> anyhow::Result<String> {
    let r = http
        .post(format!("{base}/api/v1/sessions"))
        .json(&json!({"login_id": login_id, "password": password, "key_file": key_file}))
        .send()
        .await?;
    let status = r.status();
    let body: Value = r.json().await?;
    if status.as_u16() != 201 {
        anyhow::bail!("log-in of {login_id}: {status} {body}");
    }
    Ok(body["token"]
        .as_str()
        .context("token in the log-in answer")?
        .to_owned())
}

/// Exponentially distributed think time (users do not act in step).
fn think(rng: &mut StdRng, mean_ms: u64) -> Duration {
    let u: f64 = rng.gen_range(f64::EPSILON..1.0);
    Duration::from_secs_f64(-u.ln() * mean_ms as f64 / 1000.0)
}

/// The item a save changes: 記載年月日, moved one day back or forth (every worked example
/// has it; it is neither identifying nor part of the patient's record).
pub(crate) fn change_one_item(items: &mut Value) {
    let Some(date) = items
        .get("record_date")
        .and_then(Value::as_str)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    else {
        return;
    };
    use chrono::Datelike;
    let moved = if date.day() % 2 == 1 {
        date.succ_opt()
    } else {
        date.pred_opt()
    };
    if let Some(moved) = moved {
        items["record_date"] = json!(moved.to_string());
    }
}

/// Times one request; `Ok` with the answer's status and body.
async fn timed(req: reqwest::RequestBuilder) -> (Duration, Result<(u16, String), String>) {
    let start = Instant::now();
    let result = async {
        let r = req.send().await.map_err(|e| e.to_string())?;
        let status = r.status().as_u16();
        let text = r.text().await.map_err(|e| e.to_string())?;
        Ok((status, text))
    }
    .await;
    (start.elapsed(), result)
}

struct Clock {
    measure_from: Instant,
    end: Instant,
}

fn record(stats: &mut Stats, clock: &Clock, started: Instant, op: Op, took: Duration) {
    if started >= clock.measure_from {
        let micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX).max(1);
        stats.latencies[op as usize].saturating_record(micros);
    }
}

async fn user_loop(
    http: reqwest::Client,
    base: String,
    user: User,
    seed: u64,
    think_ms: u64,
    clock: Clock,
) -> Stats {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut stats = Stats::new();
    let auth = format!("Bearer {}", user.token);
    let counted = |started: Instant| started >= clock.measure_from;
    // Users start spread over one think time, not all at once.
    tokio::time::sleep(think(&mut rng, think_ms)).await;
    while Instant::now() < clock.end {
        if !user.forms.is_empty() {
            let id = &user.forms[rng.gen_range(0..user.forms.len())];
            let url = format!("{base}/api/v1/forms/{id}");
            let started = Instant::now();
            let (took, answer) = timed(http.get(&url).header("Authorization", &auth)).await;
            let opened = match answer {
                Ok((200, text)) => {
                    record(&mut stats, &clock, started, Op::Open, took);
                    serde_json::from_str::<Value>(&text).ok()
                }
                Ok((status, text)) => {
                    if counted(started) {
                        stats.error(Op::Open, format!("{status} {text:.300}"));
                    }
                    None
                }
                Err(e) => {
                    if counted(started) {
                        stats.error(Op::Open, e);
                    }
                    None
                }
            };
            tokio::time::sleep(think(&mut rng, think_ms)).await;
            if let Some(form) = opened {
                let mut items = form["items"].clone();
                change_one_item(&mut items);
                let body = json!({"revision": form["revision"], "items": items});
                let started = Instant::now();
                let (took, answer) =
                    timed(http.put(&url).header("Authorization", &auth).json(&body)).await;
                match answer {
                    Ok((200, _)) => record(&mut stats, &clock, started, Op::Save, took),
                    Ok((409, _)) if counted(started) => stats.conflicts += 1,
                    Ok((status, text)) if counted(started) => {
                        stats.error(Op::Save, format!("{status} {text:.300}"))
                    }
                    Err(e) if counted(started) => stats.error(Op::Save, e),
                    _ => {}
                }
                tokio::time::sleep(think(&mut rng, think_ms)).await;
            }
        }
        let (_, kana) = FAMILY_NAMES[rng.gen_range(0..FAMILY_NAMES.len())];
        let kana = if rng.gen_bool(0.5) {
            hiragana(kana)
        } else {
            kana.to_owned()
        };
        let state = ["draft", "awaiting_approval"][rng.gen_range(0..2)];
        for (op, query) in [
            (Op::SearchKana, ("kana", kana.as_str())),
            (Op::SearchState, ("state", state)),
        ] {
            let started = Instant::now();
            let (took, answer) = timed(
                http.get(format!("{base}/api/v1/forms"))
                    .query(&[query])
                    .header("Authorization", &auth),
            )
            .await;
            match answer {
                Ok((200, _)) => record(&mut stats, &clock, started, op, took),
                Ok((status, text)) if counted(started) => {
                    stats.error(op, format!("{status} {text:.300}"))
                }
                Err(e) if counted(started) => stats.error(op, e),
                _ => {}
            }
            tokio::time::sleep(think(&mut rng, think_ms)).await;
        }
    }
    stats
}

/// A bare single-row INSERT + COMMIT into a scratch table, `samples` times over
/// `concurrency` connections.
pub(crate) async fn baseline(
    url: &str,
    samples: u64,
    concurrency: usize,
) -> anyhow::Result<Histogram<u64>> {
    let mut setup = sqlx::PgConnection::connect(url).await?;
    sqlx::query("DROP TABLE IF EXISTS load_baseline")
        .execute(&mut setup)
        .await?;
    sqlx::query(
        "CREATE TABLE load_baseline (id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, note TEXT NOT NULL)",
    )
    .execute(&mut setup)
    .await?;
    let mut tasks = tokio::task::JoinSet::new();
    let concurrency = concurrency.max(1) as u64;
    for n in 0..concurrency {
        let url = url.to_owned();
        let share = samples / concurrency + u64::from(n < samples % concurrency);
        tasks.spawn(async move {
            let mut conn = sqlx::PgConnection::connect(&url).await?;
            let mut h = histogram();
            for i in 0..share {
                let took = bare_commit(&mut conn, "load_baseline", i).await?;
                h.saturating_record(took.as_micros() as u64);
            }
            anyhow::Ok(h)
        });
    }
    let mut all = histogram();
    while let Some(done) = tasks.join_next().await {
        all.add(done??)?;
    }
    sqlx::query("DROP TABLE load_baseline")
        .execute(&mut setup)
        .await?;
    Ok(all)
}

/// One bare single-row INSERT + COMMIT into `table` (the baseline's and the probe's), timed.
async fn bare_commit(
    conn: &mut sqlx::PgConnection,
    table: &str,
    sample: u64,
) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let mut tx = conn.begin().await?;
    sqlx::query(&format!("INSERT INTO {table} (at, note) VALUES ($1, $2)"))
        .bind(chrono::Utc::now().to_rfc3339())
        .bind(format!("sample {sample}"))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(started.elapsed())
}

/// How often the probe commits while the users run.
const PROBE_EVERY_MS: u64 = 100;

/// A bare single-row INSERT + COMMIT every [`PROBE_EVERY_MS`] on one connection while the
/// users run, recorded in the measured window.
async fn probe(url: String, clock: Clock) -> anyhow::Result<Histogram<u64>> {
    let mut conn = sqlx::PgConnection::connect(&url).await?;
    sqlx::query("DROP TABLE IF EXISTS load_probe")
        .execute(&mut conn)
        .await?;
    sqlx::query(
        "CREATE TABLE load_probe (id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, note TEXT NOT NULL)",
    )
    .execute(&mut conn)
    .await?;
    let mut h = histogram();
    let mut i = 0u64;
    while Instant::now() < clock.end {
        tokio::time::sleep(Duration::from_millis(PROBE_EVERY_MS)).await;
        let started = Instant::now();
        let took = bare_commit(&mut conn, "load_probe", i).await?;
        if started >= clock.measure_from {
            h.saturating_record(took.as_micros() as u64);
        }
        i += 1;
    }
    sqlx::query("DROP TABLE load_probe")
        .execute(&mut conn)
        .await?;
    Ok(h)
}

fn ms(micros: u64) -> f64 {
    micros as f64 / 1000.0
}

pub async fn run(args: RunArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.logins)
        .with_context(|| format!("reading {}", args.logins.display()))?;
    let logins: Logins = serde_json::from_str(&text)?;
    let count = args.users.min(logins.users.len());
    if count < args.users {
        println!("only {count} log-ins prepared: running {count} users");
    }
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(count)
        .timeout(Duration::from_secs(60))
        .build()?;
    let base = args.base_url.trim_end_matches('/').to_owned();

    // Log-ins (Argon2 on the server) before the clock starts, a few at a time.
    let started = Instant::now();
    let mut users = Vec::with_capacity(count);
    for chunk in logins.users[..count].chunks(8) {
        let mut pending = tokio::task::JoinSet::new();
        for (n, l) in chunk.iter().enumerate() {
            let (http, base, password) = (http.clone(), base.clone(), logins.password.clone());
            let (login_id, key_file, forms) = (
                l.login_id.clone(),
                l.key_file.clone(),
                l.draft_forms.clone(),
            );
            pending.spawn(async move {
                let token = log_in(&http, &base, &login_id, &password, &key_file).await?;
                anyhow::Ok((n, User { token, forms }))
            });
        }
        let mut done = Vec::new();
        while let Some(r) = pending.join_next().await {
            done.push(r??);
        }
        done.sort_by_key(|(n, _)| *n);
        users.extend(done.into_iter().map(|(_, u)| u));
    }
    println!(
        "{count} users logged in ({:.1} s); warm-up {} s, then {} s measured, think time {} ms (mean)",
        started.elapsed().as_secs_f64(),
        args.warmup,
        args.duration,
        args.think_ms
    );

    let start = Instant::now();
    let measure_from = start + Duration::from_secs(args.warmup);
    let end = measure_from + Duration::from_secs(args.duration);
    let mut tasks = tokio::task::JoinSet::new();
    for (n, user) in users.into_iter().enumerate() {
        let clock = Clock { measure_from, end };
        tasks.spawn(user_loop(
            http.clone(),
            base.clone(),
            user,
            n as u64,
            args.think_ms,
            clock,
        ));
    }
    // The same bare INSERT + COMMIT while the users run: what a commit costs under the same
    // load, beside the baseline measured on the idle database afterwards.
    let during = tokio::spawn(probe(
        args.database_url.clone(),
        Clock { measure_from, end },
    ));
    let mut stats = Stats::new();
    while let Some(done) = tasks.join_next().await {
        stats.merge(done?);
    }
    let during_h = during.await??;
    let measured = end.min(Instant::now()).duration_since(measure_from);

    let saves = stats.latencies[Op::Save as usize].len();
    let baseline_started = Instant::now();
    let base_h = baseline(&args.database_url, saves, args.baseline_concurrency).await?;
    let baseline_secs = baseline_started.elapsed().as_secs_f64();

    println!();
    println!("| operation | count | p50 ms | p90 ms | p99 ms | max ms | target | met? |");
    println!("|---|---:|---:|---:|---:|---:|---|---|");
    let mut total = 0;
    for op in Op::ALL {
        let h = &stats.latencies[op as usize];
        total += h.len();
        let p99 = ms(h.value_at_quantile(0.99));
        println!(
            "| {} | {} | {:.1} | {:.1} | {:.1} | {:.1} | p99 < {} ms | {} |",
            op.label(),
            h.len(),
            ms(h.value_at_quantile(0.5)),
            ms(h.value_at_quantile(0.9)),
            p99,
            ms(h.max()),
            op.target_p99_ms(),
            if h.is_empty() {
                "—"
            } else if p99 < op.target_p99_ms() {
                "yes"
            } else {
                "**no**"
            }
        );
    }
    let ratio = ms(stats.latencies[Op::Save as usize].value_at_quantile(0.5))
        / ms(base_h.value_at_quantile(0.5));
    println!(
        "| baseline: INSERT + COMMIT ({}) | {} | {:.2} | {:.2} | {:.2} | {:.2} | — | — |",
        if args.baseline_concurrency <= 1 {
            "sequential, 1 connection".to_owned()
        } else {
            format!("{} connections", args.baseline_concurrency)
        },
        base_h.len(),
        ms(base_h.value_at_quantile(0.5)),
        ms(base_h.value_at_quantile(0.9)),
        ms(base_h.value_at_quantile(0.99)),
        ms(base_h.max()),
    );
    println!(
        "| the same INSERT + COMMIT during the load (1 connection, every {PROBE_EVERY_MS} ms) | {} | {:.2} | {:.2} | {:.2} | {:.2} | — | — |",
        during_h.len(),
        ms(during_h.value_at_quantile(0.5)),
        ms(during_h.value_at_quantile(0.9)),
        ms(during_h.value_at_quantile(0.99)),
        ms(during_h.max()),
    );
    println!();
    println!(
        "save median / baseline median = {ratio:.1}× (target ≤ 3×: {})",
        if ratio <= 3.0 { "met" } else { "**not met**" }
    );
    println!(
        "save median / median of the INSERT + COMMIT during the load = {:.1}×",
        ms(stats.latencies[Op::Save as usize].value_at_quantile(0.5))
            / ms(during_h.value_at_quantile(0.5))
    );
    println!(
        "throughput: {total} measured operations in {:.1} s = {:.0} operations/s; baseline took {baseline_secs:.1} s",
        measured.as_secs_f64(),
        total as f64 / measured.as_secs_f64()
    );
    let errors: u64 = stats.errors.iter().sum();
    println!(
        "errors: {errors} ({}); 409 conflicts (lost races, not errors): {}",
        Op::ALL
            .iter()
            .map(|op| format!("{} {}", op.label(), stats.errors[*op as usize]))
            .collect::<Vec<_>>()
            .join(", "),
        stats.conflicts
    );
    for s in &stats.samples {
        println!("  e.g. {s}");
    }
    Ok(())
}
