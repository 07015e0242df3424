//! Pages as lists of drawing operations, laid out top-down and then written with krilla.
//! Laying out first lets the footer say "n / N". The document is tagged: `Begin`/`End`
//! mark what the operations between them are (title, heading, paragraph, figure, page
//! furniture), so that a screen reader follows its structure in reading order; text outside
//! any block is a paragraph of its own, and rules and fills are layout.

use std::num::NonZeroU16;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, Tag, TagGroup, TagKind, TagTree,
};
use krilla::Document;

use crate::text::{wrap, FACE};
use crate::PdfError;

/// A4 portrait, in points.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN_X: f32 = 40.0;
pub const TOP: f32 = 40.0;
/// Where the body ends (the footer is below).
pub const BOTTOM: f32 = PAGE_H - 48.0;
/// Ascent of the font, in em: a line's baseline lies this far below its top.
const ASCENT: f32 = 0.88;
/// Line height, in em.
pub const LEADING: f32 = 1.45;

/// What the operations between `Op::Begin` and `Op::End` are, for the tagged structure.
#[derive(Debug, Clone)]
pub enum Block {
    /// The form's title (heading level 1).
    Title(String),
    /// A section heading (level 2).
    Heading(String),
    /// One paragraph: a line of the header, an item with its number, label and answer.
    Paragraph,
    /// A picture, described by its alternative text (the QR code).
    Figure(String),
    /// Page furniture a screen reader skips (the footer).
    Furniture,
}

#[derive(Debug, Clone)]
pub enum Op {
    Begin(Block),
    End,
    /// Text with its top-left corner at (x, y).
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
        color: (u8, u8, u8),
    },
    /// A filled rectangle.
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: (u8, u8, u8),
    },
    /// A horizontal or vertical rule, or a rectangle's outline (w, h > 0 with `outline`).
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: (u8, u8, u8),
    },
}

pub const BLACK: (u8, u8, u8) = (0, 0, 0);
pub const GRAY: (u8, u8, u8) = (90, 90, 90);
pub const LIGHT: (u8, u8, u8) = (170, 170, 170);
pub const SHADE: (u8, u8, u8) = (232, 232, 232);
pub const RED: (u8, u8, u8) = (190, 0, 0);

/// Pages being laid out, with a cursor `y` on the last one.
pub struct Canvas {
    pub pages: Vec<Vec<Op>>,
    pub y: f32,
}

impl Canvas {
    pub fn new() -> Canvas {
        Canvas {
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    pub fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("at least one page")
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `h` more points fit on this one. True when it did.
    pub fn ensure(&mut self, h: f32) -> bool {
        if self.y + h > BOTTOM && self.y > TOP {
            self.new_page();
            true
        } else {
            false
        }
    }

    /// Starts a block of the structure on the current page; `end` closes it (perhaps on a
    /// later page).
    pub fn begin(&mut self, block: Block) {
        self.ops().push(Op::Begin(block));
    }

    pub fn end(&mut self) {
        self.ops().push(Op::End);
    }

    pub fn text(&mut self, x: f32, y: f32, size: f32, text: &str, color: (u8, u8, u8)) {
        if text.is_empty() {
            return;
        }
        self.ops().push(Op::Text {
            x,
            y,
            size,
            text: text.to_owned(),
            color,
        });
    }

    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: (u8, u8, u8)) {
        self.ops().push(Op::Fill { x, y, w, h, color });
    }

    pub fn hline(&mut self, x1: f32, x2: f32, y: f32, width: f32, color: (u8, u8, u8)) {
        self.ops().push(Op::Line {
            x1,
            y1: y,
            x2,
            y2: y,
            width,
            color,
        });
    }

    pub fn rect_outline(&mut self, x: f32, y: f32, w: f32, h: f32, width: f32, c: (u8, u8, u8)) {
        for (x1, y1, x2, y2) in [
            (x, y, x + w, y),
            (x + w, y, x + w, y + h),
            (x + w, y + h, x, y + h),
            (x, y + h, x, y),
        ] {
            self.ops().push(Op::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                color: c,
            });
        }
    }

    /// Wrapped text at the cursor, moving the cursor below it, breaking pages between lines:
    /// one paragraph.
    pub fn paragraph(&mut self, x: f32, width: f32, size: f32, text: &str, color: (u8, u8, u8)) {
        self.begin(Block::Paragraph);
        self.lines(x, width, size, text, color);
        self.end();
    }

    /// The document's title, wrapped at the cursor like a paragraph.
    pub fn title(&mut self, x: f32, width: f32, size: f32, text: &str) {
        self.begin(Block::Title(text.to_owned()));
        self.lines(x, width, size, text, BLACK);
        self.end();
    }

    fn lines(&mut self, x: f32, width: f32, size: f32, text: &str, color: (u8, u8, u8)) {
        for line in wrap(text, size, width) {
            self.ensure(size * LEADING);
            let y = self.y;
            self.text(x, y, size, &line, color);
            self.y += size * LEADING;
        }
    }

    /// Writes the pages; `footer(n, total)` adds each page's footer operations.
    pub fn finish(
        mut self,
        title: &str,
        mut footer: impl FnMut(usize, usize) -> Vec<Op>,
    ) -> Result<Vec<u8>, PdfError> {
        let total = self.pages.len();
        for (i, page) in self.pages.iter_mut().enumerate() {
            page.extend(footer(i + 1, total));
        }
        let face = &*FACE;
        let mut doc = Document::new();
        doc.set_metadata(
            krilla::metadata::Metadata::new()
                .title(title.to_owned())
                .language("ja".to_owned())
                .creator("NSDB".to_owned()),
        );
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(PdfError::Layout("A4"))?;
        let mut structure = Structure::default();
        for ops in &self.pages {
            let mut page = doc.start_page_with(settings.clone());
            let mut surface = page.surface();
            for op in ops {
                match op {
                    Op::Begin(block) => structure.begin(block),
                    Op::End => structure.end(),
                    Op::Text {
                        x,
                        y,
                        size,
                        text,
                        color,
                    } => {
                        let (shown, glyphs) = face.glyphs(text);
                        if glyphs.is_empty() {
                            continue;
                        }
                        let marked = structure.start_text(&mut surface);
                        surface.set_fill(Some(fill(*color)));
                        surface.draw_glyphs(
                            Point::from_xy(*x, *y + size * ASCENT),
                            &glyphs,
                            face.font.clone(),
                            &shown,
                            *size,
                            false,
                        );
                        surface.end_tagged();
                        structure.add_text(marked);
                    }
                    Op::Fill { x, y, w, h, color } => {
                        let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) else {
                            continue;
                        };
                        let mut pb = PathBuilder::new();
                        pb.push_rect(rect);
                        if let Some(path) = pb.finish() {
                            let marked = structure.start_drawing(&mut surface);
                            surface.set_stroke(None);
                            surface.set_fill(Some(fill(*color)));
                            surface.draw_path(&path);
                            surface.end_tagged();
                            structure.add_drawing(marked);
                        }
                    }
                    Op::Line {
                        x1,
                        y1,
                        x2,
                        y2,
                        width,
                        color,
                    } => {
                        let mut pb = PathBuilder::new();
                        pb.move_to(*x1, *y1);
                        pb.line_to(*x2, *y2);
                        if let Some(path) = pb.finish() {
                            let marked = structure.start_drawing(&mut surface);
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                paint: rgb::Color::new(color.0, color.1, color.2).into(),
                                width: *width,
                                ..Default::default()
                            }));
                            surface.draw_path(&path);
                            surface.set_stroke(None);
                            surface.end_tagged();
                            structure.add_drawing(marked);
                        }
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        doc.set_tag_tree(structure.finish());
        doc.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
    }
}

/// The tag tree as the operations are drawn: the open blocks, innermost last.
#[derive(Default)]
struct Structure {
    tree: TagTree,
    open: Vec<Open>,
}

enum Open {
    Group { group: TagGroup, figure: bool },
    Furniture,
}

impl Structure {
    fn begin(&mut self, block: &Block) {
        let level = |n| NonZeroU16::new(n).expect("heading levels are not zero");
        let (kind, figure): (TagKind, bool) = match block {
            Block::Title(title) => (Tag::Hn(level(1), Some(title.clone())).into(), false),
            Block::Heading(title) => (Tag::Hn(level(2), Some(title.clone())).into(), false),
            Block::Paragraph => (Tag::P.into(), false),
            Block::Figure(alt) => (Tag::Figure(Some(alt.clone())).into(), true),
            Block::Furniture => {
                self.open.push(Open::Furniture);
                return;
            }
        };
        self.open.push(Open::Group {
            group: TagGroup::new(kind),
            figure,
        });
    }

    fn end(&mut self) {
        if let Some(Open::Group { group, .. }) = self.open.pop() {
            self.attach(group);
        }
    }

    /// A closed group goes into the block around it, or the document.
    fn attach(&mut self, group: TagGroup) {
        match self.open.iter_mut().rev().find_map(|o| match o {
            Open::Group { group, .. } => Some(group),
            Open::Furniture => None,
        }) {
            Some(parent) => parent.push(group),
            None => self.tree.push(group),
        }
    }

    fn in_furniture(&self) -> bool {
        self.open.iter().any(|o| matches!(o, Open::Furniture))
    }

    fn in_figure(&self) -> bool {
        matches!(self.open.last(), Some(Open::Group { figure: true, .. }))
    }

    /// Marks the text about to be drawn; `None` for page furniture.
    fn start_text(&self, surface: &mut Surface) -> Option<Identifier> {
        if self.in_furniture() {
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Footer,
            )));
            None
        } else {
            Some(surface.start_tagged(ContentTag::Span(SpanTag::empty())))
        }
    }

    fn add_text(&mut self, marked: Option<Identifier>) {
        let Some(id) = marked else { return };
        match self.open.last_mut() {
            Some(Open::Group { group, .. }) => group.push(id),
            // Text outside any block is a paragraph of its own.
            _ => self
                .tree
                .push(TagGroup::with_children(Tag::P, vec![id.into()])),
        }
    }

    /// Marks a rule or fill about to be drawn: part of a figure, or layout.
    fn start_drawing(&self, surface: &mut Surface) -> Option<Identifier> {
        if self.in_figure() {
            Some(surface.start_tagged(ContentTag::Other))
        } else {
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Layout,
            )));
            None
        }
    }

    fn add_drawing(&mut self, marked: Option<Identifier>) {
        if let (Some(id), Some(Open::Group { group, .. })) = (marked, self.open.last_mut()) {
            group.push(id);
        }
    }

    /// The tree, with any block left open closed.
    fn finish(mut self) -> TagTree {
        while !self.open.is_empty() {
            self.end();
        }
        self.tree
    }
}

fn fill(c: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}
