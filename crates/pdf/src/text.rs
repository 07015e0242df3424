//! The font, text measurement and line breaking.
//!
//! Text is laid out glyph by glyph from the font's character map and advance widths (the
//! font is a CJK font without complex shaping needs). A character the font lacks is drawn as
//! 〓 (geta), the mark Japanese printing uses for a missing character, so nothing is dropped
//! silently and nothing panics.

use std::collections::HashMap;
use std::sync::LazyLock;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// Noto Sans CJK JP Regular, subset (see `fonts/README.md`).
pub(crate) static FONT_DATA: &[u8] = include_bytes!("../fonts/NotoSansCJKjp-Regular-subset.otf");

/// Drawn in place of a character the font does not have.
pub const MISSING: char = '〓';

pub(crate) struct Face {
    pub font: Font,
    /// char → (glyph id, advance in em).
    glyphs: HashMap<u32, (u32, f32)>,
    missing: (u32, f32),
}

pub(crate) static FACE: LazyLock<Face> = LazyLock::new(|| {
    let font_ref = FontRef::from_index(FONT_DATA, 0).expect("the embedded font parses");
    let upem = f32::from(
        font_ref
            .metrics(Size::unscaled(), LocationRef::default())
            .units_per_em,
    );
    let metrics = font_ref.glyph_metrics(Size::unscaled(), LocationRef::default());
    let glyphs: HashMap<u32, (u32, f32)> = font_ref
        .charmap()
        .mappings()
        .map(|(c, gid)| {
            let adv = metrics.advance_width(gid).unwrap_or(upem) / upem;
            (c, (gid.to_u32(), adv))
        })
        .collect();
    let missing = *glyphs
        .get(&(MISSING as u32))
        .expect("the embedded font has 〓");
    let font = Font::new(krilla::Data::from(FONT_DATA), 0).expect("krilla reads the font");
    Face {
        font,
        glyphs,
        missing,
    }
});

impl Face {
    /// The glyph and advance (em) of `c`, or of 〓 when the font lacks it.
    fn glyph(&self, c: char) -> (u32, f32, bool) {
        match self.glyphs.get(&(c as u32)) {
            Some(&(g, a)) => (g, a, true),
            None => (self.missing.0, self.missing.1, false),
        }
    }

    /// Whether the font has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.glyphs.contains_key(&(c as u32))
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.glyph(c).1).sum::<f32>() * size
    }

    /// The text as it will be drawn (missing characters as 〓, controls dropped) and its
    /// glyphs, each with the byte range of its character in that text (so the PDF's text
    /// layer, what pdftotext and screen readers read, is exactly what is printed).
    pub fn glyphs(&self, text: &str) -> (String, Vec<KrillaGlyph>) {
        let mut shown = String::with_capacity(text.len());
        let mut glyphs = Vec::with_capacity(text.len());
        for c in text.chars() {
            if c.is_control() {
                continue;
            }
            let (gid, adv, found) = self.glyph(c);
            let c = if found { c } else { MISSING };
            let start = shown.len();
            shown.push(c);
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(gid),
                adv,
                0.0,
                0.0,
                0.0,
                start..shown.len(),
                None,
            ));
        }
        (shown, glyphs)
    }
}

/// Whether the embedded font has a glyph for `c` (else it prints as [`MISSING`]).
pub fn has_glyph(c: char) -> bool {
    FACE.has(c)
}

/// Characters that do not start a line (行頭禁則): they hang at the end of the previous one.
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '・'
            | 'ー'
            | '：'
            | '；'
            | '？'
            | '！'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | ','
            | '.'
            | ')'
            | ']'
            | ':'
            | ';'
            | '!'
            | '?'
            | '%'
    )
}

/// Characters that do not end a line (行末禁則): they move to the next one.
fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '「' | '『' | '【' | '〔' | '〈' | '《' | '(' | '['
    )
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.' | ',' | ':' | '@')
}

/// Breaks `text` into lines no wider than `width` points at `size`. Japanese may break
/// between any two characters, except before a closing mark (、。）」 …, which hangs) and
/// after an opening one; a run of ASCII letters and digits is kept whole where the line has
/// an earlier place to break. Newlines in the text are kept. Never returns no line.
pub fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
    let face = &*FACE;
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line: Vec<char> = Vec::new();
        let mut w = 0.0f32;
        for c in para.chars().filter(|c| !c.is_control()) {
            let cw = face.glyph(c).1 * size;
            if w + cw <= width || line.is_empty() {
                line.push(c);
                w += cw;
                continue;
            }
            if no_line_start(c) {
                // Hangs past the margin by one character (ぶら下げ).
                line.push(c);
                lines.push(line.drain(..).collect::<String>());
                w = 0.0;
                continue;
            }
            // Where to cut: keep an ASCII word whole, and an opening mark with what follows.
            let mut cut = line.len();
            if is_word_char(c) {
                while cut > 0 && is_word_char(line[cut - 1]) {
                    cut -= 1;
                }
                if cut == 0 {
                    cut = line.len();
                }
            }
            while cut > 1 && no_line_end(line[cut - 1]) {
                cut -= 1;
            }
            let rest: Vec<char> = line.split_off(cut);
            let done: String = line.drain(..).collect();
            lines.push(done.trim_end_matches(' ').to_owned());
            line = rest;
            while line.first() == Some(&' ') {
                line.remove(0);
            }
            line.push(c);
            w = line.iter().map(|&c| face.glyph(c).1 * size).sum();
        }
        lines.push(line.into_iter().collect());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_character_is_drawn_as_geta_and_kept_in_the_text_layer() {
        let face = &*FACE;
        assert!(face.has('𠮷') && face.has('髙') && face.has('﨑'));
        // Arabic and emoji are not in Noto Sans CJK at all.
        assert!(!face.has('ع'));
        let (shown, glyphs) = face.glyphs("山ع😀田");
        assert_eq!(shown, "山〓〓田");
        assert_eq!(glyphs.len(), 4);
        assert_eq!(glyphs[1].glyph_id, glyphs[2].glyph_id);
        assert_eq!(glyphs[3].text_range, shown.len() - 3..shown.len());
    }

    #[test]
    fn lines_fit_their_width_and_keep_every_character() {
        let text = "パーキンソン病の診断基準に基づき、Hoehn-Yahr重症度分類3度以上かつ生活機能障害度2度以上を対象とする。";
        let lines = wrap(text, 10.0, 100.0);
        assert!(lines.len() > 3, "{lines:?}");
        assert_eq!(lines.concat(), text);
        for l in &lines {
            // A hanging closing mark may pass the margin by one character.
            assert!(FACE.width(l, 10.0) <= 100.0 + 10.0, "{l}");
        }
        // No line starts with 、 or 。, and the ASCII word stays whole.
        assert!(lines
            .iter()
            .all(|l| !l.starts_with('、') && !l.starts_with('。')));
        assert!(lines.iter().any(|l| l.contains("Hoehn-Yahr")), "{lines:?}");
    }

    #[test]
    fn wrapping_never_loses_a_character() {
        for text in [
            "膵島関連自己抗体（GAD抗体、IA-2抗体、インスリン自己抗体、ZnT8抗体のいずれか）",
            &"振戦、固縮。（所見）Hoehn-Yahr重症度分類は3度、左右差あり。".repeat(20),
            "abc def ghi jkl mno pqr stu vwx yz0 123 456 789",
            "（（（（（（（（（（（（（（（（（（（（（（（（（（（（（",
        ] {
            for width in [20.0, 45.0, 100.0, 186.0, 269.0] {
                let lines = wrap(text, 9.0, width);
                assert_eq!(
                    lines.concat().replace(' ', ""),
                    text.replace(' ', ""),
                    "{width}: {lines:?}"
                );
            }
        }
    }

    #[test]
    fn newlines_are_kept_and_empty_text_is_one_empty_line() {
        assert_eq!(wrap("", 10.0, 100.0), vec![String::new()]);
        assert_eq!(wrap("a\nb", 10.0, 100.0), vec!["a", "b"]);
    }
}
