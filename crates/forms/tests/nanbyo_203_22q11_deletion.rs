//! 指定難病 203 22q11.2欠失症候群: 診断のカテゴリー declared by the doctor, 重症度分類
//! (NYHA機能分類) judged by machine. Each test cites the sentence of the MHLW 概要・診断基準等
//! (shared/data/mhlw-gaiyo-2020/203.txt) it tests.

use crate::common::*;
use nsdb_forms::{DiagnosisOutcome, FormData, Outcome, SeverityOutcome};

const ID: &str = "nanbyo-203-2403";

fn form(category: &str, nyha: &str) -> FormData {
    with(&declared(category), &[("nyha_class", nyha)])
}

// 「New York Heart Association　機能分類を用いてII度以上を対象とする。」 II is met, I is not.
#[test]
fn nyha_2_is_met_and_1_is_not() {
    let e = eval_new(ID, &form("1", "2"));
    assert!(errors(&e).is_empty(), "{:?}", errors(&e));
    assert_eq!(e.determination.severity, SeverityOutcome::Met);
    assert_eq!(e.determination.result, Outcome::Eligible);
    let e = eval_new(ID, &form("1", "1"));
    assert_eq!(e.determination.severity, SeverityOutcome::NotMet);
    assert_eq!(e.determination.result, Outcome::NotEligible);
}

// III度, IV度 are 「II度以上」 too.
#[test]
fn nyha_3_and_4_are_met() {
    for class in ["3", "4"] {
        assert_eq!(
            severity(ID, &form("1", class)),
            SeverityOutcome::Met,
            "{class}"
        );
    }
}

// 「Definiteを対象とする。」 A declared Probable (or その他) is not eligible.
#[test]
fn only_definite_is_eligible() {
    assert_eq!(diagnosis(ID, &form("1", "3")), DiagnosisOutcome::Definite);
    assert_eq!(
        eval_new(ID, &form("1", "3")).determination.result,
        Outcome::Eligible
    );
    let probable = eval_new(ID, &form("2", "3"));
    assert_ne!(probable.determination.diagnosis, DiagnosisOutcome::Definite);
    assert_eq!(probable.determination.result, Outcome::NotEligible);
    assert_eq!(
        eval_new(ID, &form("4", "3")).determination.result,
        Outcome::NotEligible
    );
}

// A blank NYHA class leaves the 重症度 open and names the item.
#[test]
fn a_blank_nyha_class_is_undetermined_and_named() {
    assert_undetermined_naming(ID, &declared("1"), &["nyha_class"]);
}
