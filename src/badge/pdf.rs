//! Badge sheets as PDF: one CR80 card per page for badge printers, or eight
//! cards per Letter or A4 page with cut marks. Text stays real text.

use super::layout::{Badge, CARD_H, CARD_W, Mark, QR_GRID_MM, Rgb};
use crate::fonts::{FontBook, FontKey};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use std::collections::HashMap;
use std::str::FromStr;

/// The paper a sheet is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    Letter,
    A4,
    /// One 85.6 x 54 mm card per page.
    Cr80,
}

impl FromStr for Paper {
    type Err = String;
    fn from_str(text: &str) -> Result<Paper, String> {
        match text.to_ascii_lowercase().as_str() {
            "letter" => Ok(Paper::Letter),
            "a4" => Ok(Paper::A4),
            "cr80" => Ok(Paper::Cr80),
            _ => Err(format!("'{text}' is not a paper: write letter, a4 or cr80")),
        }
    }
}

/// Space between cards on a sheet, where the cut marks go.
const GAP: f32 = 6.0;
const COLUMNS: usize = 2;
/// The grid sits at the same place on Letter and A4 (centred on Letter,
/// at least 13 mm from every edge of both).
const MARGIN_LEFT: f32 = 19.35;
const MARGIN_TOP: f32 = 22.7;
const ROWS: usize = 4;

impl Paper {
    /// Page width and height in millimetres.
    fn page_mm(self) -> (f32, f32) {
        match self {
            Paper::Letter => (215.9, 279.4),
            Paper::A4 => (210.0, 297.0),
            Paper::Cr80 => (CARD_W, CARD_H),
        }
    }

    pub fn badges_per_page(self) -> usize {
        match self {
            Paper::Cr80 => 1,
            _ => COLUMNS * ROWS,
        }
    }

    /// Where the `slot`th card of a page goes.
    fn slot(self, slot: usize) -> Slot {
        if self == Paper::Cr80 {
            return Slot { x: 0.0, y: 0.0 };
        }
        let (col, row) = (slot % COLUMNS, slot / COLUMNS);
        Slot {
            x: MARGIN_LEFT + col as f32 * (CARD_W + GAP),
            y: MARGIN_TOP + row as f32 * (CARD_H + GAP),
        }
    }
}

/// One card's place on a page: its top-left corner.
struct Slot {
    x: f32,
    y: f32,
}

impl Slot {
    /// The card-local corner nearest to (x, y) whose place on the page lies
    /// on the 1/50-inch grid, so that QR modules fall on whole pixels when
    /// the page is rasterised (zbar misses codes drawn across pixel seams).
    fn snap(&self, x: f32, y: f32) -> (f32, f32) {
        let snap = |v: f32| (v / QR_GRID_MM).round() * QR_GRID_MM;
        (snap(self.x + x) - self.x, snap(self.y + y) - self.y)
    }
}

const PT_PER_MM: f32 = 72.0 / 25.4;

fn fill_of(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0[0], color.0[1], color.0[2]).into(),
        ..Fill::default()
    }
}

fn rect_path(x: f32, y: f32, w: f32, h: f32) -> Option<krilla::geom::Path> {
    let mut path = PathBuilder::new();
    path.push_rect(Rect::from_xywh(x, y, w, h)?);
    path.finish()
}

/// Writes `badges` as a PDF on `paper`. `progress` is told each page done.
pub fn write_pdf(
    badges: &[Badge],
    fonts: &FontBook,
    paper: Paper,
    mut progress: impl FnMut(usize),
) -> Result<Vec<u8>, String> {
    let mut document = Document::new();
    let mut pdf_fonts: HashMap<FontKey, Font> = HashMap::new();
    let (page_w, page_h) = paper.page_mm();
    for (page_no, page_badges) in badges.chunks(paper.badges_per_page()).enumerate() {
        let settings = PageSettings::from_wh(page_w * PT_PER_MM, page_h * PT_PER_MM)
            .ok_or("the page size is not valid")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        surface.push_transform(&Transform::from_scale(PT_PER_MM, PT_PER_MM));
        for (slot, badge) in page_badges.iter().enumerate() {
            let place = paper.slot(slot);
            surface.push_transform(&Transform::from_translate(place.x, place.y));
            for mark in &badge.marks {
                match mark {
                    Mark::Rect { x, y, w, h, color } => {
                        if let Some(path) = rect_path(*x, *y, *w, *h) {
                            surface.set_fill(Some(fill_of(*color)));
                            surface.draw_path(&path);
                        }
                    }
                    Mark::Qr { x, y, size, matrix } => {
                        let module = size / matrix.size as f32;
                        let (x, y) = place.snap(*x, *y);
                        let mut path = PathBuilder::new();
                        for (row, col, len) in matrix.dark_runs() {
                            if let Some(r) = Rect::from_xywh(
                                x + col as f32 * module,
                                y + row as f32 * module,
                                len as f32 * module,
                                module,
                            ) {
                                path.push_rect(r);
                            }
                        }
                        if let Some(path) = path.finish() {
                            surface.set_fill(Some(fill_of(Rgb([0, 0, 0]))));
                            surface.draw_path(&path);
                        }
                    }
                    Mark::Text {
                        runs,
                        size,
                        x,
                        baseline,
                        color,
                    } => {
                        surface.set_fill(Some(fill_of(*color)));
                        for run in runs {
                            let font = match pdf_fonts.get(&run.font) {
                                Some(f) => f.clone(),
                                None => {
                                    let loaded = fonts.get(run.font);
                                    let font = Font::new(loaded.bytes.clone().into(), loaded.index)
                                        .ok_or_else(|| {
                                            format!(
                                                "the font {} cannot be embedded in a PDF",
                                                loaded.name
                                            )
                                        })?;
                                    pdf_fonts.insert(run.font, font.clone());
                                    font
                                }
                            };
                            surface.draw_text(
                                Point::from_xy(x + run.offset_em * size, *baseline),
                                font,
                                *size,
                                &run.text,
                                false,
                                TextDirection::Auto,
                            );
                        }
                    }
                }
            }
            surface.pop();
            if paper != Paper::Cr80 {
                draw_cut_marks(&mut surface, place.x, place.y);
            }
        }
        surface.pop();
        surface.finish();
        page.finish();
        progress(page_no + 1);
    }
    document
        .finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}

/// Short lines off each corner of a card, outside it, to cut along.
fn draw_cut_marks(surface: &mut krilla::surface::Surface<'_>, x: f32, y: f32) {
    let mut path = PathBuilder::new();
    for (cx, cy, dx, dy) in [
        (x, y, -1.0, -1.0),
        (x + CARD_W, y, 1.0, -1.0),
        (x, y + CARD_H, -1.0, 1.0),
        (x + CARD_W, y + CARD_H, 1.0, 1.0),
    ] {
        path.move_to(cx + dx * 1.0, cy);
        path.line_to(cx + dx * 4.0, cy);
        path.move_to(cx, cy + dy * 1.0);
        path.line_to(cx, cy + dy * 4.0);
    }
    if let Some(path) = path.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            width: 0.2,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}
