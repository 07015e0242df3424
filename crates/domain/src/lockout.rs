//! Lock-out after repeated failures (domain.md "Log-in").
use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy)]
pub struct LockoutPolicy {
    pub max_failures: u32,
    /// None: only an administrator unlocks.
    pub cool_down: Option<Duration>,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        Self {
            max_failures: 5,
            cool_down: Some(Duration::minutes(30)),
        }
    }
}

/// The failure counter of one login ID as stored.
#[derive(Debug, Clone, Default)]
pub struct AttemptState {
    pub failures: u32,
    pub locked_at: Option<DateTime<Utc>>,
}

impl LockoutPolicy {
    pub fn is_locked(&self, state: &AttemptState, now: DateTime<Utc>) -> bool {
        match (state.locked_at, self.cool_down) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(at), Some(cool)) => now < at + cool,
        }
    }

    /// Whether the lock has lapsed by cool-down (the counter then starts afresh).
    pub fn lock_expired(&self, state: &AttemptState, now: DateTime<Utc>) -> bool {
        state.locked_at.is_some() && !self.is_locked(state, now)
    }

    /// The state after one more failure; the lock starts at the `max_failures`-th.
    pub fn after_failure(&self, state: &AttemptState, now: DateTime<Utc>) -> AttemptState {
        let base = if self.lock_expired(state, now) {
            AttemptState::default()
        } else {
            state.clone()
        };
        let failures = base.failures + 1;
        AttemptState {
            failures,
            locked_at: base
                .locked_at
                .or((failures >= self.max_failures).then_some(now)),
        }
    }

    pub fn locked_message(&self) -> String {
        match self.cool_down {
            Some(d) => format!(
                "ログインに{}回続けて失敗したため、アカウントをロックしました。{}分後に再度お試しいただくか、管理者（医療機関の責任者または自治体）にロック解除を依頼してください。",
                self.max_failures,
                d.num_minutes()
            ),
            None => format!(
                "ログインに{}回続けて失敗したため、アカウントをロックしました。管理者（医療機関の責任者または自治体）にロック解除を依頼してください。",
                self.max_failures
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifth_failure_locks_and_cool_down_releases() {
        let policy = LockoutPolicy::default();
        let now = Utc::now();
        let mut state = AttemptState::default();
        for _ in 0..4 {
            state = policy.after_failure(&state, now);
            assert!(!policy.is_locked(&state, now));
        }
        state = policy.after_failure(&state, now);
        assert!(policy.is_locked(&state, now));
        assert!(policy.is_locked(&state, now + Duration::minutes(29)));
        assert!(!policy.is_locked(&state, now + Duration::minutes(30)));
        let again = policy.after_failure(&state, now + Duration::minutes(31));
        assert_eq!(again.failures, 1);
        assert!(again.locked_at.is_none());
    }

    #[test]
    fn without_cool_down_only_an_administrator_unlocks() {
        let policy = LockoutPolicy {
            max_failures: 2,
            cool_down: None,
        };
        let now = Utc::now();
        let state = policy.after_failure(&policy.after_failure(&AttemptState::default(), now), now);
        assert!(policy.is_locked(&state, now + Duration::days(365)));
    }
}
