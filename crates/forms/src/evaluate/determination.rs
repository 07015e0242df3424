//! 機械判定: diagnosis × severity (× 軽症高額該当 / 小慢 age) with Kleene logic,
//! naming the blank items that keep a result open.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::evaluate::State;
use crate::expr::{eval, Compiled};
use crate::model::{
    ApplicationKind, DiagnosisCategory, FormDefinition, ItemType, Program, RuleSet,
};
use crate::program_rules::{yen, LightHighCost};
use crate::value::{Tri, Value};

/// `diagnosis` of the determination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DiagnosisOutcome {
    Definite,
    Probable,
    Possible,
    NotMet,
    Undetermined,
}

/// `severity` of the determination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SeverityOutcome {
    Met,
    NotMet,
    Undetermined,
}

/// `result` (一次判定).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Outcome {
    #[serde(rename = "該当")]
    Eligible,
    #[serde(rename = "非該当")]
    NotEligible,
    #[serde(rename = "判定不能")]
    Undetermined,
}

impl Outcome {
    fn from_tri(t: Tri) -> Outcome {
        match t {
            Tri::True => Outcome::Eligible,
            Tri::False => Outcome::NotEligible,
            Tri::Unknown => Outcome::Undetermined,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Eligible => "該当",
            Outcome::NotEligible => "非該当",
            Outcome::Undetermined => "判定不能",
        }
    }
}

/// One input shown in an explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InputValue {
    pub item: String,
    pub label: String,
    pub value: String,
}

/// How one criterion came out, with the values it used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CriterionOutcome {
    pub id: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// true = met, false = not met, null = cannot be decided yet.
    pub met: Option<bool>,
    pub inputs: Vec<InputValue>,
}

/// The determination, JSON shape as in interfaces.md plus extra keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Determination {
    pub diagnosis: DiagnosisOutcome,
    pub severity: SeverityOutcome,
    pub result: Outcome,
    pub reasons: Vec<String>,
    /// 軽症高額該当 (難病 only): null when not applicable or not decidable.
    pub light_high_cost: Option<bool>,
    pub rule_version: String,
    /// The rule set (criteria version) reported, for definitions with named sets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_set: Option<String>,
    pub machine_determination: bool,
    /// Blank items that could still change the result (ids).
    pub undetermined_items: Vec<String>,
    pub criteria: Vec<CriterionOutcome>,
}

fn tri(v: &Value) -> Tri {
    v.truth()
}

fn display_item(def: &FormDefinition, slot: usize, v: &Value) -> String {
    let Some((_, id)) = def.slot_items.get(&slot) else {
        return v.display();
    };
    let Some(item) = def.item(id) else {
        return v.display();
    };
    match (item.item_type, v) {
        (ItemType::Single, Value::Text(c)) => item
            .code(c)
            .map(|x| x.label.clone())
            .unwrap_or_else(|| c.clone()),
        (ItemType::YesNo | ItemType::YesNoUnknown, Value::Bool(true)) => {
            item.codes[0].label.clone()
        }
        (ItemType::YesNo | ItemType::YesNoUnknown, Value::Bool(false)) => {
            item.codes[1].label.clone()
        }
        (ItemType::YesNoUnknown, Value::NotDone) => item.codes[2].label.clone(),
        (_, v) if v.is_blank() => "未入力".into(),
        (_, v) => format!("{}{}", v.display(), item.unit.clone().unwrap_or_default()),
    }
}

/// Slots an expression reads (transitively through calculations and criteria).
pub(crate) fn item_slots(
    def: &FormDefinition,
    refs: &[usize],
    out: &mut BTreeSet<usize>,
    only_open: Option<&State>,
) {
    for &s in refs {
        if def.slot_items.contains_key(&s) {
            out.insert(s);
            continue;
        }
        let sub = def
            .calculations
            .iter()
            .find(|c| c.slot == s)
            .map(|c| &c.expr)
            .or_else(|| def.criteria.iter().find(|c| c.slot == s).map(|c| &c.expr));
        if let Some(e) = sub {
            if let Some(st) = only_open {
                // A decided criterion/calculation does not keep anything open.
                let v = &st.slots[s];
                if !(v.is_blank() || *v == Value::Unknown) {
                    continue;
                }
            }
            item_slots(def, &e.refs, out, only_open);
        }
    }
}

/// Blank items of `exprs` that keep them open.
fn open_items(def: &FormDefinition, exprs: &[&Compiled], st: &State) -> Vec<usize> {
    let mut slots = BTreeSet::new();
    for e in exprs {
        item_slots(def, &e.refs, &mut slots, Some(st));
    }
    slots
        .into_iter()
        .filter(|s| !st.hidden.contains(s))
        .filter(|s| st.slots[*s].is_blank() || group_open(def, *s, st))
        .collect()
}

fn group_open(def: &FormDefinition, slot: usize, st: &State) -> bool {
    st.rows
        .get(&slot)
        .is_some_and(|rows| rows.iter().any(|r| r.iter().any(|v| v.is_blank())))
        && def.slot_items.contains_key(&slot)
}

fn names(def: &FormDefinition, slots: &[usize]) -> String {
    slots
        .iter()
        .filter_map(|s| def.slot_items.get(s))
        .map(|(label, id)| format!("「{label}」({id})"))
        .collect::<Vec<_>>()
        .join("、")
}

fn slot_of(def: &FormDefinition, id: &str) -> Option<usize> {
    def.item(id).map(|i| i.slot)
}

/// Reference date of the application: 記載年月日 (`record_date`) if entered, else today.
fn reference_date(def: &FormDefinition, st: &State) -> chrono::NaiveDate {
    match slot_of(def, "record_date").map(|s| &st.slots[s]) {
        Some(Value::Date(d)) => *d,
        _ => st.today,
    }
}

/// 軽症高額該当 from the `high_cost_months` group (`month`, `total_yen`), by the rule in
/// force on the reference date (`forms/masters/program_rules.toml`): the outcome, the
/// months surely over the amount, the months possibly over it, and the rule.
fn light_high_cost<'d>(
    def: &'d FormDefinition,
    st: &State,
) -> Option<(Tri, f64, f64, &'d LightHighCost)> {
    let g = def.item("high_cost_months")?;
    let month_f = g.fields.iter().find(|f| f.id == "month")?.slot;
    let total_f = g.fields.iter().find(|f| f.id == "total_yen")?.slot;
    let on = reference_date(def, st);
    let rule = def.program_rules.light_high_cost_on(on)?;
    let (over_yen, months) = (f64::from(rule.over_yen), f64::from(rule.months));
    let window = i64::from(rule.window_months);
    let reference = Value::Date(on).month_index()?;
    let (mut lo, mut hi) = (0.0, 0.0);
    for r in st.rows.get(&g.slot).map(|v| v.as_slice()).unwrap_or(&[]) {
        let in_window = r[month_f]
            .month_index()
            .map(|m| m <= reference && m > reference - window);
        let over = match &r[total_f] {
            Value::Num { lo, hi } if lo == hi => Some(*lo > over_yen),
            _ => None,
        };
        match (in_window, over) {
            (Some(true), Some(true)) => {
                lo += 1.0;
                hi += 1.0
            }
            (Some(false), _) | (_, Some(false)) => {}
            _ => hi += 1.0,
        }
    }
    let t = if lo >= months {
        Tri::True
    } else if hi < months {
        Tri::False
    } else {
        Tri::Unknown
    };
    Some((t, lo, hi, rule))
}

fn criterion_outcomes(def: &FormDefinition, st: &State) -> Vec<CriterionOutcome> {
    def.criteria
        .iter()
        .map(|c| {
            let mut slots = BTreeSet::new();
            item_slots(def, &c.expr.refs, &mut slots, None);
            CriterionOutcome {
                id: c.id.clone(),
                label: c.label.clone(),
                source: c.source.clone(),
                met: match tri(&st.slots[c.slot]) {
                    Tri::True => Some(true),
                    Tri::False => Some(false),
                    Tri::Unknown => None,
                },
                inputs: slots
                    .into_iter()
                    .map(|s| {
                        let (label, id) = def.slot_items[&s].clone();
                        InputValue {
                            item: id,
                            label,
                            value: display_item(def, s, &st.slots[s]),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

/// `criteria`: build [`Determination::criteria`] (each criterion with the
/// values it used: many strings, which the text output of `nsdb check` never
/// prints); when false it is left empty.
pub(crate) fn determine(
    def: &FormDefinition,
    kind: ApplicationKind,
    st: &State,
    criteria: bool,
) -> Determination {
    let rules = &def.determination;
    let mut reasons = Vec::new();
    let mut open: Vec<usize> = Vec::new();

    // 軽症高額該当 (難病).
    let lhc = if def.program == Program::Nanbyo {
        light_high_cost(def, st)
    } else {
        None
    };

    // 小慢: age limit.
    let age = if def.program == Program::Shoman {
        let on = reference_date(def, st);
        let limits = def.program_rules.shoman_age_limit_on(on);
        let limit = limits.map(|l| {
            i64::from(if kind == ApplicationKind::New {
                l.new_under
            } else {
                l.continuing_under
            })
        });
        match (slot_of(def, "birth_date").map(|s| &st.slots[s]), limit) {
            (_, None) => {
                reasons.push(format!(
                    "年齢: {on} 時点で有効な小児慢性特定疾病の対象年齢の規則がありません（記載年月日を確認してください）。"
                ));
                Tri::Unknown
            }
            (Some(Value::Date(b)), Some(limit)) => {
                let years = crate::expr::age_years_between(*b, on);
                let ok = years < limit;
                if !ok {
                    reasons.push(format!(
                        "年齢: {on} 時点で{years}歳です。小児慢性特定疾病の{}申請は{limit}歳未満が対象です。",
                        kind.label()
                    ));
                }
                Tri::from_bool(ok)
            }
            _ => {
                if let Some(s) = slot_of(def, "birth_date") {
                    open.push(s);
                }
                reasons.push("年齢: 生年月日が未入力のため、対象年齢か判定できません。".into());
                Tri::Unknown
            }
        }
    } else {
        Tri::True
    };

    if !rules.machine_determination {
        let declared = |id: &Option<String>| {
            id.as_deref()
                .and_then(|i| slot_of(def, i))
                .map(|s| st.slots[s].clone())
        };
        let diagnosis = match declared(&rules.declared_diagnosis_item) {
            Some(Value::Text(c)) if c == "1" => DiagnosisOutcome::Definite,
            Some(Value::Text(c)) if c == "2" => DiagnosisOutcome::Probable,
            Some(Value::Text(c)) if c == "3" => DiagnosisOutcome::Possible,
            Some(Value::Text(_)) => DiagnosisOutcome::NotMet,
            _ => DiagnosisOutcome::Undetermined,
        };
        let severity = match declared(&rules.declared_severity_item).map(|v| v.truth()) {
            Some(Tri::True) => SeverityOutcome::Met,
            Some(Tri::False) => SeverityOutcome::NotMet,
            _ => SeverityOutcome::Undetermined,
        };
        reasons.insert(0, rules.notice.clone().unwrap_or_default());
        let dx = match diagnosis {
            DiagnosisOutcome::Definite => "Definite",
            DiagnosisOutcome::Probable => "Probable",
            DiagnosisOutcome::Possible => "Possible",
            DiagnosisOutcome::NotMet => "その他",
            DiagnosisOutcome::Undetermined => "未記載",
        };
        let sv = match severity {
            SeverityOutcome::Met => "満たす",
            SeverityOutcome::NotMet => "満たさない",
            SeverityOutcome::Undetermined => "未記載",
        };
        reasons.push(format!(
            "指定医の記載: 診断のカテゴリー {dx}、{} {sv}。",
            rules.severity_label
        ));
        // Age is decidable even without 機械判定: over the limit is 非該当.
        let result = if age == Tri::False {
            Outcome::NotEligible
        } else {
            Outcome::Undetermined
        };
        return Determination {
            diagnosis,
            severity,
            result,
            reasons,
            light_high_cost: lhc.and_then(|x| match x.0 {
                Tri::True => Some(true),
                Tri::False => Some(false),
                Tri::Unknown => None,
            }),
            rule_version: rules.rule_version.clone(),
            rule_set: None,
            machine_determination: false,
            undetermined_items: vec![],
            criteria: vec![],
        };
    }

    let on = reference_date(def, st);
    let sets = rules.sets_on(on);
    let mut judged: Vec<SetJudgement> = sets
        .iter()
        .map(|set| judge(def, set, kind, st, lhc, age))
        .collect();
    // 経過措置: 該当 if any set is met (Kleene OR); a single set is itself.
    let result_t = judged.iter().fold(Tri::False, |acc, j| acc.or(j.result));
    // The set reported: the first whose result is the combined one.
    let decider = judged
        .iter()
        .position(|j| j.result == result_t)
        .unwrap_or(0);
    let label = |i: usize| sets[i].label.as_deref().unwrap_or("");
    match (sets.len(), sets.first().and_then(|s| s.name.as_ref())) {
        (1, None) => reasons.append(&mut judged[decider].reasons),
        (1, Some(_)) => {
            reasons.push(format!(
                "診断基準: 記載年月日 {on} に適用される「{}」で判定しました。",
                label(0)
            ));
            reasons.append(&mut judged[decider].reasons);
        }
        _ => {
            let names: Vec<String> = (0..sets.len())
                .map(|i| format!("「{}」", label(i)))
                .collect();
            reasons.push(format!(
                "経過措置: 記載年月日 {on} は{}のいずれかを満たせば対象となる期間です。",
                names.join("・")
            ));
            if result_t == Tri::True {
                reasons.push(format!("「{}」で該当します。", label(decider)));
                reasons.append(&mut judged[decider].reasons);
            } else {
                for (i, j) in judged.iter().enumerate() {
                    let prefix = format!("［{}］", label(i));
                    reasons.extend(j.reasons.iter().map(|r| [prefix.as_str(), r].concat()));
                }
            }
        }
    }
    let result = Outcome::from_tri(result_t);
    if result_t == Tri::Unknown {
        for j in judged.iter().filter(|j| j.result == Tri::Unknown) {
            open.extend(j.open.iter().copied());
        }
    } else {
        open.clear();
    }
    let mut seen = BTreeSet::new();
    open.retain(|s| seen.insert(*s));
    let undetermined_items: Vec<String> = open
        .iter()
        .filter_map(|s| def.slot_items.get(s).map(|x| x.1.clone()))
        .collect();
    let chosen = &judged[decider];
    reasons.push(match result {
        Outcome::Eligible if chosen.severity != SeverityOutcome::Met => {
            "一次判定: 該当（軽症高額該当）".into()
        }
        Outcome::Undetermined => format!(
            "一次判定: 判定不能（入力が必要な項目: {}）",
            names(def, &open)
        ),
        r => ["一次判定: ", r.label()].concat(),
    });
    Determination {
        diagnosis: chosen.diagnosis,
        severity: chosen.severity,
        result,
        reasons,
        light_high_cost: lhc.and_then(|x| match x.0 {
            Tri::True => Some(true),
            Tri::False => Some(false),
            Tri::Unknown => None,
        }),
        rule_version: rules.rule_version.clone(),
        rule_set: sets[decider].name.clone(),
        machine_determination: true,
        undetermined_items,
        criteria: if criteria {
            criterion_outcomes(def, st)
        } else {
            Vec::new()
        },
    }
}

/// How one rule set judges the form.
struct SetJudgement {
    diagnosis: DiagnosisOutcome,
    severity: SeverityOutcome,
    /// accepted diagnosis AND (severity OR 軽症高額該当) AND age.
    result: Tri,
    /// Diagnosis, severity and 軽症高額 lines (not the 一次判定 line).
    reasons: Vec<String>,
    /// Blank items that keep `result` open (empty when it is decided).
    open: Vec<usize>,
}

fn judge(
    def: &FormDefinition,
    set: &RuleSet,
    kind: ApplicationKind,
    st: &State,
    lhc: Option<(Tri, f64, f64, &LightHighCost)>,
    age: Tri,
) -> SetJudgement {
    let ctx = st.ctx();
    let mut reasons = Vec::new();
    // Diagnosis.
    let cats: Vec<(DiagnosisCategory, Tri)> = set
        .diagnosis
        .iter()
        .map(|d| (d.category, tri(&eval(&d.expr.expr, &ctx, None))))
        .collect();
    let mut accepted = Tri::False;
    for (c, t) in &cats {
        if set.eligible.contains(c) {
            accepted = accepted.or(*t);
        }
    }
    let first_true = cats.iter().find(|(_, t)| *t == Tri::True).map(|(c, _)| *c);
    let diagnosis = if accepted == Tri::True {
        first_true
            .map(to_dx)
            .unwrap_or(DiagnosisOutcome::Undetermined)
    } else {
        let mut d = DiagnosisOutcome::NotMet;
        for (c, t) in &cats {
            match t {
                Tri::True => {
                    d = to_dx(*c);
                    break;
                }
                Tri::Unknown => {
                    d = DiagnosisOutcome::Undetermined;
                    break;
                }
                Tri::False => {}
            }
        }
        d
    };
    let eligible_labels: Vec<&str> = set.eligible.iter().map(|c| c.label()).collect();
    let dx_exprs: Vec<&Compiled> = set
        .diagnosis
        .iter()
        .filter(|d| set.eligible.contains(&d.category))
        .map(|d| &d.expr)
        .collect();
    let mut dx_open = Vec::new();
    match accepted {
        // `concat` rather than `format!` on the common paths: these run for
        // every form of a bulk file, and the formatting machinery costs
        // several times the copying.
        Tri::True => reasons.push(
            [
                "診断: ",
                first_true.map(|c| c.label()).unwrap_or(""),
                "（診断基準を満たします）。",
            ]
            .concat(),
        ),
        Tri::False => match first_true {
            Some(c) => reasons.push(format!(
                "診断: {}ですが、この疾病の医療費助成の対象は {} のみです。",
                c.label(),
                eligible_labels.join("・")
            )),
            None => {
                let used = criteria_used(def, &dx_exprs);
                let failed: Vec<String> = def
                    .criteria
                    .iter()
                    .filter(|c| used.contains(&c.slot) && st.slots[c.slot].truth() == Tri::False)
                    .map(|c| format!("「{}」", c.label))
                    .collect();
                let detail = if failed.is_empty() {
                    String::new()
                } else {
                    format!("満たさない基準: {}。", failed.join("、"))
                };
                reasons.push(format!(
                    "診断: 診断基準（{}）を満たしません。{detail}",
                    eligible_labels.join("・")
                ));
            }
        },
        Tri::Unknown => {
            dx_open = open_items(def, &dx_exprs, st);
            reasons.push(format!(
                "診断: 未入力の項目があるため診断基準を判定できません。入力が必要な項目: {}。",
                names(def, &dx_open)
            ));
        }
    }
    // On renewal the diagnosis was established at the first certification.
    let mut accepted_for_result = accepted;
    if accepted == Tri::Unknown && kind != ApplicationKind::New {
        accepted_for_result = Tri::True;
        dx_open.clear();
        reasons.push(format!(
            "{}申請のため、診断は前回の認定で確認済みとして扱います。",
            kind.label()
        ));
    }

    // Severity.
    let rules = &def.determination;
    let sev = set
        .severity
        .as_ref()
        .map(|s| tri(&eval(&s.expr, &ctx, None)))
        .unwrap_or(Tri::Unknown);
    let severity = match sev {
        Tri::True => SeverityOutcome::Met,
        Tri::False => SeverityOutcome::NotMet,
        Tri::Unknown => SeverityOutcome::Undetermined,
    };
    let src = set
        .severity_source
        .as_deref()
        .map(|s| ["（基準: ", s.trim_end_matches('。'), "）"].concat())
        .unwrap_or_default();
    let mut sev_open = Vec::new();
    match sev {
        Tri::True => {
            reasons.push([&rules.severity_label, ": 基準を満たします", &src, "。"].concat())
        }
        Tri::False => {
            reasons.push([&rules.severity_label, ": 基準を満たしません", &src, "。"].concat())
        }
        Tri::Unknown => {
            sev_open = set
                .severity
                .as_ref()
                .map(|s| open_items(def, &[s], st))
                .unwrap_or_default();
            reasons.push(format!(
                "{}: 未入力の項目があるため判定できません。入力が必要な項目: {}。",
                rules.severity_label,
                names(def, &sev_open)
            ));
        }
    }

    let lhc_t = lhc.map(|x| x.0).unwrap_or(Tri::False);
    let mut lhc_open = Vec::new();
    if let Some((t, lo, _, rule)) = lhc {
        if sev != Tri::True {
            let (over, window, months) = (yen(rule.over_yen), rule.window_months, rule.months);
            match t {
                Tri::True => reasons.push(format!(
                    "軽症高額該当: 医療費総額が{over}円を超えた月が直近{window}か月に{lo}か月あります（{months}か月以上）。"
                )),
                Tri::False => reasons.push(format!(
                    "軽症高額該当: 医療費総額が{over}円を超えた月は直近{window}か月に{lo}か月で、{months}か月に達しません。"
                )),
                Tri::Unknown => {
                    if let Some(s) = slot_of(def, "high_cost_months") {
                        lhc_open.push(s);
                    }
                    reasons.push("軽症高額該当: 医療費総額又は年月が未入力の月があるため判定できません。".into());
                }
            }
        }
    }

    let result = accepted_for_result.and(sev.or(lhc_t)).and(age);
    let mut open = Vec::new();
    if result == Tri::Unknown {
        if accepted_for_result == Tri::Unknown {
            open.extend(dx_open);
        }
        if sev == Tri::Unknown && lhc_t != Tri::True {
            open.extend(sev_open);
        }
        if lhc_t == Tri::Unknown && sev != Tri::True {
            open.extend(lhc_open);
        }
    }
    SetJudgement {
        diagnosis,
        severity,
        result,
        reasons,
        open,
    }
}

/// Criterion slots that `exprs` use, directly or through other criteria/calculations.
fn criteria_used(def: &FormDefinition, exprs: &[&Compiled]) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let mut stack: Vec<usize> = exprs.iter().flat_map(|e| e.refs.iter().copied()).collect();
    while let Some(s) = stack.pop() {
        if let Some(c) = def.criteria.iter().find(|c| c.slot == s) {
            if out.insert(s) {
                stack.extend(c.expr.refs.iter().copied());
            }
        } else if let Some(c) = def.calculations.iter().find(|c| c.slot == s) {
            stack.extend(c.expr.refs.iter().copied());
        }
    }
    out
}

fn to_dx(c: DiagnosisCategory) -> DiagnosisOutcome {
    match c {
        DiagnosisCategory::Definite => DiagnosisOutcome::Definite,
        DiagnosisCategory::Probable => DiagnosisOutcome::Probable,
        DiagnosisCategory::Possible => DiagnosisOutcome::Possible,
    }
}
