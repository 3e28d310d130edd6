//! The pen the PDF reports draw with: text (shaped by the font book, fitted
//! into its box), rules, frames and signature strokes, in millimetres from
//! a page's top left; and one page of a document drawn with it.

use crate::fonts::{FontBook, FontKey, Run};
use crate::shaping::Shaper;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::graphic::Graphic;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::Font;
use std::collections::HashMap;
use std::rc::Rc;

pub(super) const PT_PER_MM: f32 = 72.0 / 25.4;
pub(super) const INK: (u8, u8, u8) = (20, 20, 20);
pub(super) const GREY: (u8, u8, u8) = (110, 110, 110);

/// The fonts a document embedded so far and the strings it measured and
/// shaped, shared by its pages: each distinct string is done once.
pub(super) struct FontCache<'f> {
    embedded: HashMap<FontKey, Font>,
    measured: HashMap<FontKey, HashMap<String, Rc<Measured>>>,
    shaper: Shaper<'f>,
    /// What every page of a kind shows alike, by kind: kept once in the
    /// file and drawn by reference.
    templates: HashMap<&'static str, Graphic>,
}

/// A string split into runs by font, and its width in ems.
pub(super) struct Measured {
    runs: Vec<Run>,
    width_em: f32,
}

impl<'f> FontCache<'f> {
    pub(super) fn new(fonts: &'f FontBook) -> FontCache<'f> {
        FontCache {
            embedded: HashMap::new(),
            measured: HashMap::new(),
            shaper: Shaper::new(fonts),
            templates: HashMap::new(),
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

    /// Draws what `draw` draws on the first page of the kind `kind`: the
    /// part every page of that kind shows alike (labels, rules, frames). It
    /// is kept once in the file and every page draws it by reference.
    pub(super) fn template(
        &mut self,
        kind: &'static str,
        draw: impl FnOnce(&mut Pen<'_, '_, '_>) -> Result<(), String>,
    ) -> Result<(), String> {
        let graphic = match self.cache.templates.get(kind) {
            Some(graphic) => graphic.clone(),
            None => {
                let mut builder = self.surface.stream_builder();
                {
                    let mut pen = Pen {
                        surface: builder.surface(),
                        fonts: self.fonts,
                        cache: self.cache,
                    };
                    draw(&mut pen)?;
                    pen.surface.finish();
                }
                let graphic = Graphic::new(builder.finish(), false);
                self.cache.templates.insert(kind, graphic.clone());
                graphic
            }
        };
        self.surface.draw_graphic(graphic);
        Ok(())
    }

    /// `text` in runs by font, with its width; characters no font has are
    /// written as '?'.
    fn measure(&mut self, key: FontKey, text: &str) -> Result<Rc<Measured>, String> {
        if let Some(m) = self.cache.measured.get(&key).and_then(|m| m.get(text)) {
            return Ok(m.clone());
        }
        let runs = match self.fonts.runs(text, key) {
            Ok(runs) => runs,
            Err(missing) => self
                .fonts
                .runs(&without(text, &missing), key)
                .map_err(|_| "no font")?,
        };
        let measured = Rc::new(Measured {
            width_em: self.fonts.width_em(&runs),
            runs,
        });
        self.cache
            .measured
            .entry(key)
            .or_default()
            .insert(text.to_string(), measured.clone());
        Ok(measured)
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
        let measured = self.measure(key, text)?;
        self.draw(x, y, size_mm, color, &measured.runs)?;
        Ok(measured.width_em * size_mm)
    }

    /// Draws runs already laid out.
    pub(super) fn draw(
        &mut self,
        x: f32,
        y: f32,
        size_mm: f32,
        color: (u8, u8, u8),
        runs: &[Run],
    ) -> Result<(), String> {
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
        Ok(())
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
        let whole = self.measure(key, text)?;
        if whole.width_em * min_size <= max_width {
            let size = size_mm.min(max_width / whole.width_em.max(0.01));
            self.draw(x, y, size, color, &whole.runs)?;
            return Ok(whole.width_em * size);
        }
        let fitted = match self.fonts.fit(text, key, max_width, min_size) {
            Ok(fitted) => fitted,
            Err(missing) => self
                .fonts
                .fit(&without(text, &missing), key, max_width, min_size)
                .map_err(|_| "no font")?,
        };
        let size = size_mm.min(fitted.size_for(max_width));
        self.draw(x, y, size, color, &fitted.runs)?;
        Ok(fitted.width_em * size)
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
        let measured = self.measure(key, text)?;
        let width = measured.width_em * size_mm;
        self.draw(right - width, y, size_mm, INK, &measured.runs)
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
