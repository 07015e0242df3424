//! Background jobs (a large 一括登録 file today): their states, and the lease by which one
//! server at a time works on a job. A server that dies stops renewing its lease; when the
//! lease has run out another server (or the same one restarted) takes the job over and
//! goes on from where it stopped.
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Accepted; no server has started it yet.
    Queued,
    Running,
    Finished,
    /// Stopped by an error that another attempt would meet again; the forms stored so far
    /// stay stored.
    Failed,
}

impl JobState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Finished => "finished",
            Self::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Queued, Self::Running, Self::Finished, Self::Failed]
            .into_iter()
            .find(|state| state.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Queued => "待機中",
            Self::Running => "処理中",
            Self::Finished => "完了",
            Self::Failed => "中断（エラー）",
        }
    }

    pub fn is_done(self) -> bool {
        matches!(self, Self::Finished | Self::Failed)
    }
}

/// How long a server holds a job without renewing its claim. Each batch of work renews it
/// in the batch's own transaction, so a batch is committed only by the holder of the lease.
pub const JOB_LEASE: Duration = Duration::seconds(10);

/// The moment until which a claim made at `now` holds.
pub fn lease_until(now: DateTime<Utc>) -> DateTime<Utc> {
    now + JOB_LEASE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_reads_back_from_its_stored_text() {
        for state in [
            JobState::Queued,
            JobState::Running,
            JobState::Finished,
            JobState::Failed,
        ] {
            assert_eq!(JobState::parse(state.as_str()), Some(state));
        }
        assert_eq!(JobState::parse("done"), None);
    }

    #[test]
    fn only_finished_and_failed_jobs_are_done() {
        assert!(!JobState::Queued.is_done());
        assert!(!JobState::Running.is_done());
        assert!(JobState::Finished.is_done());
        assert!(JobState::Failed.is_done());
    }
}
