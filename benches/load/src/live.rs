//! `nsdb-load live`: the latency of the entry screen's live update (issue 9: "each live update
//! well under 100 ms on the server"). A demo clerk's session posts the whole パーキンソン病
//! 臨個票 of the worked example to `POST /forms/entry/evaluate` — what htmx sends 200 ms after
//! a change — REQUESTS times one after the other, one answer changed each time (Hoehn-Yahr 3
//! ↔ 4, which moves the 一次判定), and prints the latency distribution beside the target.
use anyhow::{bail, Context};
use hdrhistogram::Histogram;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct LiveArgs {
    /// The server, e.g. http://127.0.0.1:8080 (started with `serve --demo`).
    #[arg(long)]
    base_url: String,
    /// The demo log-ins the server wrote (`<data-dir>/demo-logins.json`).
    #[arg(long)]
    demo_logins: PathBuf,
    /// Requests measured (after 50 not measured).
    #[arg(long, default_value_t = 1000)]
    requests: u64,
    /// The worked example posted.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../../forms/samples/nanbyo-006-2403.new.json"))]
    sample: PathBuf,
}

/// The form fields of the worked example, as the entry screen posts them.
fn fields(sample: &Value) -> anyhow::Result<Vec<(String, String)>> {
    let items = sample["items"].as_object().context("items in the sample")?;
    let mut out = Vec::new();
    for (id, value) in items {
        match value {
            Value::String(s) => out.push((id.clone(), s.clone())),
            Value::Number(n) => out.push((id.clone(), n.to_string())),
            Value::Bool(b) => out.push((id.clone(), if *b { "1" } else { "2" }.to_owned())),
            Value::Array(codes) => {
                for code in codes {
                    out.push((
                        id.clone(),
                        code.as_str().context("codes are text")?.to_owned(),
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

pub async fn live(args: LiveArgs) -> anyhow::Result<()> {
    let http = reqwest::Client::new();
    let base = args.base_url.trim_end_matches('/');
    let token = crate::import::log_in_demo_clerk(&http, base, &args.demo_logins).await?;
    let cookie = format!("nsdb_session={token}");
    // The session's CSRF token, from any screen with a form.
    let page = http
        .get(format!("{base}/form-imports"))
        .header("cookie", &cookie)
        .send()
        .await?
        .text()
        .await?;
    let marker = "name=\"csrf_token\" value=\"";
    let start = page.find(marker).context("a CSRF token on /form-imports")? + marker.len();
    let csrf = page[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned();

    let sample: Value = serde_json::from_str(&std::fs::read_to_string(&args.sample)?)?;
    let definition = sample["definition_id"]
        .as_str()
        .context("definition_id")?
        .to_owned();
    let mut form = fields(&sample)?;
    form.retain(|(id, _)| id != "hoehn_yahr");
    form.push(("csrf_token".into(), csrf));
    form.push(("definition".into(), definition.clone()));
    form.push((
        "kind".into(),
        sample["application"].as_str().unwrap_or("new").to_owned(),
    ));

    let mut histogram = Histogram::<u64>::new(3)?;
    let mut bytes = 0;
    for i in 0..50 + args.requests {
        let mut body = form.clone();
        body.push((
            "hoehn_yahr".into(),
            if i % 2 == 0 { "3" } else { "4" }.into(),
        ));
        let started = Instant::now();
        let r = http
            .post(format!("{base}/forms/entry/evaluate"))
            .header("cookie", &cookie)
            .header("hx-request", "true")
            .form(&body)
            .send()
            .await?;
        let status = r.status();
        let text = r.text().await?;
        let micros = started.elapsed().as_micros() as u64;
        if !status.is_success() || !text.contains("一次判定") {
            bail!(
                "evaluate: {status} {}",
                text.chars().take(300).collect::<String>()
            );
        }
        if i >= 50 {
            histogram.record(micros.max(1))?;
            bytes = text.len();
        }
    }
    let ms = |q: f64| histogram.value_at_quantile(q) as f64 / 1000.0;
    println!(
        "{}",
        json!({
            "endpoint": "POST /forms/entry/evaluate",
            "form": definition,
            "fields": form.len() + 1,
            "answer_bytes": bytes,
            "requests": histogram.len(),
        })
    );
    println!(
        "live update: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms (target: well under 100 ms)",
        ms(0.5),
        ms(0.9),
        ms(0.99),
        histogram.max() as f64 / 1000.0
    );
    Ok(())
}
