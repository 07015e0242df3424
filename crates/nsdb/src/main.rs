//! `nsdb`: the one binary of NSDB (interfaces.md "Command line").

mod check;
mod demo;

use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand};
use nsdb_store::{Store, VerifyOutcome};
use nsdb_web::rate_limit::{RateLimit, RateLimitConfig};
use nsdb_web::tls::TlsFiles;
use nsdb_web::{Config, SmtpConfig};
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The SQLite file of the real (non-demo) database in the data directory.
const DATABASE_FILE: &str = "nsdb.sqlite3";

#[derive(Parser)]
#[command(
    name = "nsdb",
    version,
    about = "NSDB — 難病・小慢DB（指定難病・小児慢性特定疾病のオンライン登録システム）",
    long_about = "NSDB — an open implementation of Japan's online registration system for designated intractable diseases (指定難病) and pediatric chronic specific diseases (小児慢性特定疾病).\n\nStart with `nsdb serve --demo` and open http://127.0.0.1:8080/."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct DatabaseArgs {
    /// Database URL: `postgres://user:pass@host/db` for PostgreSQL. Default: an embedded
    /// SQLite file in the data directory.
    #[arg(long, env = "NSDB_DATABASE_URL")]
    database_url: Option<String>,
    /// Directory for the SQLite database, the mail outbox and demo files.
    #[arg(long, env = "NSDB_DATA_DIR", default_value = "nsdb-data")]
    data_dir: PathBuf,
}

impl DatabaseArgs {
    /// The databases a read-only tool looks at, each with a name for messages: the one
    /// `--database-url`, or every NSDB SQLite file in the data directory (the real one and
    /// the demo one of `serve --demo`). None of them is created.
    fn existing_databases(&self) -> anyhow::Result<Vec<(String, String)>> {
        if let Some(url) = &self.database_url {
            return Ok(vec![("--database-url".into(), url.clone())]);
        }
        let found: Vec<(String, String)> = [DATABASE_FILE, demo::DEMO_DATABASE_FILE]
            .into_iter()
            .map(|file| self.data_dir.join(file))
            .filter(|path| path.is_file())
            .map(|path| {
                let name = path.display().to_string();
                (name.clone(), format!("sqlite://{name}"))
            })
            .collect();
        if found.is_empty() {
            bail!(
                "no database in {} (neither {DATABASE_FILE} nor {}; give --data-dir of an NSDB data directory, or --database-url)",
                self.data_dir.display(),
                demo::DEMO_DATABASE_FILE
            );
        }
        Ok(found)
    }

    fn url(&self, sqlite_file: &str) -> anyhow::Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.clone());
        }
        std::fs::create_dir_all(&self.data_dir)
            .with_context(|| format!("cannot create data directory {}", self.data_dir.display()))?;
        Ok(format!(
            "sqlite://{}?mode=rwc",
            self.data_dir.join(sqlite_file).display()
        ))
    }
}

/// Where the data keys (which seal patients' identifying items) are kept.
#[derive(Args, Clone)]
struct DataKeyArgs {
    /// The data key file, created when missing. Default: <data-dir>/data-key.json for the
    /// embedded SQLite database; with PostgreSQL give it (or NSDB_DATA_KEYS). Keep it out of
    /// database backups: with it, a dump can be read. A key file that lacks a key the
    /// database uses is refused at start.
    #[arg(long, env = "NSDB_DATA_KEY_FILE")]
    data_key_file: Option<PathBuf>,
}

impl DataKeyArgs {
    fn path(&self, db: &DatabaseArgs) -> PathBuf {
        self.data_key_file
            .clone()
            .unwrap_or_else(|| db.data_dir.join(nsdb_web::data_key_file::DEFAULT_FILE))
    }

    /// The key ring: from NSDB_DATA_KEYS (the file's text), else from the key file, which
    /// the embedded default creates on first start.
    fn load(&self, db: &DatabaseArgs) -> anyhow::Result<nsdb_domain::data_keys::DataKeys> {
        if let Ok(text) = std::env::var("NSDB_DATA_KEYS") {
            return nsdb_web::data_key_file::from_text(&text);
        }
        let embedded = db.database_url.is_none();
        if !embedded && self.data_key_file.is_none() {
            bail!("PostgreSQL では --data-key-file（または NSDB_DATA_KEY_FILE / NSDB_DATA_KEYS）でデータ鍵を指定してください。鍵はデータベースの外に保管します。");
        }
        if embedded {
            std::fs::create_dir_all(&db.data_dir).with_context(|| {
                format!("cannot create data directory {}", db.data_dir.display())
            })?;
        }
        // A key file named explicitly is created when missing (a new installation); the
        // start-up check then refuses it if the database already holds data sealed under
        // other keys.
        nsdb_web::data_key_file::load(&self.path(db), true)
    }
}

#[derive(Subcommand)]
enum Command {
    /// Run the web system (UI and JSON API).
    Serve(Box<ServeArgs>),
    /// On an empty database: create the operator's first 管理者 and print its one-time password.
    Bootstrap {
        #[command(flatten)]
        db: DatabaseArgs,
        /// Print `{"login_id": …, "password": …}` alone on stdout.
        #[arg(long)]
        json: bool,
    },
    /// List the form versions this build knows (id, program, disease, version, in force from/to).
    Forms {
        /// Only the versions in force on this date (YYYY-MM-DD); default: all versions.
        #[arg(long)]
        on: Option<chrono::NaiveDate>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Instead of the list: who judges the diagnosis and the severity of each version
        /// (machine / doctor / none), source date, 2024 revision and review flags, then counts
        /// per program.
        #[arg(long)]
        coverage: bool,
    },
    #[command(about = check::CHECK_ABOUT, long_about = check::CHECK_LONG_ABOUT)]
    Check(check::CheckArgs),
    #[command(about = check::XSD_ABOUT, long_about = check::XSD_LONG_ABOUT)]
    Xsd(check::XsdArgs),
    /// Check the operation log's hash chain; exit 1 naming the first broken entry.
    VerifyLog {
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Add a new data key to the key file and re-seal every patient's identifying items
    /// under it (old keys stay in the file for backups). Safe to run again if interrupted.
    RotateDataKey {
        #[command(flatten)]
        db: DatabaseArgs,
        #[command(flatten)]
        keys: DataKeyArgs,
    },
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    db: DatabaseArgs,
    #[command(flatten)]
    keys: DataKeyArgs,
    /// Address to listen on.
    #[arg(long, env = "NSDB_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Start on the demo database with demo organizations and accounts (made on the first
    /// start, kept on later ones) and print its log-ins, also in <data-dir>/demo-logins.json.
    #[arg(long)]
    demo: bool,
    /// With the embedded SQLite database: replace the demo database by a new one (new log-in
    /// IDs), deleting the old key files and log-ins file first. Implies --demo.
    #[arg(long)]
    demo_reset: bool,
    /// The address users reach the system at (for links in mails). Cookies get the Secure
    /// flag when it starts with https://.
    #[arg(long, env = "NSDB_PUBLIC_URL")]
    public_url: Option<String>,
    /// Minutes of inactivity after which a session ends.
    #[arg(long, env = "NSDB_IDLE_TIMEOUT_MINUTES", default_value_t = 30)]
    idle_timeout_minutes: i64,
    /// Hours after which a session ends regardless of activity.
    #[arg(long, env = "NSDB_SESSION_LIFETIME_HOURS", default_value_t = 12)]
    session_lifetime_hours: i64,
    /// Consecutive failed log-ins that lock an account.
    #[arg(long, env = "NSDB_LOCKOUT_MAX_FAILURES", default_value_t = 5)]
    lockout_max_failures: u32,
    /// Minutes until a locked account unlocks by itself (0: only an administrator unlocks).
    #[arg(long, env = "NSDB_LOCKOUT_COOL_DOWN_MINUTES", default_value_t = 30)]
    lockout_cool_down_minutes: i64,
    /// Failed log-ins allowed per client address in 10 minutes; beyond, 429 with Retry-After.
    #[arg(long, env = "NSDB_RATE_LIMIT_LOGIN_FAILURES", default_value_t = 30)]
    rate_limit_login_failures: u32,
    /// Password-reset requests allowed per client address in an hour.
    #[arg(long, env = "NSDB_RATE_LIMIT_PASSWORD_RESETS", default_value_t = 10)]
    rate_limit_password_resets: u32,
    /// Failed access-key look-ups allowed per client address, and per account, in 10 minutes.
    #[arg(
        long,
        env = "NSDB_RATE_LIMIT_ACCESS_KEY_FAILURES",
        default_value_t = 20
    )]
    rate_limit_access_key_failures: u32,
    /// PEM file with the server's certificate chain (leaf first): serve HTTPS (rustls) instead
    /// of plain HTTP. Needs --tls-key. Cookies then get the Secure flag.
    #[arg(long, env = "NSDB_TLS_CERT", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// PEM file with the private key of --tls-cert.
    #[arg(long, env = "NSDB_TLS_KEY", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// PEM file with the CA that issues the institutions' client certificates (needs
    /// --tls-cert): every connection must present a certificate it signed, and an account
    /// logs in only from a certificate its 自治体 registered with its institution (accounts of
    /// 自治体, operator and ministry: from a certificate registered with no institution).
    #[arg(long, env = "NSDB_CLIENT_CA", requires = "tls_cert")]
    client_ca: Option<PathBuf>,
    /// A `forms/` folder laid out as the repository's (definitions, fragments, masters) to
    /// serve instead of the definitions built in: new form versions deployed as data. Checked
    /// whole before the server starts.
    #[arg(long, env = "NSDB_FORMS_DIR")]
    forms_dir: Option<PathBuf>,
    /// SMTP relay host for mail; without it, mail goes to the outbox only.
    #[arg(long, env = "NSDB_SMTP_HOST")]
    smtp_host: Option<String>,
    #[arg(long, env = "NSDB_SMTP_PORT", default_value_t = 587)]
    smtp_port: u16,
    #[arg(long, env = "NSDB_SMTP_USERNAME")]
    smtp_username: Option<String>,
    #[arg(long, env = "NSDB_SMTP_PASSWORD", hide_env_values = true)]
    smtp_password: Option<String>,
    #[arg(long, env = "NSDB_SMTP_FROM", default_value = "nsdb@localhost")]
    smtp_from: String,
    /// Use plain SMTP without STARTTLS (only for a relay on the same machine).
    #[arg(long, env = "NSDB_SMTP_PLAIN")]
    smtp_plain: bool,
}

impl ServeArgs {
    fn config(&self) -> Config {
        let public_url = self.public_url.clone().unwrap_or_else(|| self.site());
        let mut config = Config::new(self.db.data_dir.clone(), public_url);
        config.secure_cookies |= self.tls_cert.is_some();
        config.client_certificates_required = self.client_ca.is_some();
        config.idle_timeout = chrono::Duration::minutes(self.idle_timeout_minutes.max(1));
        config.absolute_timeout = chrono::Duration::hours(self.session_lifetime_hours.max(1));
        config.lockout.max_failures = self.lockout_max_failures.max(1);
        config.lockout.cool_down = (self.lockout_cool_down_minutes > 0)
            .then(|| chrono::Duration::minutes(self.lockout_cool_down_minutes));
        let per = |burst: u32, minutes: u64| RateLimit {
            burst,
            period: std::time::Duration::from_secs(minutes * 60),
        };
        config.rate_limits = RateLimitConfig {
            login: per(self.rate_limit_login_failures, 10),
            password_reset_request: per(self.rate_limit_password_resets, 60),
            access_key_lookup: per(self.rate_limit_access_key_failures, 10),
        };
        config.smtp = self.smtp_host.as_ref().map(|host| SmtpConfig {
            host: host.clone(),
            port: self.smtp_port,
            username: self.smtp_username.clone(),
            password: self.smtp_password.clone(),
            from: self.smtp_from.clone(),
            starttls: !self.smtp_plain,
        });
        config
    }

    /// The listening address with its scheme: `https://…` with TLS, else `http://…`.
    fn site(&self) -> String {
        let scheme = if self.tls_cert.is_some() {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{}", self.listen)
    }

    /// The TLS files, if HTTPS was asked for (clap makes --tls-cert and --tls-key go together).
    fn tls_files(&self) -> Option<TlsFiles> {
        Some(TlsFiles {
            certificate_chain: self.tls_cert.clone()?,
            private_key: self.tls_key.clone()?,
            client_ca: self.client_ca.clone(),
        })
    }
}

fn remove_sqlite_files(dir: &Path, file: &str) -> anyhow::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let path = dir.join(format!("{file}{suffix}"));
        if path.exists() {
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    Ok(())
}

/// Opens the demo database, first replacing it with `--demo-reset`.
async fn start_demo(args: &ServeArgs, config: &Config) -> anyhow::Result<Store> {
    if args.demo_reset {
        if args.db.database_url.is_some() {
            bail!("--demo-reset は組み込みSQLiteのデモデータベースにだけ使えます。PostgreSQLでは空のデータベースを --database-url に指定してください。");
        }
        let removed = demo::remove_previous(&args.db.data_dir)?;
        remove_sqlite_files(&args.db.data_dir, demo::DEMO_DATABASE_FILE)?;
        println!(
            "デモデータベースを作り直します: 以前のデモデータベース（ログイン{}件）と鍵ファイル{}個を削除しました。",
            removed.logins, removed.key_files
        );
    }
    let store = Store::connect(&args.db.url(demo::DEMO_DATABASE_FILE)?).await?;
    demo::start(&store, config, &args.site()).await?;
    Ok(store)
}

/// Serves the form definitions of `dir` instead of the built-in ones, if they load whole.
fn install_forms(dir: &std::path::Path) -> anyhow::Result<()> {
    let files = nsdb_forms::files_in(dir)
        .map_err(|e| anyhow::anyhow!("様式のフォルダ {} を読めません: {e}", dir.display()))?;
    let sources: Vec<nsdb_forms::SourceFile> = files
        .iter()
        .map(|(path, text)| nsdb_forms::SourceFile { path, text })
        .collect();
    let catalog = nsdb_forms::Catalog::from_files(&sources).map_err(|errors| {
        let list: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        anyhow::anyhow!(
            "様式のフォルダ {} の定義に誤りがあります:\n{}",
            dir.display(),
            list.join("\n")
        )
    })?;
    nsdb_forms::install_catalog(catalog)
        .map_err(|_| anyhow::anyhow!("様式の定義はすでに読み込まれています"))?;
    eprintln!("様式の定義を {} から読み込みました。", dir.display());
    Ok(())
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve(args) => {
            if let Some(dir) = &args.forms_dir {
                install_forms(dir)?;
            }
            let mut config = args.config();
            config.data_keys = std::sync::Arc::new(args.keys.load(&args.db)?);
            // Read before anything else: bad TLS files stop the start with a message, and
            // never leave a half-started server or a new database behind.
            let tls = args
                .tls_files()
                .map(|files| nsdb_web::tls::server_config(&files))
                .transpose()?;
            let store = if args.demo || args.demo_reset {
                start_demo(&args, &config).await?
            } else {
                Store::connect(&args.db.url(DATABASE_FILE)?).await?
            };
            nsdb_web::services::data_keys::ensure_keys_cover(&store, &config.data_keys).await?;
            nsdb_web::serve(store, config, args.listen, tls).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bootstrap { db, json } => {
            let store = Store::connect(&db.url(DATABASE_FILE)?).await?;
            let issued = match nsdb_web::services::accounts::bootstrap(&store).await {
                Ok(issued) => issued,
                Err(e) => bail!("{}", e.message()),
            };
            if json {
                println!(
                    "{}",
                    serde_json::json!({"login_id": issued.login_id, "password": issued.initial_password})
                );
            } else {
                println!("システム運営主体の管理者を作成しました。初回ログインでパスワードを変更してください。");
                println!("  ログインID:       {}", issued.login_id);
                println!("  初期パスワード:   {}", issued.initial_password);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Forms {
            on,
            json,
            coverage: true,
        } => {
            print_coverage(on, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Forms { on, json, .. } => {
            let catalog = nsdb_forms::catalog();
            let rows = match on {
                Some(date) => catalog.in_force(date),
                None => catalog.list(),
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else {
                println!("id\tprogram\tdisease_group\tdisease_number\tdisease_name\tversion\tvalid_from\tvalid_to\tmachine_determination");
                for r in &rows {
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        r.id,
                        r.program.as_str(),
                        r.disease_group,
                        r.disease_number,
                        r.disease_name,
                        r.version,
                        r.valid_from,
                        r.valid_to.map(|d| d.to_string()).unwrap_or_default(),
                        if r.machine_determination { "yes" } else { "no" }
                    );
                }
                eprintln!("{} form versions", rows.len());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => Ok(ExitCode::from(check::run(
            &args,
            &mut std::io::stdout().lock(),
        )?)),
        Command::Xsd(args) => Ok(ExitCode::from(check::xsd(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )?)),
        Command::VerifyLog { db } => {
            let mut code = ExitCode::SUCCESS;
            for (name, url) in db.existing_databases()? {
                let store = Store::connect(&url).await?;
                let mut tx = store.begin().await?;
                match tx.verify_log().await? {
                    VerifyOutcome::Intact { entries, chains } => println!(
                        "{name}: 操作ログは改ざんされていません（{entries}件、ハッシュチェーン{chains}本すべて正常）。"
                    ),
                    VerifyOutcome::Broken { chain, seq, reason } => {
                        println!(
                            "{name}: 操作ログのハッシュチェーンが壊れています: チェーン{chain} 連番{seq}: {reason}"
                        );
                        code = ExitCode::from(1);
                    }
                }
            }
            Ok(code)
        }
        Command::RotateDataKey { db, keys } => {
            if std::env::var("NSDB_DATA_KEYS").is_ok() {
                bail!("NSDB_DATA_KEYS の鍵は書き換えられません。鍵ファイル（--data-key-file）で実行し、新しい鍵ファイルの内容を環境変数に設定し直してください。");
            }
            let path = keys.path(&db);
            let current = nsdb_web::data_key_file::load(&path, false)?;
            let store = Store::connect(&db.url(DATABASE_FILE)?).await?;
            nsdb_web::services::data_keys::ensure_keys_cover(&store, &current).await?;
            // The new key is written before any row uses it: a crash leaves rows under
            // keys the file holds.
            let rotated = current.rotated();
            nsdb_web::data_key_file::write(&path, &rotated)?;
            let counts = nsdb_web::services::data_keys::reseal_all(&store, &rotated).await?;
            println!(
                "データ鍵を{}に切り替え、{}件を再暗号化しました（患者{}、臨個票・意見書{}、履歴{}、コメント{}、受付{}、一括登録ファイル{}、一括登録の結果{}）。古い鍵はバックアップの復号用に鍵ファイルに残しています。",
                rotated.current_key_id(),
                counts.total(),
                counts.patients,
                counts.forms,
                counts.revisions,
                counts.comments,
                counts.receipts,
                counts.import_files,
                counts.import_findings
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `nsdb forms --coverage`: the rows and summary computed by the forms crate.
fn print_coverage(on: Option<chrono::NaiveDate>, json: bool) -> anyhow::Result<()> {
    let catalog = nsdb_forms::catalog();
    let mut rows = catalog.coverage();
    if let Some(date) = on {
        let in_force: std::collections::BTreeSet<String> =
            catalog.in_force(date).into_iter().map(|r| r.id).collect();
        rows.retain(|r| in_force.contains(&r.id));
    }
    let summary = nsdb_forms::CoverageSummary::of(&rows);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({"forms": rows, "summary": summary}))?
        );
        return Ok(());
    }
    println!("id\tdisease_number\tdisease_name\tdiagnosis\tseverity\tsource_date\treflects_2024_revision\treview_needed\twhy_not_machine");
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    for r in &rows {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.id,
            r.disease_number,
            r.disease_name,
            r.diagnosis.as_str(),
            r.severity.as_str(),
            r.source_date.map(|d| d.to_string()).unwrap_or_default(),
            yes_no(r.reflects_2024_revision),
            yes_no(r.review_needed),
            r.why_not_machine.as_deref().unwrap_or("")
        );
    }
    println!();
    let counts = |judged: &std::collections::BTreeMap<nsdb_forms::Judge, usize>| {
        judged
            .iter()
            .map(|(j, n)| format!("{} {n}", j.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (program, c) in summary
        .programs
        .iter()
        .map(|(p, c)| (*p, c))
        .chain([("total", &summary.total)])
    {
        println!(
            "{program}: {} form versions; diagnosis: {}; severity: {}; reflects_2024_revision: {}; review_needed: {}",
            c.forms,
            counts(&c.diagnosis),
            counts(&c.severity),
            c.reflects_2024_revision,
            c.review_needed
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    // RUST_LOG sets the level (default: the request log and warnings; sqlx's per-statement
    // lines only on request).
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        // Colour codes only on a terminal: a log file or journal gets plain text.
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
