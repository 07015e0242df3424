//! The layouts: the form and the key-only sheet.

use nsdb_forms::evaluate::Determination;
use nsdb_forms::presentation::{PresentedItem, NOT_APPLICABLE, NOT_ENTERED};
use nsdb_forms::{DiagnosisOutcome, SeverityOutcome};
use qrcode::{EcLevel, QrCode};

use crate::canvas::{
    Block, Canvas, Op, BLACK, BOTTOM, GRAY, LEADING, LIGHT, MARGIN_X, PAGE_H, PAGE_W, RED, SHADE,
    TOP,
};
use crate::text::{wrap, FACE};
use crate::{qr_payload, KeySheet, MaskRule, PdfError, Presentation, PrintHeader, Variant};

const RIGHT: f32 = PAGE_W - MARGIN_X;
const CONTENT_W: f32 = RIGHT - MARGIN_X;
/// Item rows: number, label and value columns.
const NUM_X: f32 = MARGIN_X;
const NUM_W: f32 = 44.0;
const LABEL_X: f32 = NUM_X + NUM_W + 2.0;
const LABEL_W: f32 = 190.0;
const VALUE_X: f32 = LABEL_X + LABEL_W + 6.0;
const VALUE_W: f32 = RIGHT - VALUE_X;
const BODY: f32 = 9.0;
const SMALL: f32 = 7.5;
const PAD: f32 = 3.0;

/// Marks a draft on every page.
const DRAFT: &str = "下書き（未確定）";

/// The form as printed. `variant` decides which items print in full.
pub fn render_form(
    p: &Presentation,
    header: &PrintHeader,
    variant: &Variant,
) -> Result<Vec<u8>, PdfError> {
    let mut c = Canvas::new();
    let mask = match variant {
        Variant::Full => None,
        Variant::Masked(rule) => Some(rule),
    };
    // The masked copy leaves the key out too: it opens the full record, names and all.
    let key = if mask.is_some() {
        None
    } else {
        header.access_key.clone()
    };
    let draft = header.access_key.is_none();
    form_header(&mut c, p, header, key.as_deref(), draft, mask.is_some())?;
    for s in &p.sections {
        // A heading is not left alone at the bottom of a page.
        c.ensure(22.0 + BODY * LEADING * 2.0);
        section_bar(&mut c, &format!("{} {}", s.heading, s.label));
        if let Some(note) = &s.note {
            c.paragraph(LABEL_X, CONTENT_W - NUM_W, SMALL, note, GRAY);
        }
        for item in &s.items {
            item_row(&mut c, item, mask);
        }
        c.y += 6.0;
    }
    determination(&mut c, &p.determination);
    let definition_id = p.definition_id.clone();
    c.finish(&p.title, |n, total| {
        let mut left = definition_id.clone();
        if let Some(k) = &key {
            left.push_str("　アクセスキー ");
            left.push_str(k);
        }
        if draft {
            left.push('　');
            left.push_str(DRAFT);
        }
        footer(&left, n, total)
    })
}

fn form_header(
    c: &mut Canvas,
    p: &Presentation,
    h: &PrintHeader,
    key: Option<&str>,
    draft: bool,
    masked: bool,
) -> Result<(), PdfError> {
    let corner_w = 118.0;
    let left_w = CONTENT_W - corner_w - 8.0;
    c.title(MARGIN_X, left_w, 14.0, &p.title);
    c.y += 2.0;
    let lines = [
        format!("疾病: {}　（{}）", h.disease, h.program),
        format!("様式: {}　状態: {}", p.definition_id, h.state),
    ];
    for l in lines {
        c.paragraph(MARGIN_X, left_w, BODY, &l, BLACK);
    }
    if let Some(key) = key {
        c.y += 2.0;
        let y = c.y;
        c.begin(Block::Paragraph);
        c.text(MARGIN_X, y + 4.0, 8.0, "アクセスキー", GRAY);
        c.text(MARGIN_X + 52.0, y, 14.0, key, BLACK);
        c.end();
        c.y += 14.0 * LEADING;
    } else if draft {
        c.paragraph(
            MARGIN_X,
            left_w,
            SMALL + 0.5,
            "この書類は確定前の下書きです。アクセスキーは承認（確定）の時に発行されます。",
            RED,
        );
    }
    let mut facts = Vec::new();
    if let Some(d) = &h.confirmed_on {
        facts.push(format!("確定日: {d}"));
    }
    if !h.institution.is_empty() {
        facts.push(format!("医療機関: {}", h.institution));
    }
    if !h.doctor.is_empty() {
        facts.push(format!("指定医: {}", h.doctor));
    }
    if !facts.is_empty() {
        c.paragraph(MARGIN_X, left_w, BODY, &facts.join("　"), BLACK);
    }
    c.paragraph(
        MARGIN_X,
        left_w,
        SMALL,
        &format!("出力日時: {}", h.printed_at),
        GRAY,
    );
    if masked {
        c.paragraph(
            MARGIN_X,
            left_w,
            BODY,
            "審査会資料: 個人を特定する項目とアクセスキーはマスクしています（生年月日は年月のみ）。",
            RED,
        );
    }
    // The corner (QR code, or the draft's mark) is placed at the top right, and read after
    // the header's text.
    let corner_bottom = match key {
        Some(key) => {
            let size = corner_w - 22.0;
            let x = RIGHT - size;
            qr(c, &qr_payload(key, &h.content_hash), x, TOP - 6.0, size)?;
            let caption = "アクセスキー・内容ハッシュ";
            c.text(
                RIGHT - FACE.width(caption, 6.0),
                TOP + size - 8.0,
                6.0,
                caption,
                GRAY,
            );
            TOP + size
        }
        None => {
            let (mark, color) = if draft {
                (DRAFT, RED)
            } else {
                ("審査会資料", GRAY)
            };
            let (x, w, hh) = (RIGHT - corner_w, corner_w, 30.0);
            c.rect_outline(x, TOP, w, hh, 1.5, color);
            let size = 12.0;
            let tw = FACE.width(mark, size);
            c.text(
                x + (w - tw) / 2.0,
                TOP + (hh - size) / 2.0,
                size,
                mark,
                color,
            );
            TOP + hh
        }
    };
    c.y = c.y.max(corner_bottom) + 4.0;
    let y = c.y;
    c.hline(MARGIN_X, RIGHT, y, 0.8, BLACK);
    c.y += 6.0;
    Ok(())
}

fn section_bar(c: &mut Canvas, text: &str) {
    let size = 10.5;
    let lines = wrap(text, size, CONTENT_W - 8.0);
    let h = lines.len() as f32 * size * LEADING + 4.0;
    c.ensure(h);
    let y = c.y;
    c.fill(MARGIN_X, y, CONTENT_W, h, SHADE);
    c.begin(Block::Heading(text.to_owned()));
    for (i, l) in lines.iter().enumerate() {
        c.text(
            MARGIN_X + 4.0,
            y + 2.0 + i as f32 * size * LEADING,
            size,
            l,
            BLACK,
        );
    }
    c.end();
    c.y += h + 2.0;
}

/// What an item prints as its value, and whether that is an answer (black) or a
/// placeholder (gray), with the variant applied. Group rows print only when not masked.
fn value_of(item: &PresentedItem, mask: Option<&MaskRule>) -> (String, bool, bool) {
    let answered = item.applies && item.answered;
    if let Some(rule) = mask {
        if answered && rule.year_month_only.iter().any(|i| i == &item.id) {
            let d = &item.display;
            let ym = if d.len() >= 7 && d.as_bytes()[4] == b'-' && d.is_char_boundary(7) {
                &d[..7]
            } else {
                rule.mask.as_str()
            };
            return (ym.to_owned(), true, false);
        }
        if rule.hide.contains(&item.personal_data) {
            return (rule.mask.clone(), false, false);
        }
    }
    let mut v = item.display.clone();
    if answered && item.rows.is_empty() {
        if let Some(u) = &item.unit {
            v.push(' ');
            v.push_str(u);
        }
    }
    let placeholder = v == NOT_ENTERED || v == NOT_APPLICABLE;
    (v, !placeholder, answered && !item.rows.is_empty())
}

fn item_row(c: &mut Canvas, item: &PresentedItem, mask: Option<&MaskRule>) {
    let (value, is_answer, table) = value_of(item, mask);
    let value = if table { String::new() } else { value };
    let mut left: Vec<(String, f32, (u8, u8, u8))> = wrap(&item.label, BODY, LABEL_W)
        .into_iter()
        .map(|l| (l, BODY, BLACK))
        .collect();
    if let Some(note) = &item.note {
        left.extend(
            wrap(&format!("※{note}"), SMALL, LABEL_W)
                .into_iter()
                .map(|l| (l, SMALL, GRAY)),
        );
    }
    let color = if is_answer { BLACK } else { GRAY };
    let right: Vec<(String, f32, (u8, u8, u8))> = wrap(&value, BODY, VALUE_W)
        .into_iter()
        .map(|l| (l, BODY, color))
        .collect();
    let number = wrap(&item.number, 8.0, NUM_W - 2.0);
    // Number, label and answer read as one paragraph; a group's table follows on its own.
    c.begin(Block::Paragraph);
    rows3(c, &number, &left, &right);
    c.end();
    if table {
        group_table(c, item);
    }
}

/// One row of three columns; a row too tall for the rest of the page moves to the next,
/// and one taller than a page continues there line by line.
fn rows3(
    c: &mut Canvas,
    number: &[String],
    left: &[(String, f32, (u8, u8, u8))],
    right: &[(String, f32, (u8, u8, u8))],
) {
    let height = |ls: &[(String, f32, (u8, u8, u8))]| -> f32 {
        ls.iter().map(|(_, s, _)| s * LEADING).sum::<f32>()
    };
    let h = height(left).max(height(right)).max(BODY * LEADING) + 2.0 * PAD;
    c.ensure(h);
    let mut y0 = c.y + PAD;
    for l in number {
        c.text(NUM_X, y0 + 0.5, 8.0, l, GRAY);
        y0 += 8.0 * LEADING;
    }
    let top = c.y + PAD;
    if top - PAD + h <= BOTTOM {
        // The usual row: label and value side by side on this page.
        let mut bottom = top;
        for (col_x, lines) in [(LABEL_X, left), (VALUE_X, right)] {
            let mut y = top;
            for (text, size, color) in lines {
                c.text(col_x, y, *size, text, *color);
                y += size * LEADING;
            }
            bottom = bottom.max(y);
        }
        c.y = bottom.max(top + BODY * LEADING) + PAD;
    } else {
        // Taller than a page: the label, then the value below it, each line breaking
        // pages as it must, so that nothing is lost or overlaps.
        c.y = top;
        for (col_x, lines) in [(LABEL_X, left), (VALUE_X, right)] {
            for (text, size, color) in lines {
                c.ensure(size * LEADING);
                let y = c.y;
                c.text(col_x, y, *size, text, *color);
                c.y += size * LEADING;
            }
        }
        c.y += PAD;
    }
    let y = c.y;
    c.hline(MARGIN_X, RIGHT, y, 0.3, LIGHT);
}

/// A group item's rows as a small table below its label, one column per field.
fn group_table(c: &mut Canvas, item: &PresentedItem) {
    let cols = item.fields.len().max(1);
    let x0 = LABEL_X;
    let w = RIGHT - x0;
    let col_w = w / cols as f32;
    let header: Vec<Vec<String>> = item
        .fields
        .iter()
        .map(|f| wrap(&f.label, SMALL, col_w - 4.0))
        .collect();
    let head_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * SMALL * LEADING + 2.0;
    c.ensure(head_h + BODY * LEADING * 2.0);
    let y = c.y;
    c.fill(x0, y, w, head_h, SHADE);
    for (i, lines) in header.iter().enumerate() {
        for (j, l) in lines.iter().enumerate() {
            c.text(
                x0 + 2.0 + i as f32 * col_w,
                y + 1.0 + j as f32 * SMALL * LEADING,
                SMALL,
                l,
                GRAY,
            );
        }
    }
    c.y += head_h;
    for row in &item.rows {
        let cells: Vec<Vec<String>> = row.iter().map(|(_, v)| wrap(v, 8.5, col_w - 4.0)).collect();
        let h = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * 8.5 * LEADING + 2.0;
        c.ensure(h);
        let y = c.y;
        for (i, lines) in cells.iter().enumerate() {
            let color = if row[i].1 == NOT_ENTERED { GRAY } else { BLACK };
            for (j, l) in lines.iter().enumerate() {
                c.text(
                    x0 + 2.0 + i as f32 * col_w,
                    y + 1.0 + j as f32 * 8.5 * LEADING,
                    8.5,
                    l,
                    color,
                );
            }
        }
        c.y += h;
        let y = c.y;
        c.hline(x0, RIGHT, y, 0.3, LIGHT);
    }
    c.y += PAD;
}

fn diagnosis_label(d: DiagnosisOutcome) -> &'static str {
    match d {
        DiagnosisOutcome::Definite => "確実（Definite）",
        DiagnosisOutcome::Probable => "ほぼ確実（Probable）",
        DiagnosisOutcome::Possible => "疑い（Possible）",
        DiagnosisOutcome::NotMet => "診断基準を満たさない",
        DiagnosisOutcome::Undetermined => "判定不能",
    }
}

fn severity_label(s: SeverityOutcome) -> &'static str {
    match s {
        SeverityOutcome::Met => "重症度分類を満たす",
        SeverityOutcome::NotMet => "重症度分類を満たさない",
        SeverityOutcome::Undetermined => "判定不能",
    }
}

fn determination(c: &mut Canvas, d: &Determination) {
    c.ensure(22.0 + BODY * LEADING * 5.0);
    section_bar(c, "一次判定（機械判定）");
    let mut facts: Vec<(&str, String)> = vec![
        ("診断", diagnosis_label(d.diagnosis).to_owned()),
        ("重症度", severity_label(d.severity).to_owned()),
        ("判定結果", d.result.label().to_owned()),
    ];
    if let Some(l) = d.light_high_cost {
        facts.push(("軽症高額該当", if l { "該当" } else { "非該当" }.to_owned()));
    }
    facts.push(("判定規則", d.rule_version.clone()));
    if !d.machine_determination {
        facts.push((
            "注記",
            "この様式の判定基準は機械判定の対象外です（審査で判断します）。".to_owned(),
        ));
    }
    for (label, value) in facts {
        let left = vec![(label.to_owned(), BODY, BLACK)];
        let right: Vec<_> = wrap(&value, BODY, VALUE_W)
            .into_iter()
            .map(|l| (l, BODY, BLACK))
            .collect();
        c.begin(Block::Paragraph);
        rows3(c, &[], &left, &right);
        c.end();
    }
    if !d.reasons.is_empty() {
        c.y += 3.0;
        c.paragraph(LABEL_X, CONTENT_W, BODY, "判定の理由", BLACK);
        for r in &d.reasons {
            c.paragraph(
                LABEL_X + 8.0,
                RIGHT - LABEL_X - 8.0,
                BODY,
                &format!("・{r}"),
                BLACK,
            );
        }
    }
}

fn footer(left: &str, n: usize, total: usize) -> Vec<Op> {
    let y = PAGE_H - 36.0;
    let pages = format!("{n} / {total}");
    let mut ops = vec![
        Op::Begin(Block::Furniture),
        Op::Line {
            x1: MARGIN_X,
            y1: y - 4.0,
            x2: RIGHT,
            y2: y - 4.0,
            width: 0.4,
            color: LIGHT,
        },
    ];
    let size = 7.5;
    let max_left = CONTENT_W - 60.0;
    let left = wrap(left, size, max_left)
        .into_iter()
        .next()
        .unwrap_or_default();
    ops.push(Op::Text {
        x: MARGIN_X,
        y,
        size,
        text: left,
        color: GRAY,
    });
    ops.push(Op::Text {
        x: RIGHT - FACE.width(&pages, 8.0),
        y,
        size: 8.0,
        text: pages,
        color: BLACK,
    });
    ops.push(Op::End);
    debug_assert!(y > BOTTOM);
    ops
}

/// Draws the QR code of `payload` as vector squares (runs of dark modules merged), with a
/// quiet zone of 4 modules inside the `size` square at (x, y).
fn qr(c: &mut Canvas, payload: &str, x: f32, y: f32, size: f32) -> Result<(), PdfError> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|e| PdfError::Qr(e.to_string()))?;
    let n = code.width();
    let colors = code.to_colors();
    let m = size / (n + 8) as f32;
    c.begin(Block::Figure(
        "QRコード（アクセスキーと、確定した内容のハッシュ値）".to_owned(),
    ));
    for row in 0..n {
        let mut col = 0;
        while col < n {
            if colors[row * n + col] == qrcode::Color::Dark {
                let start = col;
                while col < n && colors[row * n + col] == qrcode::Color::Dark {
                    col += 1;
                }
                // A hair wider and taller so adjacent squares leave no seams when rasterised.
                c.fill(
                    x + (start + 4) as f32 * m,
                    y + (row + 4) as f32 * m,
                    (col - start) as f32 * m + 0.05,
                    m + 0.05,
                    BLACK,
                );
            } else {
                col += 1;
            }
        }
    }
    c.end();
    Ok(())
}

/// The access-key-only sheet: nothing clinical.
pub fn render_key_sheet(k: &KeySheet) -> Result<Vec<u8>, PdfError> {
    let mut c = Canvas::new();
    let title = "アクセスキー";
    c.title(MARGIN_X, CONTENT_W, 18.0, title);
    c.paragraph(
        MARGIN_X,
        CONTENT_W,
        BODY,
        &format!("{}　{}", k.program, k.disease),
        GRAY,
    );
    c.y += 10.0;
    let y = c.y;
    c.hline(MARGIN_X, RIGHT, y, 0.8, BLACK);
    c.y += 18.0;
    // The key, large and centred, shrunk if it would not fit.
    let mut size = 28.0;
    while FACE.width(&k.access_key, size) > CONTENT_W && size > 10.0 {
        size -= 1.0;
    }
    let w = FACE.width(&k.access_key, size);
    let y = c.y;
    c.text(
        MARGIN_X + (CONTENT_W - w) / 2.0,
        y,
        size,
        &k.access_key,
        BLACK,
    );
    c.y += size * LEADING + 8.0;
    let qr_size = 170.0;
    let y = c.y;
    qr(
        &mut c,
        &qr_payload(&k.access_key, &k.content_hash),
        MARGIN_X + (CONTENT_W - qr_size) / 2.0,
        y,
        qr_size,
    )?;
    c.y += qr_size + 16.0;
    let facts = [
        ("患者氏名", k.patient_name.as_str()),
        ("疾病", k.disease.as_str()),
        ("制度", k.program.as_str()),
        ("様式", k.definition_id.as_str()),
        ("確定日", k.confirmed_on.as_str()),
        ("医療機関", k.institution.as_str()),
        ("出力日時", k.printed_at.as_str()),
    ];
    for (label, value) in facts {
        let size = 11.0;
        let lines = wrap(value, size, CONTENT_W - 110.0);
        let h = lines.len() as f32 * size * LEADING + 6.0;
        c.ensure(h);
        let y = c.y;
        c.begin(Block::Paragraph);
        c.text(MARGIN_X + 10.0, y + 3.0, size, label, GRAY);
        for (i, l) in lines.iter().enumerate() {
            c.text(
                MARGIN_X + 110.0,
                y + 3.0 + i as f32 * size * LEADING,
                size,
                l,
                BLACK,
            );
        }
        c.end();
        c.y += h;
        let y = c.y;
        c.hline(MARGIN_X, RIGHT, y, 0.3, LIGHT);
    }
    c.y += 14.0;
    c.paragraph(
        MARGIN_X,
        CONTENT_W,
        BODY,
        "このアクセスキーで、医療機関が確定した臨床調査個人票（医療意見書）を自治体が照会します。\
         申請の際にこの用紙を提出してください。転院の際は、同意のうえで新しい医療機関の指定医に\
         伝えると、その医師が内容を参照できます。QRコードにはアクセスキーと確定した内容のハッシュ\
         値が入っています。",
        BLACK,
    );
    c.finish(title, |n, total| footer(&k.definition_id, n, total))
}
