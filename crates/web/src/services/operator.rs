//! What only the operator (and, for the 自治体 list, the ministry) sees.
use super::unit_of_work;
use super::{audit, Caller};
use crate::error::AppResult;
use crate::state::AppState;
use nsdb_domain::{policy, renewal_use};
use nsdb_store::{MailRow, OrganizationRow};

pub async fn list_municipalities(
    state: &AppState,
    caller: &Caller,
) -> AppResult<Vec<OrganizationRow>> {
    policy::can_list_municipalities(&caller.principal)?;
    unit_of_work::read!(&state.store, |tx| {
        Ok(tx.organizations_of_kind("municipality").await?)
    })
}

/// Mail kept in the outbox; reading it is logged, since reset links are in it.
pub async fn outbox(state: &AppState, caller: &Caller) -> AppResult<Vec<MailRow>> {
    policy::can_read_outbox(&caller.principal)?;
    unit_of_work::change!(&state.store, |tx| {
        let mails = tx.recent_mails(100).await?;
        audit::record(
            tx,
            caller,
            "read_outbox",
            None,
            None,
            Some(&format!("{}通", mails.len())),
        )
        .await?;
        Ok(mails)
    })
}

/// One institution's renewals per month.
#[derive(Debug, Clone)]
pub struct RenewalUse {
    pub institution_code: String,
    pub institution_name: String,
    /// Per month shown: (count, usual level, flagged).
    pub months: Vec<(i64, f64, bool)>,
}

/// 前回値踏襲 per institution for the `shown` months up to this one (Japan time), each
/// judged against the institution's usual level of the months before it.
pub async fn renewal_use(
    state: &AppState,
    caller: &Caller,
    shown: u32,
) -> AppResult<(Vec<String>, Vec<RenewalUse>)> {
    policy::can_monitor_renewal_use(&caller.principal)?;
    let window = renewal_use::USUAL_WINDOW_MONTHS as u32;
    let today = nsdb_domain::time::today_in_japan(chrono::Utc::now());
    let starts = renewal_use::month_starts(today, shown + window);
    // Midnight in Japan is 15:00 UTC the day before.
    let bound = |d: &chrono::NaiveDate| {
        let utc = d.and_hms_opt(0, 0, 0).expect("midnight") - chrono::Duration::hours(9);
        nsdb_domain::time::format_timestamp(utc.and_utc())
    };
    let per_month = unit_of_work::change!(&state.store, |tx| {
        let mut per_month = Vec::with_capacity(starts.len() - 1);
        for pair in starts.windows(2) {
            per_month.push(
                tx.renewals_per_institution(&bound(&pair[0]), &bound(&pair[1]))
                    .await?,
            );
        }
        audit::record(tx, caller, "read_renewal_use", None, None, None).await?;
        Ok(per_month)
    })?;
    let mut institutions: std::collections::BTreeMap<(String, String), Vec<i64>> =
        std::collections::BTreeMap::new();
    for (month, rows) in per_month.iter().enumerate() {
        for (_, code, name, count) in rows {
            institutions
                .entry((code.clone(), name.clone()))
                .or_insert_with(|| vec![0; per_month.len()])[month] = *count;
        }
    }
    let window = window as usize;
    let uses = institutions
        .into_iter()
        .filter(|(_, counts)| counts[window..].iter().any(|c| *c > 0))
        .map(|((code, name), counts)| RenewalUse {
            institution_code: code,
            institution_name: name,
            months: (window..counts.len())
                .map(|m| {
                    let usual = renewal_use::usual_level(&counts[m - window..m]);
                    (counts[m], usual, renewal_use::is_unusual(counts[m], usual))
                })
                .collect(),
        })
        .collect();
    let labels = starts[window..starts.len() - 1]
        .iter()
        .map(|d| d.format("%Y-%m").to_string())
        .collect();
    Ok((labels, uses))
}
