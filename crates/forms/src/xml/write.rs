//! Writing forms as bulk-registration XML (samples, test and benchmark data).
//!
//! The output has one element per line, in schema order; a blank answer is
//! omitted. It is what a hospital-system exporter should produce.

use super::schema::{Content, FormSchema, Particle, Role, ROW};
use super::{NAMESPACE, ROOT};
use crate::data::{Answer, FormData};
use crate::model::{ApplicationKind, FormDefinition};
use crate::value::fmt_num;

/// The header of one form in a bulk file.
#[derive(Debug, Clone)]
pub struct FormHeader {
    pub kind: ApplicationKind,
    /// 医療機関コード (10 digits).
    pub institution_code: String,
    /// The sender's own reference, echoed in reports.
    pub local_ref: Option<String>,
}

/// Escapes text content.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '\r' => o.push_str("&#13;"),
            _ => o.push(c),
        }
    }
    o
}

fn scalar(a: &Answer) -> Vec<String> {
    match a {
        Answer::Blank => vec![],
        Answer::Bool(b) => vec![if *b { "1" } else { "2" }.to_string()],
        Answer::Number(n) => vec![fmt_num(*n)],
        Answer::Text(s) if s.trim().is_empty() => vec![],
        Answer::Text(s) => vec![s.clone()],
        Answer::Codes(v) => v.clone(),
        Answer::Rows(_) => vec![],
    }
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

fn leaf(out: &mut String, depth: usize, name: &str, value: &str) {
    indent(out, depth);
    out.push_str(&format!("<{name}>{}</{name}>\n", escape(value)));
}

fn multiple_values(p: &Particle, a: &Answer) -> Vec<String> {
    match a {
        // A multiple-choice item given as "1,3" in JSON.
        Answer::Text(s) if p.max > 1 => s
            .split(',')
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect(),
        _ => scalar(a),
    }
}

/// Writes one form element (no XML declaration, no root).
pub fn write_form(out: &mut String, def: &FormDefinition, header: &FormHeader, data: &FormData) {
    let schema = FormSchema::new(def);
    let depth = 1;
    indent(out, depth);
    out.push_str(&format!("<{}>\n", schema.element));
    for p in &schema.content.particles {
        match p.role {
            Role::ApplicationKind => {
                leaf(out, depth + 1, &p.name, header.kind.code());
            }
            Role::InstitutionCode => leaf(out, depth + 1, &p.name, &header.institution_code),
            Role::LocalRef => {
                if let Some(r) = &header.local_ref {
                    leaf(out, depth + 1, &p.name, r);
                }
            }
            Role::Section => {
                let Content::Seq(items) = &p.content else {
                    continue;
                };
                let mut body = String::new();
                for it in &items.particles {
                    let Some(a) = data.get(&it.name) else {
                        continue;
                    };
                    match (&it.role, &it.content) {
                        (Role::Group, Content::Seq(rowseq)) => {
                            let Answer::Rows(rows) = a else { continue };
                            if rows.is_empty() {
                                continue;
                            }
                            let Content::Seq(fields) = &rowseq.particles[0].content else {
                                continue;
                            };
                            indent(&mut body, depth + 2);
                            body.push_str(&format!("<{}>\n", it.name));
                            for r in rows {
                                indent(&mut body, depth + 3);
                                body.push_str(&format!("<{ROW}>\n"));
                                for f in &fields.particles {
                                    if let Some(v) = r.get(&f.name) {
                                        for x in multiple_values(f, v) {
                                            leaf(&mut body, depth + 4, &f.name, &x);
                                        }
                                    }
                                }
                                indent(&mut body, depth + 3);
                                body.push_str(&format!("</{ROW}>\n"));
                            }
                            indent(&mut body, depth + 2);
                            body.push_str(&format!("</{}>\n", it.name));
                        }
                        _ => {
                            for x in multiple_values(it, a) {
                                leaf(&mut body, depth + 2, &it.name, &x);
                            }
                        }
                    }
                }
                if body.is_empty() && p.min == 0 {
                    continue;
                }
                indent(out, depth + 1);
                out.push_str(&format!("<{}>\n", p.name));
                out.push_str(&body);
                indent(out, depth + 1);
                out.push_str(&format!("</{}>\n", p.name));
            }
            _ => {}
        }
    }
    indent(out, depth);
    out.push_str(&format!("</{}>\n", schema.element));
}

/// The XML declaration and the root start tag.
pub fn bulk_start() -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{ROOT} xmlns=\"{NAMESPACE}\">\n")
}

/// The root end tag.
pub fn bulk_end() -> String {
    format!("</{ROOT}>\n")
}

/// A whole bulk file of the given forms.
pub fn write_bulk(forms: &[(&FormDefinition, FormHeader, FormData)]) -> String {
    let mut out = bulk_start();
    for (def, h, data) in forms {
        write_form(&mut out, def, h, data);
    }
    out.push_str(&bulk_end());
    out
}
