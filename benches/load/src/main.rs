//! The load benchmark of issue 9 (benches/forms_load.sh runs it end to end):
//! `generate` fills an empty PostgreSQL database with generated forms, `run` puts
//! concurrent users on a running server and reports latencies beside the targets.
mod generate;
mod import;
mod live;
mod people;
mod run;
mod save;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "NSDB load benchmark: generated forms, concurrent users")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill an empty database with institutions, accounts, patients and forms.
    Generate(generate::GenerateArgs),
    /// Open, save and search as concurrent users of a running server; print the report.
    Run(run::RunArgs),
    /// 一括登録 throughput of a running demo server beside a raw INSERT of the same rows.
    Import(import::ImportArgs),
    /// Latency of the entry screen's live update (the 一次判定 as the user types).
    Live(live::LiveArgs),
    /// One save after the other on an idle server, beside a bare INSERT + COMMIT.
    Save(save::SaveArgs),
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Generate(args) => generate::generate(args).await,
        Command::Run(args) => run::run(args).await,
        Command::Import(args) => import::import(args).await,
        Command::Live(args) => live::live(args).await,
        Command::Save(args) => save::save(args).await,
    }
}
