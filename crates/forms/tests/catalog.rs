//! The embedded catalog: every disease registrable, ids, masters, versions.

use chrono::NaiveDate;
use nsdb_forms::{catalog, check_registrable, Program};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn embedded_catalog_loads() {
    let c = catalog();
    assert_eq!(c.masters().nanbyo.len(), 348);
    assert_eq!(c.masters().shoman.len(), 813);
    assert_eq!(c.list().len(), 348 + 813);
}
