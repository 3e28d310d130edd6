//! The pen the PDF reports draw with: text (shaped by the font book, fitted
//! into its box), rules, frames and signature strokes, in millimetres from
//! a page's top left; and one page of a document drawn with it.

use crate::fonts::{FontBook, FontKey};
use crate::shaping::Shaper;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::Font;
use std::collections::HashMap;

pub(super) const PT_PER_MM: f32 = 72.0 / 25.4;
pub(super) const INK: (u8, u8, u8) = (20, 20, 20);
pub(super) const GREY: (u8, u8, u8) = (110, 110, 110);

/// The fonts a document embedded so far and the strings it shaped, shared
/// by its pages.
pub(super) struct FontCache<'f> {
    embedded: HashMap<FontKey, Font>,
    shaper: Shaper<'f>,
}

impl<'f> FontCache<'f> {
    pub(super) fn new(fonts: &'f FontBook) -> FontCache<'f> {
        FontCache {
            embedded: HashMap::new(),
            shaper: Shaper::new(fonts),
        }
    }
}

/// Draws one page of `size` (width, height in mm) of `document` with `draw`.
pub(super) fn draw_page<'f, T>(
    document: &mut Document,
    size: (f32, f32),
    fonts: &'f FontBook,
    cache: &mut FontCache<'f>,
    draw: impl FnOnce(&mut Pen<'_, '_, 'f>) -> Result<T, String>,
) -> Result<T, String> {
    let settings = PageSettings::from_wh(size.0 * PT_PER_MM, size.1 * PT_PER_MM)
        .ok_or("the page size is not valid")?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    surface.push_transform(&Transform::from_scale(PT_PER_MM, PT_PER_MM));
    let mut pen = Pen {
        surface,
        fonts,
        cache,
    };
    let result = draw(&mut pen);
    pen.finish();
    page.finish();
    result
}

/// `text` with the characters no font has written as '?'.
fn without(text: &str, missing: &[char]) -> String {
    text.chars()
        .map(|c| if missing.contains(&c) { '?' } else { c })
        .collect()
}

/// Draws text and rules on one page, in millimetres from the top left.
pub(super) struct Pen<'a, 'b, 'f> {
    pub(super) surface: Surface<'b>,
    pub(super) fonts: &'f FontBook,
    pub(super) cache: &'a mut FontCache<'f>,
}

impl Pen<'_, '_, '_> {
    pub(super) fn finish(mut self) {
        self.surface.pop();
        self.surface.finish();
    }

    pub(super) fn font(&mut self, key: FontKey) -> Result<Font, String> {
        if let Some(f) = self.cache.embedded.get(&key) {
            return Ok(f.clone());
        }
        let loaded = self.fonts.get(key);
        let font = Font::new(loaded.bytes.clone().into(), loaded.index)
            .ok_or_else(|| format!("the font {} cannot be embedded in a PDF", loaded.name))?;
        self.cache.embedded.insert(key, font.clone());
        Ok(font)
    }

    /// Writes `text` with its baseline at `y`; returns its width in mm.
    /// Characters no font has are written as '?'.
    pub(super) fn text(
        &mut self,
        x: f32,
        y: f32,
        size_mm: f32,
        key: FontKey,
        color: (u8, u8, u8),
        text: &str,
    ) -> Result<f32, String> {
        let runs = match self.fonts.runs(text, key) {
            Ok(runs) => runs,
            Err(missing) => self
                .fonts
                .runs(&without(text, &missing), key)
                .map_err(|_| "no font")?,
        };
        self.draw(x, y, size_mm, color, &runs)
    }

    /// Draws runs already laid out; returns their width in mm.
    pub(super) fn draw(
        &mut self,
        x: f32,
        y: f32,
        size_mm: f32,
        color: (u8, u8, u8),
        runs: &[crate::fonts::Run],
    ) -> Result<f32, String> {
        self.surface.set_fill(Some(Fill {
            paint: rgb::Color::new(color.0, color.1, color.2).into(),
            ..Fill::default()
        }));
        for run in runs {
            let font = self.font(run.font)?;
            let glyphs = self.cache.shaper.glyphs(run.font, &run.text);
            self.surface.draw_glyphs(
                Point::from_xy(x + run.offset_em * size_mm, y),
                &glyphs,
                font,
                &run.text,
                size_mm,
                false,
            );
        }
        Ok(self.fonts.width_em(runs) * size_mm)
    }

    /// Writes `text` into `max_width`: smaller down to 70 % of `size_mm`,
    /// then cut with an ellipsis, so no text leaves its box.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn text_fit(
        &mut self,
        x: f32,
        y: f32,
        size_mm: f32,
        key: FontKey,
        color: (u8, u8, u8),
        text: &str,
        max_width: f32,
    ) -> Result<f32, String> {
        let min_size = size_mm * 0.7;
        let fitted = match self.fonts.fit(text, key, max_width, min_size) {
            Ok(fitted) => fitted,
            Err(missing) => self
                .fonts
                .fit(&without(text, &missing), key, max_width, min_size)
                .map_err(|_| "no font")?,
        };
        let size = size_mm.min(fitted.size_for(max_width));
        self.draw(x, y, size, color, &fitted.runs)
    }

    /// Writes `text` ending at `right`.
    pub(super) fn text_right(
        &mut self,
        right: f32,
        y: f32,
        size_mm: f32,
        key: FontKey,
        text: &str,
    ) -> Result<(), String> {
        let width = self
            .fonts
            .runs(text, key)
            .map(|r| self.fonts.width_em(&r) * size_mm)
            .unwrap_or(0.0);
        self.text(right - width, y, size_mm, key, INK, text)?;
        Ok(())
    }

    pub(super) fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
        let mut path = PathBuilder::new();
        path.move_to(x1, y1);
        path.line_to(x2, y2);
        if let Some(path) = path.finish() {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(INK.0, INK.1, INK.2).into(),
                width,
                ..Stroke::default()
            }));
            self.surface.draw_path(&path);
            self.surface.set_stroke(None);
        }
    }

    pub(super) fn frame(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let mut path = PathBuilder::new();
        if let Some(r) = Rect::from_xywh(x, y, w, h) {
            path.push_rect(r);
        }
        if let Some(path) = path.finish() {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(INK.0, INK.1, INK.2).into(),
                width: 0.3,
                ..Stroke::default()
            }));
            self.surface.draw_path(&path);
            self.surface.set_stroke(None);
        }
    }

    /// Draws signature strokes (each a list of points in a 0..1 box) into
    /// the box at x, y of size w x h.
    pub(super) fn strokes(&mut self, strokes: &[Vec<(f32, f32)>], x: f32, y: f32, w: f32, h: f32) {
        let mut path = PathBuilder::new();
        for stroke in strokes {
            for (i, (px, py)) in stroke.iter().enumerate() {
                let (px, py) = (x + px.clamp(0.0, 1.0) * w, y + py.clamp(0.0, 1.0) * h);
                if i == 0 {
                    path.move_to(px, py);
                } else {
                    path.line_to(px, py);
                }
            }
        }
        if let Some(path) = path.finish() {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(10, 30, 120).into(),
                width: 0.5,
                ..Stroke::default()
            }));
            self.surface.draw_path(&path);
            self.surface.set_stroke(None);
        }
    }
}
