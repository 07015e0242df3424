//! `nsdb-load save`: what one save (updateForm) costs the server when nothing else runs,
//! beside a bare single-row INSERT + COMMIT on the same database in the same run (issue 9:
//! "a save's median ≤ 3× a bare single-row INSERT + commit"). The load benchmark measures the
//! same ratio under 200 users, where queueing on the two cores decides the median; this one
//! isolates the server's own work. The demo clerk creates a draft of the パーキンソン病 worked
//! example, then saves it SAVES times one after the other, 記載年月日 moved each time (after 50
//! not measured).
use anyhow::{bail, Context};
use hdrhistogram::Histogram;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct SaveArgs {
    /// The server, e.g. http://127.0.0.1:8080 (started with `serve --demo` on PostgreSQL).
    #[arg(long)]
    base_url: String,
    /// The demo log-ins the server wrote (`<data-dir>/demo-logins.json`).
    #[arg(long)]
    demo_logins: PathBuf,
    /// The server's PostgreSQL database, for the baseline.
    #[arg(long)]
    database_url: String,
    /// Saves measured (after 50 not measured).
    #[arg(long, default_value_t = 1000)]
    saves: u64,
    /// The worked example saved.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../../forms/samples/nanbyo-006-2403.new.json"))]
    sample: PathBuf,
}

pub async fn save(args: SaveArgs) -> anyhow::Result<()> {
    let http = reqwest::Client::new();
    let base = args.base_url.trim_end_matches('/');
    let token = crate::import::log_in_demo_clerk(&http, base, &args.demo_logins).await?;
    let auth = format!("Bearer {token}");
    let sample: Value = serde_json::from_str(&std::fs::read_to_string(&args.sample)?)?;
    let mut items = sample["items"].clone();
    let mut patient = json!({});
    for key in nsdb_domain::patient::PATIENT_ITEMS {
        if let Some(value) = items.get(key) {
            patient[key] = value.clone();
        }
    }
    let created = http
        .post(format!("{base}/api/v1/forms"))
        .header("Authorization", &auth)
        .json(&json!({
            "definition_id": sample["definition_id"],
            "patient": patient,
            "items": items,
            "registration_explained": true,
        }))
        .send()
        .await?;
    if created.status().as_u16() != 201 {
        bail!("createForm: {} {}", created.status(), created.text().await?);
    }
    let form: Value = created.json().await?;
    let id = form["id"].as_str().context("form id")?.to_owned();
    let url = format!("{base}/api/v1/forms/{id}");
    let mut revision = form["revision"].as_i64().context("revision")?;

    let mut saves = crate::run::histogram();
    for i in 0..50 + args.saves {
        crate::run::change_one_item(&mut items);
        let started = Instant::now();
        let r = http
            .put(&url)
            .header("Authorization", &auth)
            .json(&json!({"revision": revision, "items": items}))
            .send()
            .await?;
        let status = r.status().as_u16();
        let text = r.text().await?;
        let micros = started.elapsed().as_micros() as u64;
        if status != 200 {
            bail!(
                "updateForm: {status} {}",
                text.chars().take(300).collect::<String>()
            );
        }
        let saved: Value = serde_json::from_str(&text)?;
        revision = saved["revision"].as_i64().context("revision")?;
        if i >= 50 {
            saves.saturating_record(micros.max(1));
        }
    }
    // What a save's request costs around the form's own work, measured the same way: a
    // request alone (health: no log-in, no database), one with the log-in check (getCurrentAccount:
    // the session read) and an open of the same form (getForm: the form read, checks, 機械判定
    // and its operation-log entry).
    let mut parts = [
        (
            "request alone (health)",
            format!("{base}/api/v1/health"),
            crate::run::histogram(),
        ),
        (
            "log-in check (getCurrentAccount)",
            format!("{base}/api/v1/me"),
            crate::run::histogram(),
        ),
        (
            "open (getForm, the same form)",
            url.clone(),
            crate::run::histogram(),
        ),
    ];
    for i in 0..50 + args.saves {
        for (_, target, h) in parts.iter_mut() {
            let started = Instant::now();
            let r = http
                .get(&*target)
                .header("Authorization", &auth)
                .send()
                .await?;
            let status = r.status().as_u16();
            r.bytes().await?;
            let micros = started.elapsed().as_micros() as u64;
            if status != 200 {
                bail!("GET {target}: {status}");
            }
            if i >= 50 {
                h.saturating_record(micros.max(1));
            }
        }
    }
    let bare = crate::run::baseline(&args.database_url, args.saves, 1).await?;
    let ms = |h: &Histogram<u64>, q: f64| h.value_at_quantile(q) as f64 / 1000.0;
    println!("| one after the other | count | p50 ms | p90 ms | p99 ms |");
    println!("|---|---:|---:|---:|---:|");
    for (label, h) in [
        ("save (updateForm, whole worked example)", &saves),
        ("baseline: INSERT + COMMIT", &bare),
    ]
    .into_iter()
    .chain(parts.iter().map(|(label, _, h)| (*label, h)))
    {
        println!(
            "| {label} | {} | {:.2} | {:.2} | {:.2} |",
            h.len(),
            ms(h, 0.5),
            ms(h, 0.9),
            ms(h, 0.99)
        );
    }
    let ratio = ms(&saves, 0.5) / ms(&bare, 0.5);
    println!(
        "save median / baseline median = {ratio:.1}× (target ≤ 3×: {})",
        if ratio <= 3.0 { "met" } else { "not met" }
    );
    Ok(())
}
