use chrono::Duration;
use nsdb_domain::lockout::LockoutPolicy;
use std::path::PathBuf;

/// SMTP relay for outgoing mail; without one, mail goes to the outbox (DB + files).
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: String,
    /// STARTTLS (true) or plain (false, for a relay on loopback).
    pub starttls: bool,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    /// The address users reach the system at, for links in mails (e.g. https://nsdb.example.jp).
    pub public_url: String,
    pub idle_timeout: Duration,
    pub absolute_timeout: Duration,
    pub lockout: LockoutPolicy,
    pub password_reset_validity: Duration,
    /// Set the Secure flag on cookies (when served behind TLS).
    pub secure_cookies: bool,
    /// Every connection presents a client certificate (`--client-ca`): log-ins and sessions
    /// are admitted by the certificates registered with institutions
    /// (`nsdb_domain::policy::ensure_certificate_admits`).
    pub client_certificates_required: bool,
    pub smtp: Option<SmtpConfig>,
    pub max_upload_bytes: usize,
    pub rate_limits: crate::rate_limit::RateLimitConfig,
    /// The keys that seal patients' identifying items. `new` makes a ring that lives only
    /// in memory (tests, tools); `nsdb serve` sets the key file's (`data_key_file`).
    pub data_keys: std::sync::Arc<nsdb_domain::data_keys::DataKeys>,
}

impl Config {
    pub fn new(data_dir: PathBuf, public_url: String) -> Self {
        Self {
            data_dir,
            secure_cookies: public_url.starts_with("https://"),
            public_url,
            client_certificates_required: false,
            idle_timeout: Duration::minutes(30),
            absolute_timeout: Duration::hours(12),
            lockout: LockoutPolicy::default(),
            password_reset_validity: Duration::minutes(30),
            smtp: None,
            max_upload_bytes: 10 * 1024 * 1024,
            rate_limits: Default::default(),
            data_keys: std::sync::Arc::new(nsdb_domain::data_keys::DataKeys::generate()),
        }
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }
}
