//! XSD 1.0 generation from the compiled content model ([`super::schema`]).

use std::fmt::Write;

use super::schema::{Content, FormSchema, Particle, Seq, ValueType, UNBOUNDED};
use super::{NAMESPACE, ROOT};
use crate::model::FormDefinition;
use crate::value::fmt_num;

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            _ => o.push(c),
        }
    }
    o
}

struct W {
    out: String,
}

impl W {
    fn line(&mut self, depth: usize, s: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }
    fn doc(&mut self, depth: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        self.line(depth, "<xs:annotation>");
        self.line(
            depth + 1,
            &format!(
                "<xs:documentation xml:lang=\"ja\">{}</xs:documentation>",
                esc(text)
            ),
        );
        self.line(depth, "</xs:annotation>");
    }
}

fn occurs(p: &Particle) -> String {
    let mut s = String::new();
    if p.min != 1 {
        let _ = write!(s, " minOccurs=\"{}\"", p.min);
    }
    if p.max != 1 {
        if p.max == UNBOUNDED {
            s.push_str(" maxOccurs=\"unbounded\"");
        } else {
            let _ = write!(s, " maxOccurs=\"{}\"", p.max);
        }
    }
    s
}

const NON_BLANK: &str = r"\s*\S[\s\S]*";
const KANA_CLASS: &str = "ぁ-ゖァ-ヺー・゛゜ゝゞヽヾ";

fn decimal_pattern(fraction: u8) -> String {
    if fraction == 0 {
        "-?[0-9]{1,15}".to_string()
    } else {
        format!("-?[0-9]{{1,15}}(\\.[0-9]{{1,{fraction}}})?")
    }
}

fn simple_type(w: &mut W, d: usize, t: &ValueType) {
    let facet = |w: &mut W, name: &str, v: &str| {
        w.line(d + 2, &format!("<xs:{name} value=\"{}\"/>", esc(v)));
    };
    w.line(d, "<xs:simpleType>");
    match t {
        ValueType::Text { max_len } => {
            w.line(d + 1, "<xs:restriction base=\"xs:string\">");
            if let Some(m) = max_len {
                facet(w, "maxLength", &m.to_string());
            }
            facet(w, "pattern", NON_BLANK);
            w.line(d + 1, "</xs:restriction>");
        }
        ValueType::Kana { max_len } => {
            w.line(d + 1, "<xs:restriction base=\"xs:string\">");
            if let Some(m) = max_len {
                facet(w, "maxLength", &m.to_string());
            }
            facet(
                w,
                "pattern",
                &format!("[ 　]*[{KANA_CLASS}][ 　{KANA_CLASS}]*"),
            );
            w.line(d + 1, "</xs:restriction>");
        }
        ValueType::DoctorNumber => {
            w.line(d + 1, "<xs:restriction base=\"xs:token\">");
            facet(w, "pattern", "[A-Za-z0-9\\-]{1,20}");
            w.line(d + 1, "</xs:restriction>");
        }
        ValueType::LocalRef => {
            w.line(d + 1, "<xs:restriction base=\"xs:token\">");
            facet(w, "minLength", "1");
            facet(w, "maxLength", &super::schema::LOCAL_REF_MAX.to_string());
            w.line(d + 1, "</xs:restriction>");
        }
        ValueType::InstitutionCode => {
            w.line(d + 1, "<xs:restriction base=\"xs:token\">");
            facet(w, "pattern", "(0[1-9]|[1-3][0-9]|4[0-7])[13][0-9]{7}");
            w.line(d + 1, "</xs:restriction>");
        }
        ValueType::Integer { min, max } => {
            w.line(d + 1, "<xs:restriction base=\"xs:integer\">");
            facet(w, "pattern", "-?[0-9]{1,15}");
            if let Some(m) = min {
                facet(w, "minInclusive", &m.to_string());
            }
            if let Some(m) = max {
                facet(w, "maxInclusive", &m.to_string());
            }
            w.line(d + 1, "</xs:restriction>");
        }
        ValueType::Decimal {
            min,
            max,
            fraction,
            lab,
        } => {
            let number = |w: &mut W, d: usize| {
                w.line(d + 1, "<xs:restriction base=\"xs:decimal\">");
                w.line(
                    d + 2,
                    &format!("<xs:pattern value=\"{}\"/>", decimal_pattern(*fraction)),
                );
                if let Some(m) = min {
                    w.line(
                        d + 2,
                        &format!("<xs:minInclusive value=\"{}\"/>", fmt_num(*m)),
                    );
                }
                if let Some(m) = max {
                    w.line(
                        d + 2,
                        &format!("<xs:maxInclusive value=\"{}\"/>", fmt_num(*m)),
                    );
                }
                w.line(d + 1, "</xs:restriction>");
            };
            if *lab {
                w.line(d + 1, "<xs:union>");
                w.line(d + 2, "<xs:simpleType>");
                number(w, d + 2);
                w.line(d + 2, "</xs:simpleType>");
                w.line(d + 2, "<xs:simpleType>");
                w.line(d + 3, "<xs:restriction base=\"xs:token\">");
                w.line(d + 4, "<xs:enumeration value=\"not_done\">");
                w.doc(d + 5, "未実施");
                w.line(d + 4, "</xs:enumeration>");
                w.line(d + 3, "</xs:restriction>");
                w.line(d + 2, "</xs:simpleType>");
                w.line(d + 1, "</xs:union>");
            } else {
                number(w, d);
            }
        }
        ValueType::Date => {
            w.line(d + 1, "<xs:restriction base=\"xs:date\">");
            facet(
                w,
                "pattern",
                "(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])",
            );
            w.line(d + 1, "</xs:restriction>");
        }
        ValueType::YearMonth => {
            w.line(d + 1, "<xs:restriction base=\"xs:gYearMonth\">");
            facet(w, "pattern", "(19|20)[0-9]{2}-(0[1-9]|1[0-2])");
            w.line(d + 1, "</xs:restriction>");
        }
        ValueType::Code { codes } => {
            w.line(d + 1, "<xs:restriction base=\"xs:token\">");
            for (c, label) in codes {
                w.line(d + 2, &format!("<xs:enumeration value=\"{}\">", esc(c)));
                w.doc(d + 3, label);
                w.line(d + 2, "</xs:enumeration>");
            }
            w.line(d + 1, "</xs:restriction>");
        }
    }
    w.line(d, "</xs:simpleType>");
}

fn element(w: &mut W, d: usize, p: &Particle) {
    w.line(d, &format!("<xs:element name=\"{}\"{}>", p.name, occurs(p)));
    let doc = if p.doc.is_empty() {
        p.label.clone()
    } else {
        format!("{}。{}", p.label, p.doc)
    };
    w.doc(d + 1, &doc);
    match &p.content {
        Content::Value(t) => simple_type(w, d + 1, t),
        Content::Seq(s) => complex(w, d + 1, s),
    }
    w.line(d, "</xs:element>");
}

fn complex(w: &mut W, d: usize, s: &Seq) {
    w.line(d, "<xs:complexType>");
    if s.particles.is_empty() {
        w.line(d + 1, "<xs:sequence/>");
    } else {
        w.line(d + 1, "<xs:sequence>");
        for p in &s.particles {
            element(w, d + 2, p);
        }
        w.line(d + 1, "</xs:sequence>");
    }
    w.line(d, "</xs:complexType>");
}

/// The XSD of a bulk-registration file holding forms of the given versions
/// (one or more). `nsdb xsd ID…` prints it.
pub fn xsd(defs: &[&FormDefinition]) -> String {
    let mut w = W { out: String::new() };
    w.line(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    w.line(
        0,
        &format!(
            "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns=\"{NAMESPACE}\" targetNamespace=\"{NAMESPACE}\" elementFormDefault=\"qualified\" version=\"1\">"
        ),
    );
    let names: Vec<String> = defs
        .iter()
        .map(|d| format!("{} {}（{}）", d.id, d.title, d.version))
        .collect();
    w.doc(
        1,
        &format!(
            "NSDB 一括登録XML（{NAMESPACE}）。この XSD が扱う様式: {}。様式定義から生成（nsdb xsd）。XSDで表せない検査（申請区分ごとの必須、条件付き必須、項目間の整合、機械判定）は nsdb check が行います。",
            names.join("、")
        ),
    );
    w.line(1, &format!("<xs:element name=\"{ROOT}\">"));
    w.doc(
        2,
        "一括登録ファイルのルート要素。様式を1件以上、任意の順で含みます。",
    );
    w.line(2, "<xs:complexType>");
    w.line(3, "<xs:choice maxOccurs=\"unbounded\">");
    for d in defs {
        w.line(
            4,
            &format!(
                "<xs:element ref=\"{}\"/>",
                super::schema::form_element(&d.id)
            ),
        );
    }
    w.line(3, "</xs:choice>");
    w.line(2, "</xs:complexType>");
    w.line(1, "</xs:element>");
    for d in defs {
        let s = FormSchema::new(d);
        w.line(1, &format!("<xs:element name=\"{}\">", s.element));
        w.doc(
            2,
            &format!(
                "{}（{}、様式 {}、{}から使用可）",
                d.title, d.id, d.version, d.valid_from
            ),
        );
        complex(&mut w, 2, &s.content);
        w.line(1, "</xs:element>");
    }
    w.line(0, "</xs:schema>");
    w.out
}
