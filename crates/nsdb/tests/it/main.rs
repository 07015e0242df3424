//! Black-box integration tests of NSDB: each test starts the real `nsdb` binary on its own
//! temporary data directory and database (SQLite by default; a fresh PostgreSQL database per
//! test when `NSDB_TEST_DATABASE_URL` is set) and talks to it over HTTP and the command line.
//!
//! One test binary with modules per area (run: `cargo test -p nsdb --test it`).

mod harness;

mod access;
mod access_keys;
mod browser;
mod bulk;
mod cli;
mod concurrent;
mod contract;
mod demo;
mod doctors;
mod form_access;
mod form_checks;
mod form_imports;
mod form_pdf;
mod forms;
mod hostile;
mod http_hygiene;
mod logs;
mod openapi;
mod organizations;
mod password_reset;
mod renewals;
mod robustness;
mod sessions;
mod staff;
mod tls;
