//! Test (b): for every XML sample and a set of mutations of it, the native
//! validator's XSD-level verdict (accept / refuse) equals xmllint's with the
//! XSD `nsdb xsd` generates for that version.

use crate::xml_common::*;

use nsdb_forms::xml::schema::{Content, FormSchema, Particle, Role, ValueType};
use nsdb_forms::{catalog, xml, FormDefinition};

/// A mutation: a name, the mutated file, and the verdict we expect from both.
struct Case {
    name: String,
    text: String,
    expect: bool,
}

fn lines(t: &str) -> Vec<String> {
    t.lines().map(str::to_string).collect()
}

fn join(l: &[String]) -> String {
    let mut s = l.join("\n");
    s.push('\n');
    s
}

fn leaf_line(l: &[String], name: &str) -> Option<usize> {
    let open = format!("<{name}>");
    l.iter().position(|x| {
        x.trim_start().starts_with(&open) && x.trim_end().ends_with(&format!("</{name}>"))
    })
}

fn replace_value(t: &str, name: &str, value: &str) -> Option<String> {
    let mut l = lines(t);
    let i = leaf_line(&l, name)?;
    let indent: String = l[i].chars().take_while(|c| *c == ' ').collect();
    l[i] = format!("{indent}<{name}>{value}</{name}>");
    Some(join(&l))
}

fn leaves(s: &FormSchema) -> Vec<Particle> {
    let mut v = Vec::new();
    fn walk(p: &Particle, v: &mut Vec<Particle>) {
        match &p.content {
            Content::Value(_) => v.push(p.clone()),
            Content::Seq(s) => s.particles.iter().for_each(|c| walk(c, v)),
        }
    }
    s.content.particles.iter().for_each(|p| walk(p, &mut v));
    v
}

fn present<'a>(t: &str, ps: &'a [Particle], f: impl Fn(&Particle) -> bool) -> Option<&'a Particle> {
    let l = lines(t);
    ps.iter()
        .find(|p| p.role != Role::Field && f(p) && leaf_line(&l, &p.name).is_some())
}

fn cases(def: &FormDefinition, t: &str) -> Vec<Case> {
    let schema = FormSchema::new(def);
    let ps = leaves(&schema);
    let mut c = Vec::new();
    let mut add = |name: &str, text: Option<String>, expect: bool| {
        if let Some(text) = text {
            c.push(Case {
                name: name.to_string(),
                text,
                expect,
            });
        }
    };
    add("unchanged", Some(t.to_string()), true);
    let code = present(t, &ps, |p| {
        matches!(&p.content, Content::Value(ValueType::Code { .. })) && p.role == Role::Item
    });
    if let Some(p) = code {
        add("code not in list", replace_value(t, &p.name, "99"), false);
        add("empty code", replace_value(t, &p.name, ""), false);
        if let Content::Value(ValueType::Code { codes }) = &p.content {
            add(
                "code with spaces (token)",
                replace_value(t, &p.name, &format!("  {} ", codes[0].0)),
                true,
            );
            let first = codes[0].0.clone();
            if first.len() == 1 {
                let r = format!("&#x{:x};", first.chars().next().unwrap() as u32);
                add(
                    "code as character reference",
                    replace_value(t, &p.name, &r),
                    true,
                );
            }
            add(
                "code in CDATA",
                replace_value(t, &p.name, &format!("<![CDATA[{first}]]>")),
                true,
            );
            add(
                "code with comment",
                replace_value(t, &p.name, &format!("{first}<!-- c -->")),
                true,
            );
            add(
                "attribute",
                Some(t.replacen(
                    &format!("<{}>", p.name),
                    &format!("<{} unit=\"x\">", p.name),
                    1,
                )),
                false,
            );
            add(
                "child element in a value",
                replace_value(t, &p.name, &format!("<x>{first}</x>")),
                false,
            );
        }
        add(
            "self-closed value",
            {
                let mut l = lines(t);
                leaf_line(&l, &p.name).map(|i| {
                    l[i] = format!("      <{}/>", p.name);
                    join(&l)
                })
            },
            false,
        );
    }
    if let Some(p) = present(t, &ps, |p| {
        matches!(&p.content, Content::Value(ValueType::Integer { .. }))
    }) {
        add(
            "text in an integer",
            replace_value(t, &p.name, "abc"),
            false,
        );
        add(
            "plus sign in an integer",
            replace_value(t, &p.name, "+3"),
            false,
        );
        add(
            "decimal in an integer",
            replace_value(t, &p.name, "3.5"),
            false,
        );
        if let Content::Value(ValueType::Integer { min, max }) = &p.content {
            if let Some(m) = max {
                add(
                    "integer above max",
                    replace_value(t, &p.name, &(m + 1).to_string()),
                    false,
                );
                add(
                    "integer at max",
                    replace_value(t, &p.name, &m.to_string()),
                    true,
                );
                add(
                    "integer at max with leading zeros",
                    replace_value(t, &p.name, &format!("00{m}")),
                    true,
                );
            }
            if let Some(m) = min {
                add(
                    "integer below min",
                    replace_value(t, &p.name, &(m - 1).to_string()),
                    false,
                );
            }
        }
        add(
            "16-digit integer",
            replace_value(t, &p.name, "1234567890123456"),
            false,
        );
    }
    if let Some(p) = present(t, &ps, |p| {
        matches!(
            &p.content,
            Content::Value(ValueType::Decimal { lab: false, .. })
        )
    }) {
        if let Content::Value(ValueType::Decimal { fraction, min, .. }) = &p.content {
            let base = min.map(|m| m.max(0.0)).unwrap_or(0.0).ceil() as i64 + 1;
            add(
                "decimal with too many places",
                replace_value(
                    t,
                    &p.name,
                    &format!("{base}.{}", "1".repeat(*fraction as usize + 1)),
                ),
                false,
            );
            add(
                "decimal at precision",
                replace_value(
                    t,
                    &p.name,
                    &if *fraction > 0 {
                        format!("{base}.{}", "1".repeat(*fraction as usize))
                    } else {
                        base.to_string()
                    },
                ),
                true,
            );
        }
        add(
            "decimal leading dot",
            replace_value(t, &p.name, ".5"),
            false,
        );
        add(
            "decimal trailing dot",
            replace_value(t, &p.name, "5."),
            false,
        );
        add("decimal comma", replace_value(t, &p.name, "5,5"), false);
    }
    if let Some(p) = present(t, &ps, |p| {
        matches!(
            &p.content,
            Content::Value(ValueType::Decimal { lab: true, .. })
        )
    }) {
        add("lab not_done", replace_value(t, &p.name, "not_done"), true);
        add("lab NOT_DONE", replace_value(t, &p.name, "NOT_DONE"), false);
        add(
            "lab 未実施 (only not_done)",
            replace_value(t, &p.name, "未実施"),
            false,
        );
    }
    if let Some(p) = present(t, &ps, |p| {
        matches!(&p.content, Content::Value(ValueType::Date))
    }) {
        let l = lines(t);
        let v = l[leaf_line(&l, &p.name).unwrap()]
            .split('>')
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_string();
        add(
            "bad date 02-30",
            replace_value(t, &p.name, "2019-02-30"),
            false,
        );
        add(
            "date with slashes",
            replace_value(t, &p.name, "2019/06/01"),
            false,
        );
        add(
            "date with time zone",
            replace_value(t, &p.name, &format!("{v}Z")),
            false,
        );
        add(
            "date year 1899",
            replace_value(t, &p.name, "1899-12-31"),
            false,
        );
        add(
            "leap day 2016",
            replace_value(t, &p.name, "2016-02-29"),
            true,
        );
        add(
            "no leap day 2015",
            replace_value(t, &p.name, "2015-02-29"),
            false,
        );
        add(
            "date with surrounding spaces",
            replace_value(t, &p.name, &format!(" {v}\t")),
            true,
        );
        add("date 一桁月", replace_value(t, &p.name, "2019-6-01"), false);
        add(
            "extra repeat",
            {
                let mut l = lines(t);
                let i = leaf_line(&l, &p.name).unwrap();
                let x = l[i].clone();
                l.insert(i + 1, x);
                Some(join(&l))
            },
            false,
        );
        add(
            "missing required element",
            {
                let mut l = lines(t);
                let i = leaf_line(&l, &p.name).unwrap();
                l.remove(i);
                Some(join(&l))
            },
            p.min == 0,
        );
        add(
            "unknown element",
            {
                let mut l = lines(t);
                let i = leaf_line(&l, &p.name).unwrap();
                l.insert(i + 1, "      <no_such_item>1</no_such_item>".into());
                Some(join(&l))
            },
            false,
        );
        add(
            "text between elements",
            {
                let mut l = lines(t);
                let i = leaf_line(&l, &p.name).unwrap();
                l.insert(i + 1, "      stray text".into());
                Some(join(&l))
            },
            false,
        );
    }
    if let Some(p) = present(t, &ps, |p| {
        matches!(&p.content, Content::Value(ValueType::YearMonth))
    }) {
        add("year-month 13", replace_value(t, &p.name, "2019-13"), false);
        add(
            "year-month as date",
            replace_value(t, &p.name, "2019-03-01"),
            false,
        );
    }
    if let Some(p) = present(t, &ps, |p| {
        matches!(&p.content, Content::Value(ValueType::Kana { .. }))
    }) {
        add("latin in kana", replace_value(t, &p.name, "yamada"), false);
        add(
            "katakana in kana",
            replace_value(t, &p.name, "ヤマダ　タロウ"),
            true,
        );
        add(
            "spaces only in kana",
            replace_value(t, &p.name, "　 "),
            false,
        );
    }
    if let Some(p) = present(t, &ps, |p| {
        matches!(
            &p.content,
            Content::Value(ValueType::Text { max_len: Some(_) })
        )
    }) {
        if let Content::Value(ValueType::Text { max_len: Some(m) }) = &p.content {
            add(
                "text at max length",
                replace_value(t, &p.name, &"あ".repeat(*m)),
                true,
            );
            add(
                "text over max length",
                replace_value(t, &p.name, &"あ".repeat(m + 1)),
                false,
            );
        }
        add(
            "whitespace-only text",
            replace_value(t, &p.name, "   "),
            false,
        );
        add(
            "text with escaped markup",
            replace_value(t, &p.name, "A &amp; B &lt;C&gt;"),
            true,
        );
    }
    // Order: swap the first two leaves of the first section.
    add(
        "wrong order",
        {
            let mut l = lines(t);
            let i = l
                .iter()
                .position(|x| x.trim() == "<basic>" || x.trim() == "<patient>")
                .map(|i| i + 1);
            i.and_then(|i| {
                if leaf_line(
                    &l[i..i + 1],
                    l[i].trim()
                        .trim_start_matches('<')
                        .split('>')
                        .next()
                        .unwrap(),
                )
                .is_some()
                    && l[i + 1].trim().ends_with('>')
                    && !l[i + 1].trim().starts_with("</")
                {
                    l.swap(i, i + 1);
                    Some(join(&l))
                } else {
                    None
                }
            })
        },
        false,
    );
    add(
        "header out of order",
        {
            let mut l = lines(t);
            let a = leaf_line(&l, "application_kind").unwrap();
            let b = leaf_line(&l, "institution_code").unwrap();
            l.swap(a, b);
            Some(join(&l))
        },
        false,
    );
    add(
        "missing application_kind",
        {
            let mut l = lines(t);
            let a = leaf_line(&l, "application_kind").unwrap();
            l.remove(a);
            Some(join(&l))
        },
        false,
    );
    for k in ["new", "renewal", "continuation", "transfer_in", "New"] {
        let ok = def
            .application_kinds
            .iter()
            .any(|x| xml::kind_code(*x) == k);
        add(
            &format!("application_kind {k}"),
            replace_value(t, "application_kind", k),
            ok,
        );
    }
    add(
        "institution code 9 digits",
        replace_value(t, "institution_code", "131012345"),
        false,
    );
    add(
        "institution code prefecture 48",
        replace_value(t, "institution_code", "4810123458"),
        false,
    );
    add(
        "institution code bad check digit (not an XSD rule)",
        replace_value(t, "institution_code", "1310123459"),
        true,
    );
    add(
        "no local_ref",
        {
            let mut l = lines(t);
            leaf_line(&l, "local_ref").map(|i| {
                l.remove(i);
                join(&l)
            })
        },
        true,
    );
    add(
        "local_ref too long",
        replace_value(t, "local_ref", &"R".repeat(65)),
        false,
    );
    add(
        "doctor number with a space",
        replace_value(t, "designated_doctor_number", "N13 0001"),
        false,
    );
    add(
        "doctor number 全角",
        replace_value(t, "designated_doctor_number", "Ｎ13-0001"),
        false,
    );
    add(
        "wrong namespace",
        Some(t.replace("xmlns=\"urn:nsdb:bulk:1\"", "xmlns=\"urn:nsdb:bulk:2\"")),
        false,
    );
    add(
        "no namespace",
        Some(t.replace(" xmlns=\"urn:nsdb:bulk:1\"", "")),
        false,
    );
    add("prefixed namespace", Some(prefixed(t)), true);
    // A declaration on a section holds for that section only: the sections
    // after it are read in the root's namespace again.
    let on_first_section = |declaration: &str| -> Option<String> {
        let header_end = t.find("</local_ref>")?;
        let section = t[header_end..].find("\n    <")? + header_end + 5;
        let tag_end = t[section..].find('>')? + section;
        Some(format!("{}{declaration}{}", &t[..tag_end], &t[tag_end..]))
    };
    add(
        "default namespace declared again on a section",
        on_first_section(" xmlns=\"urn:nsdb:bulk:1\""),
        true,
    );
    add(
        "a section in another namespace",
        on_first_section(" xmlns=\"urn:other\""),
        false,
    );
    add("schemaLocation hint on the root", Some(t.replace(
        "xmlns=\"urn:nsdb:bulk:1\">",
        "xmlns=\"urn:nsdb:bulk:1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:nsdb:bulk:1 nsdb.xsd\">",
    )), true);
    add("xsi:nil on an element", Some(t.replace(
        "xmlns=\"urn:nsdb:bulk:1\">",
        "xmlns=\"urn:nsdb:bulk:1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">",
    ).replacen("<application_kind>", "<application_kind xsi:nil=\"true\">", 1)), false);
    add(
        "two forms",
        {
            let s = t.find("  <form_").unwrap();
            let e = t.rfind("</bulk>").unwrap();
            Some(format!("{}{}{}", &t[..e], &t[s..e], &t[e..]))
        },
        true,
    );
    add(
        "no forms",
        {
            let s = t.find("  <form_").unwrap();
            let e = t.rfind("</bulk>").unwrap();
            Some(format!("{}{}", &t[..s], &t[e..]))
        },
        false,
    );
    add(
        "unknown form version",
        Some(t.replace(&format!("form_{}", def.id), "form_nanbyo-999-2403")),
        false,
    );
    add(
        "element outside forms",
        Some(t.replace(
            "<bulk xmlns=\"urn:nsdb:bulk:1\">",
            "<bulk xmlns=\"urn:nsdb:bulk:1\">\n  <note>x</note>",
        )),
        false,
    );
    add(
        "wrong root",
        Some(
            t.replace("<bulk ", "<batch ")
                .replace("</bulk>", "</batch>"),
        ),
        false,
    );
    // Sections: a whole required section missing.
    let req_section = schema
        .content
        .particles
        .iter()
        .find(|p| p.role == Role::Section && p.min == 1)
        .map(|p| p.name.clone());
    if let Some(s) = req_section {
        add(
            "missing required section",
            {
                let l = lines(t);
                let a = l.iter().position(|x| x.trim() == format!("<{s}>"));
                let b = l.iter().position(|x| x.trim() == format!("</{s}>"));
                a.zip(b).map(|(a, b)| {
                    let mut l = l.clone();
                    l.drain(a..=b);
                    join(&l)
                })
            },
            false,
        );
    }
    // Groups: the maximum number of rows, and one more.
    for p in &schema.content.particles {
        let Content::Seq(items) = &p.content else {
            continue;
        };
        for g in items.particles.iter().filter(|x| x.role == Role::Group) {
            let Content::Seq(rs) = &g.content else {
                continue;
            };
            let row = &rs.particles[0];
            if row.max == u32::MAX || row.max > 50 {
                continue;
            }
            let Content::Seq(fields) = &row.content else {
                continue;
            };
            let mut one = String::from("        <row>\n");
            for f in &fields.particles {
                if f.min > 0 {
                    if let Content::Value(vt) = &f.content {
                        one.push_str(&format!(
                            "          <{}>{}</{}>\n",
                            f.name,
                            valid_value(vt),
                            f.name
                        ));
                    }
                }
            }
            one.push_str("        </row>\n");
            let l = lines(t);
            let Some(open) = l.iter().position(|x| x.trim() == format!("<{}>", p.name)) else {
                continue;
            };
            let Some(close) = l.iter().position(|x| x.trim() == format!("</{}>", p.name)) else {
                continue;
            };
            // Before the first element that follows the group in the section.
            let gi = items.position(&g.name).unwrap();
            let later: Vec<&str> = items.particles[gi + 1..]
                .iter()
                .map(|x| x.name.as_str())
                .collect();
            let close = (open + 1..close)
                .find(|&i| {
                    later
                        .iter()
                        .any(|n| l[i].trim_start().starts_with(&format!("<{n}>")))
                })
                .unwrap_or(close);
            if l.iter().any(|x| x.trim() == format!("<{}>", g.name)) {
                continue; // the sample already has rows; keep the case simple
            }
            for (n, ok) in [
                (row.max as usize, true),
                (row.max as usize + 1, false),
                (0, false),
            ] {
                let mut l2 = l.clone();
                let block = format!("      <{}>\n{}      </{}>", g.name, one.repeat(n), g.name);
                l2.insert(close, block);
                add(
                    &format!("group {} with {n} rows", g.name),
                    Some(join(&l2)),
                    ok,
                );
            }
        }
    }
    c
}

fn valid_value(vt: &ValueType) -> String {
    match vt {
        ValueType::Code { codes } => codes[0].0.clone(),
        ValueType::Date => "2020-01-01".into(),
        ValueType::YearMonth => "2020-01".into(),
        ValueType::Integer { min, .. } => min.unwrap_or(0).max(0).to_string(),
        ValueType::Decimal { min, .. } => (min.unwrap_or(0.0).max(0.0).ceil() as i64).to_string(),
        ValueType::Kana { .. } => "かな".into(),
        _ => "テスト".into(),
    }
}

/// The same document with a prefix `n:` for the namespace.
fn prefixed(t: &str) -> String {
    let mut out = String::new();
    let mut rest = t;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if after.starts_with('?') || after.starts_with('!') {
            out.push('<');
        } else if let Some(a) = after.strip_prefix('/') {
            out.push_str("</n:");
            rest = a;
            continue;
        } else {
            out.push_str("<n:");
        }
        rest = after;
    }
    out.push_str(rest);
    out.replace("xmlns=\"urn:nsdb:bulk:1\"", "xmlns:n=\"urn:nsdb:bulk:1\"")
}

#[test]
fn native_xsd_verdict_equals_xmllint_for_samples_and_mutations() {
    let mut checked = 0;
    let mut disagreements = Vec::new();
    for (id, path) in xml_samples() {
        let def = catalog().get(&id).unwrap();
        let xsd = xml::xsd(&[&def]);
        let text = std::fs::read_to_string(&path).unwrap();
        let cases = cases(&def, &text);
        let texts: Vec<String> = cases.iter().map(|c| c.text.clone()).collect();
        let Some(lint) = xmllint_verdicts(&xsd, &texts) else {
            return;
        };
        for (case, (lint, stderr)) in cases.iter().zip(lint) {
            let native = native_accepts(&case.text);
            if native != lint || native != case.expect {
                disagreements.push(format!(
                    "{id} / {}: native {native}, xmllint {lint}, expected {}\n{stderr}",
                    case.name, case.expect
                ));
            }
            checked += 1;
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {checked} cases:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert!(checked > 100, "{checked}");
}

/// XML declarations (production [23]): the native well-formedness verdict
/// (no `not_well_formed` stop) equals `xmllint --noout`'s, on valid and
/// malformed declarations alike (a version 1.1 is well-formed for both;
/// `nsdb check` then refuses it as not 1.0).
#[test]
fn xml_declaration_well_formedness_equals_xmllint() {
    let sample = std::fs::read_to_string(samples_dir().join("nanbyo-006-2403.xml")).unwrap();
    let body = &sample[sample.find('\n').unwrap()..];
    let declarations = [
        ("<?xml version=\"1.0\"?>", true),
        (
            "<?xml version='1.0' encoding=\"UTF-8\" standalone=\"yes\"?>",
            true,
        ),
        ("<?xml version = \"1.0\"   encoding = 'utf-8'  ?>", true),
        ("<?xml version=\"1.1\"?>", true),
        ("<?xml encoding=\"UTF-8\" version=\"1.0\"?>", false),
        (
            "<?xml version=\"1.0\" standalone=\"yes\" encoding=\"UTF-8\"?>",
            false,
        ),
        ("<?xml version=\"1.0\" foo=\"bar\"?>", false),
        ("<?xml version=\"1.0\" standalone=\"maybe\"?>", false),
        ("<?xml version=\"1.0\" version=\"1.0\"?>", false),
        ("<?xml encoding=\"UTF-8\"?>", false),
        ("<?xml ?>", false),
        ("<?xml version=\"2.0\"?>", false),
        ("<?xml version=\"1.x\"?>", false),
        ("<?xml version=\"1.0\" encoding=\"8bit\"?>", false),
        ("<?xml version=\"1.0\"encoding=\"UTF-8\"?>", false),
    ];
    let mut disagreements = Vec::new();
    for (decl, well_formed) in declarations {
        let text = format!("{decl}{body}");
        let native = xml::validate(text.as_bytes(), xml::Options::new(sample_today()))
            .all(|e| !matches!(e, Err(f) if f.kind == xml::FatalKind::NotWellFormed));
        let Some(lint) = xmllint_well_formed(&text) else {
            return;
        };
        if native != well_formed || lint != well_formed {
            disagreements.push(format!(
                "{decl}: native {native}, xmllint {lint}, expected {well_formed}"
            ));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}
