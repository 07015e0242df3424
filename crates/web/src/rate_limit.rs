//! Per-address rate limits on what can be guessed: log-in, password-reset requests, and
//! access-key look-ups. The lock-out protects one account; these protect every account from
//! one address trying many (and the server from the cost of hashing each try).
//!
//! Failures are counted, not attempts: a hospital's staff logging in at nine behind one
//! address are never slowed, a guesser is. An address whose failures exceed the limit is
//! refused (429, Retry-After) until the limit has room again.
//!
//! Counters live in this process (GCRA, `governor`): each server of a deployment limits on
//! its own, which is what "per address" needs and keeps writes free of shared state.
use crate::error::AppError;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What a limit guards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Guarded {
    Login,
    PasswordResetRequest,
    AccessKeyLookup,
}

/// Failures allowed per address: `burst` at once, then one every `period / burst`.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    pub burst: u32,
    pub period: Duration,
}

#[derive(Debug, Clone, Copy)]
pub struct RateLimitConfig {
    pub login: RateLimit,
    pub password_reset_request: RateLimit,
    pub access_key_lookup: RateLimit,
}

impl Default for RateLimitConfig {
    /// Generous for a hospital behind one address (NAT), tight for a guesser; the server's
    /// command line sets these (`nsdb serve --help`).
    fn default() -> Self {
        Self {
            login: RateLimit {
                burst: 30,
                period: Duration::from_secs(600),
            },
            password_reset_request: RateLimit {
                burst: 10,
                period: Duration::from_secs(3600),
            },
            access_key_lookup: RateLimit {
                burst: 20,
                period: Duration::from_secs(600),
            },
        }
    }
}

/// Addresses (and accounts) tracked before idle ones are dropped (a few MB at most).
const MAX_TRACKED_ADDRESSES: usize = 100_000;

pub struct RateLimits {
    login: DefaultKeyedRateLimiter<String>,
    password_reset_request: DefaultKeyedRateLimiter<String>,
    access_key_lookup: DefaultKeyedRateLimiter<String>,
    /// Addresses over a limit, until when. Held for a map operation only.
    refused_until: Mutex<HashMap<(Guarded, String), Instant>>,
}

fn limiter(limit: RateLimit) -> DefaultKeyedRateLimiter<String> {
    let burst = NonZeroU32::new(limit.burst.max(1)).unwrap_or(NonZeroU32::MIN);
    let interval = (limit.period / burst.get()).max(Duration::from_millis(1));
    let quota = Quota::with_period(interval)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(burst);
    RateLimiter::keyed(quota)
}

/// The key of an address: IPv6 by its /64 (one subscriber's whole network), IPv4 whole.
fn address_key(address: Option<&str>) -> String {
    match address.and_then(|a| a.parse::<IpAddr>().ok()) {
        Some(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Some(IpAddr::V6(v6)) => v6
            .to_ipv4_mapped()
            .map(|v4| v4.to_string())
            .unwrap_or_default(),
        Some(IpAddr::V4(v4)) => v4.to_string(),
        None => "unknown".into(),
    }
}

impl RateLimits {
    pub fn new(config: &RateLimitConfig) -> Self {
        Self {
            login: limiter(config.login),
            password_reset_request: limiter(config.password_reset_request),
            access_key_lookup: limiter(config.access_key_lookup),
            refused_until: Mutex::new(HashMap::new()),
        }
    }

    /// 429 with the seconds to wait while `address` is over the limit of `guarded`.
    pub fn ensure_allowed(&self, guarded: Guarded, address: Option<&str>) -> Result<(), AppError> {
        self.ensure_key_allowed(guarded, address_key(address))
    }

    /// The same per account, for what an account could try from many addresses (access
    /// keys): 429 while the account is over the limit of `guarded`.
    pub fn ensure_account_allowed(
        &self,
        guarded: Guarded,
        account_id: &str,
    ) -> Result<(), AppError> {
        self.ensure_key_allowed(guarded, account_key(account_id))
    }

    fn ensure_key_allowed(&self, guarded: Guarded, key: String) -> Result<(), AppError> {
        let key = (guarded, key);
        let now = Instant::now();
        let mut refused = self.refused_until.lock().unwrap_or_else(|p| p.into_inner());
        match refused.get(&key) {
            Some(until) if *until > now => Err(AppError::TooManyRequests {
                message: "短時間に多くの失敗がありました。しばらく待ってから再度お試しください。"
                    .into(),
                retry_after_secs: (*until - now).as_secs() + 1,
            }),
            Some(_) => {
                refused.remove(&key);
                Ok(())
            }
            None => Ok(()),
        }
    }

    /// Counts one failure (or, for password-reset requests, one request) of `address`;
    /// past the limit, the address is refused until the limit has room again.
    pub fn count_failure(&self, guarded: Guarded, address: Option<&str>) {
        self.count_key_failure(guarded, address_key(address));
    }

    /// Counts one failure of an account (see `ensure_account_allowed`).
    pub fn count_account_failure(&self, guarded: Guarded, account_id: &str) {
        self.count_key_failure(guarded, account_key(account_id));
    }

    fn count_key_failure(&self, guarded: Guarded, key: String) {
        let limiter = match guarded {
            Guarded::Login => &self.login,
            Guarded::PasswordResetRequest => &self.password_reset_request,
            Guarded::AccessKeyLookup => &self.access_key_lookup,
        };
        if limiter.len() > MAX_TRACKED_ADDRESSES {
            limiter.retain_recent();
        }
        if let Err(not_until) = limiter.check_key(&key) {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            let mut refused = self.refused_until.lock().unwrap_or_else(|p| p.into_inner());
            let now = Instant::now();
            if refused.len() > MAX_TRACKED_ADDRESSES {
                refused.retain(|_, until| *until > now);
            }
            refused.insert((guarded, key), now + wait);
        }
    }
}

/// Accounts and addresses share a limiter; address keys are IP addresses (or `unknown`), so
/// an `account:` key is never an address's.
fn account_key(account_id: &str) -> String {
    format!("account:{account_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tight() -> RateLimits {
        let limit = RateLimit {
            burst: 3,
            period: Duration::from_secs(3600),
        };
        RateLimits::new(&RateLimitConfig {
            login: limit,
            password_reset_request: limit,
            access_key_lookup: limit,
        })
    }

    #[test]
    fn failures_up_to_the_burst_pass_and_the_next_attempt_waits_with_a_retry_after() {
        let limits = tight();
        for _ in 0..3 {
            assert!(limits
                .ensure_allowed(Guarded::Login, Some("192.0.2.1"))
                .is_ok());
            limits.count_failure(Guarded::Login, Some("192.0.2.1"));
        }
        // The burst is used up but not exceeded: still allowed.
        assert!(limits
            .ensure_allowed(Guarded::Login, Some("192.0.2.1"))
            .is_ok());
        limits.count_failure(Guarded::Login, Some("192.0.2.1"));
        match limits.ensure_allowed(Guarded::Login, Some("192.0.2.1")) {
            Err(AppError::TooManyRequests {
                retry_after_secs, ..
            }) => {
                // One failure every 20 minutes refills the burst of 3 per hour.
                assert!(
                    (1_000..=1_201).contains(&retry_after_secs),
                    "{retry_after_secs}"
                );
            }
            other => panic!("expected 429, got {other:?}"),
        }
    }

    #[test]
    fn an_account_is_limited_whatever_its_address_and_apart_from_addresses() {
        let limits = tight();
        for address in ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"] {
            assert!(limits
                .ensure_account_allowed(Guarded::AccessKeyLookup, "acct-1")
                .is_ok());
            limits.count_account_failure(Guarded::AccessKeyLookup, "acct-1");
            limits.count_failure(Guarded::AccessKeyLookup, Some(address));
        }
        assert!(limits
            .ensure_account_allowed(Guarded::AccessKeyLookup, "acct-1")
            .is_err());
        assert!(limits
            .ensure_account_allowed(Guarded::AccessKeyLookup, "acct-2")
            .is_ok());
        assert!(limits
            .ensure_allowed(Guarded::AccessKeyLookup, Some("192.0.2.1"))
            .is_ok());
    }

    #[test]
    fn addresses_and_guarded_actions_are_counted_apart() {
        let limits = tight();
        for _ in 0..4 {
            limits.count_failure(Guarded::Login, Some("192.0.2.1"));
        }
        assert!(limits
            .ensure_allowed(Guarded::Login, Some("192.0.2.1"))
            .is_err());
        assert!(limits
            .ensure_allowed(Guarded::Login, Some("192.0.2.2"))
            .is_ok());
        assert!(limits
            .ensure_allowed(Guarded::PasswordResetRequest, Some("192.0.2.1"))
            .is_ok());
    }

    #[test]
    fn an_ipv6_network_shares_one_counter() {
        assert_eq!(
            address_key(Some("2001:db8:1:2:aaaa::1")),
            address_key(Some("2001:db8:1:2:bbbb::2"))
        );
        assert_ne!(
            address_key(Some("2001:db8:1:2::1")),
            address_key(Some("2001:db8:1:3::1"))
        );
        assert_eq!(address_key(Some("::ffff:192.0.2.7")), "192.0.2.7");
    }
}
