//! Disease masters: all 指定難病 and all 小児慢性特定疾病, parsed from the CSV
//! files in `forms/masters/` (embedded at build time).

use std::collections::BTreeMap;

use serde::Serialize;

/// One 指定難病.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NanbyoDisease {
    /// 告示番号 1–348.
    pub number: u32,
    pub name: String,
    /// 疾患群 (some diseases belong to two).
    pub groups: Vec<String>,
    /// The 重症度 requirement sentence of the MHLW 概要 (2020-03), where known.
    pub severity_requirement: Option<String>,
}

/// One 小児慢性特定疾病 (distinct 疾患群 × 告示番号).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShomanDisease {
    /// 疾患群 = 告示 table number 1–16.
    pub group: u32,
    pub group_name: String,
    /// 大分類 (first level of the NANDO path).
    pub category: String,
    /// 告示番号 within the table.
    pub number: u32,
    pub name: String,
    pub nando_id: String,
}

/// The 16 疾患群 of 小慢, in 告示 table order (平成26年厚生労働省告示第475号).
pub const SHOMAN_GROUPS: [&str; 16] = [
    "悪性新生物",
    "慢性腎疾患",
    "慢性呼吸器疾患",
    "慢性心疾患",
    "内分泌疾患",
    "膠原病",
    "糖尿病",
    "先天性代謝異常",
    "血液疾患",
    "免疫疾患",
    "神経・筋疾患",
    "慢性消化器疾患",
    "染色体又は遺伝子に変化を伴う症候群",
    "皮膚疾患",
    "骨系統疾患",
    "脈管系疾患",
];

/// Both masters, and the program rules that belong to no disease.
#[derive(Debug, Clone, Default)]
pub struct Masters {
    pub nanbyo: BTreeMap<u32, NanbyoDisease>,
    pub shoman: BTreeMap<(u32, u32), ShomanDisease>,
    pub program_rules: std::sync::Arc<crate::program_rules::ProgramRules>,
}

impl Masters {
    pub fn nanbyo(&self, number: u32) -> Option<&NanbyoDisease> {
        self.nanbyo.get(&number)
    }
    pub fn shoman(&self, group: u32, number: u32) -> Option<&ShomanDisease> {
        self.shoman.get(&(group, number))
    }

    /// Parses the four master files. Errors name the file and line.
    pub fn parse(
        nanbyo_csv: &str,
        groups_csv: &str,
        severity_tsv: &str,
        shoman_csv: &str,
    ) -> Result<Masters, String> {
        let mut m = Masters::default();
        for (line, row) in csv_rows(nanbyo_csv, ',').into_iter().skip(1) {
            let [no, name] = row.as_slice() else {
                return Err(format!(
                    "masters/nanbyo_348_2025-04.csv:{line}: expected 2 columns"
                ));
            };
            let number = no
                .parse()
                .map_err(|_| format!("masters/nanbyo_348_2025-04.csv:{line}: bad number `{no}`"))?;
            m.nanbyo.insert(
                number,
                NanbyoDisease {
                    number,
                    name: name.clone(),
                    groups: vec![],
                    severity_requirement: None,
                },
            );
        }
        for (line, row) in csv_rows(groups_csv, ',').into_iter().skip(1) {
            let [no, group] = row.as_slice() else {
                return Err(format!(
                    "masters/nanbyo_groups.csv:{line}: expected 2 columns"
                ));
            };
            let number: u32 = no
                .parse()
                .map_err(|_| format!("masters/nanbyo_groups.csv:{line}: bad number"))?;
            let d = m.nanbyo.get_mut(&number).ok_or_else(|| {
                format!("masters/nanbyo_groups.csv:{line}: unknown disease {number}")
            })?;
            if !d.groups.contains(group) {
                d.groups.push(group.clone());
            }
        }
        for (line, row) in csv_rows(severity_tsv, '\t').into_iter().skip(1) {
            if row.len() < 3 {
                continue;
            }
            let number: u32 = row[0].parse().map_err(|_| {
                format!("masters/nanbyo_severity_summary_2020.tsv:{line}: bad number")
            })?;
            if let Some(d) = m.nanbyo.get_mut(&number) {
                let s = row[2].trim();
                if !s.is_empty() {
                    d.severity_requirement = Some(s.to_string());
                }
            }
        }
        let mut from_top = std::collections::BTreeSet::new();
        for (line, row) in csv_rows(shoman_csv, ',').into_iter().skip(1) {
            let [group_name, path, no, name, nando, _url] = row.as_slice() else {
                return Err(format!(
                    "masters/shoman_from_nando.csv:{line}: expected 6 columns"
                ));
            };
            // The NANDO flattening spells a few group names differently from the 告示.
            let canonical = match group_name.as_str() {
                "染色体または遺伝子に変化を伴う症候群" => {
                    "染色体又は遺伝子に変化を伴う症候群"
                }
                "皮膚疾患群" => "皮膚疾患",
                g => g,
            };
            let group = SHOMAN_GROUPS
                .iter()
                .position(|g| *g == canonical)
                .ok_or_else(|| {
                    format!("masters/shoman_from_nando.csv:{line}: unknown 疾患群 `{group_name}`")
                })? as u32
                + 1;
            let number: u32 = no.parse().map_err(|_| {
                format!("masters/shoman_from_nando.csv:{line}: bad 告示番号 `{no}`")
            })?;
            let top_level = !path.contains(" > ");
            let entry = ShomanDisease {
                group,
                group_name: canonical.to_string(),
                category: path.split(" > ").next().unwrap_or("").to_string(),
                number,
                name: name.clone(),
                nando_id: nando.clone(),
            };
            // Keep the first top-level 疾病 row; sub-terms (path with " > ") only fill gaps.
            let key = (group, number);
            let replace = match m.shoman.get(&key) {
                None => true,
                Some(_) => top_level && !from_top.contains(&key),
            };
            if replace {
                if top_level {
                    from_top.insert(key);
                }
                m.shoman.insert(key, entry);
            }
        }
        Ok(m)
    }
}

/// Minimal RFC 4180 reader (quoted fields, doubled quotes). Returns (line number, fields).
fn csv_rows(text: &str, sep: char) -> Vec<(usize, Vec<String>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let mut fields = Vec::new();
        let mut cur = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                c if c == sep && !quoted => fields.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
        }
        fields.push(cur);
        rows.push((i + 1, fields));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes() {
        let r = csv_rows("a,\"b,c\",\"d\"\"e\"\n", ',');
        assert_eq!(r[0].1, vec!["a", "b,c", "d\"e"]);
    }
}
