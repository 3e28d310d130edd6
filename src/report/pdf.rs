//! The vouchers as a PDF: a summary page (counts and totals by category and
//! union status), then one Letter page per extra laid out like a paper
//! voucher, with room for the extra's and the AD's signatures.

use super::count::{UNION_STATUSES, background_count};
use super::vouchers::{Voucher, VoucherStatus};
use crate::fonts::FontBook;
use crate::fonts::FontKey;
use crate::model::Strokes;
use crate::model::{Day, Money};
use crate::pay::{Span, hours_text};
use chrono::{DateTime, Utc};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Transform};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use std::collections::HashMap;

const PT_PER_MM: f32 = 72.0 / 25.4;
const PAGE_W: f32 = 215.9;
const PAGE_H: f32 = 279.4;
const LEFT: f32 = 18.0;
const RIGHT: f32 = PAGE_W - 18.0;
const INK: (u8, u8, u8) = (20, 20, 20);
const GREY: (u8, u8, u8) = (110, 110, 110);

/// `text` with the characters no font has written as '?'.
fn without(text: &str, missing: &[char]) -> String {
    text.chars()
        .map(|c| if missing.contains(&c) { '?' } else { c })
        .collect()
}

/// Draws text and rules on one page, in millimetres from the top left.
struct Pen<'a, 'b> {
    surface: Surface<'b>,
    fonts: &'a FontBook,
    cache: &'a mut HashMap<FontKey, Font>,
}

impl Pen<'_, '_> {
    fn finish(mut self) {
        self.surface.pop();
        self.surface.finish();
    }

    fn font(&mut self, key: FontKey) -> Result<Font, String> {
        if let Some(f) = self.cache.get(&key) {
            return Ok(f.clone());
        }
        let loaded = self.fonts.get(key);
        let font = Font::new(loaded.bytes.clone().into(), loaded.index)
            .ok_or_else(|| format!("the font {} cannot be embedded in a PDF", loaded.name))?;
        self.cache.insert(key, font.clone());
        Ok(font)
    }

    /// Writes `text` with its baseline at `y`; returns its width in mm.
    /// Characters no font has are written as '?'.
    fn text(
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
    fn draw(
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
            self.surface.draw_text(
                Point::from_xy(x + run.offset_em * size_mm, y),
                font,
                size_mm,
                &run.text,
                false,
                TextDirection::Auto,
            );
        }
        Ok(self.fonts.width_em(runs) * size_mm)
    }

    /// Writes `text` into `max_width`: smaller down to 70 % of `size_mm`,
    /// then cut with an ellipsis, so no text leaves its box.
    #[allow(clippy::too_many_arguments)]
    fn text_fit(
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
    fn text_right(
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

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width: f32) {
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

    fn frame(&mut self, x: f32, y: f32, w: f32, h: f32) {
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
    fn strokes(&mut self, strokes: &[Vec<(f32, f32)>], x: f32, y: f32, w: f32, h: f32) {
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

fn page(document: &mut Document) -> Result<krilla::page::Page<'_>, String> {
    let settings = PageSettings::from_wh(PAGE_W * PT_PER_MM, PAGE_H * PT_PER_MM)
        .ok_or("the page size is not valid")?;
    Ok(document.start_page_with(settings))
}

fn time(day: &Day, at: Option<DateTime<Utc>>) -> String {
    at.map(|at| day.format_at(at)).unwrap_or_else(|| "—".into())
}

fn span_text(day: &Day, span: Option<Span>) -> (String, String) {
    (
        time(day, span.map(|s| s.start)),
        time(day, span.map(|s| s.end)),
    )
}

/// Writes the vouchers PDF. `signatures` holds, by booking id, the extra's
/// signature strokes when one was given at the kiosk. `progress` is told
/// each voucher done.
pub fn vouchers_pdf(
    day: &Day,
    vouchers: &[Voucher],
    signatures: &HashMap<i64, Strokes>,
    fonts: &FontBook,
    mut progress: impl FnMut(usize),
) -> Result<Vec<u8>, String> {
    let mut document = Document::new();
    let mut cache = HashMap::new();
    {
        let mut p = page(&mut document)?;
        let mut surface = p.surface();
        surface.push_transform(&Transform::from_scale(PT_PER_MM, PT_PER_MM));
        let mut pen = Pen {
            surface,
            fonts,
            cache: &mut cache,
        };
        summary(&mut pen, day, vouchers)?;
        pen.finish();
        p.finish();
    }
    for (i, v) in vouchers.iter().enumerate() {
        let mut p = page(&mut document)?;
        let mut surface = p.surface();
        surface.push_transform(&Transform::from_scale(PT_PER_MM, PT_PER_MM));
        let mut pen = Pen {
            surface,
            fonts,
            cache: &mut cache,
        };
        voucher(&mut pen, day, v, signatures.get(&v.card.booking.id))?;
        pen.finish();
        p.finish();
        progress(i + 1);
    }
    document
        .finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}

/// A line of the summary's table: booked, arrived, released, hours, gross.
fn count_cells(count: &super::count::Count, tenths: u32, gross: i64) -> [String; 5] {
    [
        count.booked.to_string(),
        count.arrived.to_string(),
        count.released.to_string(),
        hours_text(tenths),
        Money(gross).to_string(),
    ]
}

/// Writes `cells` right-aligned in the number columns (from the third).
fn numbers(
    pen: &mut Pen<'_, '_>,
    cols: &[f32],
    y: f32,
    font: FontKey,
    cells: &[String],
) -> Result<(), String> {
    for (i, cell) in cells.iter().enumerate() {
        let c = cols[i + 2];
        pen.text_right(c + 16.0_f32.min(RIGHT - c), y, 3.4, font, cell)?;
    }
    Ok(())
}

fn summary(pen: &mut Pen<'_, '_>, day: &Day, vouchers: &[Voucher]) -> Result<(), String> {
    let r = FontKey::Regular;
    let b = FontKey::Bold;
    pen.text(LEFT, 28.0, 7.0, b, INK, "Background vouchers")?;
    pen.text_fit(
        LEFT,
        37.0,
        4.2,
        r,
        INK,
        &format!("{} · {}", day.title, day.date.format("%A %-d %B %Y")),
        RIGHT - LEFT,
    )?;
    let released = vouchers
        .iter()
        .filter(|v| v.status == VoucherStatus::Released)
        .count();
    let open = vouchers
        .iter()
        .filter(|v| v.status == VoucherStatus::NotReleased)
        .count();
    let gross: i64 = vouchers.iter().map(|v| v.gross().0).sum();
    pen.text(
        LEFT,
        46.0,
        3.6,
        r,
        GREY,
        &format!(
            "{} vouchers: {released} released, {open} not released, {} no-shows. Gross {}.",
            vouchers.len(),
            vouchers.len() - released - open,
            Money(gross)
        ),
    )?;

    let cols = [LEFT, 62.0, 92.0, 112.0, 132.0, 152.0, RIGHT];
    let heads = [
        "Category", "Union", "Booked", "Arrived", "Released", "Hours", "Gross",
    ];
    let mut y = 62.0;
    for (i, h) in heads.iter().enumerate() {
        if i >= 2 {
            pen.text_right(cols[i] + 16.0_f32.min(RIGHT - cols[i]), y, 3.4, b, h)?;
        } else {
            pen.text(cols[i], y, 3.4, b, INK, h)?;
        }
    }
    pen.line(LEFT, y + 2.0, RIGHT, y + 2.0, 0.3);
    let (lines, total) = background_count(vouchers);
    let mut total_tenths = 0u32;
    for category in crate::model::Category::ALL {
        for union in UNION_STATUSES {
            let count = lines
                .iter()
                .find(|(c, u, _)| *c == category && *u == union)
                .map(|l| l.2)
                .unwrap_or_default();
            if count.booked == 0 {
                continue;
            }
            let of_line = || {
                vouchers.iter().filter(move |v| {
                    v.card.booking.details.category == category && v.union() == union
                })
            };
            let tenths: u32 = of_line()
                .filter_map(|v| v.pay.as_ref())
                .map(|p| p.tenths_worked)
                .sum();
            total_tenths += tenths;
            let gross: i64 = of_line().map(|v| v.gross().0).sum();
            y += 7.0;
            pen.text(cols[0], y, 3.4, r, INK, category.label())?;
            pen.text(cols[1], y, 3.4, r, INK, union.code())?;
            let cells = count_cells(&count, tenths, gross);
            numbers(pen, &cols, y, r, &cells)?;
        }
    }
    y += 3.0;
    pen.line(LEFT, y, RIGHT, y, 0.3);
    y += 6.0;
    pen.text(cols[0], y, 3.4, b, INK, "Total")?;
    let cells = count_cells(&total, total_tenths, gross);
    numbers(pen, &cols, y, b, &cells)?;
    pen.text(
        LEFT,
        PAGE_H - 15.0,
        3.0,
        r,
        GREY,
        "Amounts by the rules files named for the day; see each voucher for its hours and bumps.",
    )?;
    Ok(())
}

fn voucher(
    pen: &mut Pen<'_, '_>,
    day: &Day,
    v: &Voucher,
    signature: Option<&Strokes>,
) -> Result<(), String> {
    let r = FontKey::Regular;
    let s = FontKey::SemiBold;
    let b = FontKey::Bold;
    let booking = &v.card.booking;
    let d = &booking.details;
    pen.text(LEFT, 24.0, 6.0, b, INK, "BACKGROUND VOUCHER")?;
    pen.text_right(RIGHT, 24.0, 4.0, s, &booking.badge_no)?;
    pen.text_fit(
        LEFT,
        31.0,
        3.6,
        r,
        GREY,
        &format!("{} · {}", day.title, day.date.format("%a %-d %b %Y")),
        RIGHT - LEFT,
    )?;
    pen.line(LEFT, 34.0, RIGHT, 34.0, 0.5);

    pen.text_fit(
        LEFT,
        44.0,
        6.0,
        b,
        INK,
        &format!("{}, {}", d.last_name, d.first_name),
        RIGHT - LEFT,
    )?;
    pen.text(
        LEFT,
        51.0,
        3.6,
        r,
        INK,
        &format!(
            "{} · {} · rate {} / {} h{}",
            d.category.label(),
            d.union.code(),
            v.rate,
            8,
            if d.rate.is_some() { " (booked)" } else { "" }
        ),
    )?;
    pen.text_fit(
        LEFT,
        57.0,
        3.6,
        r,
        INK,
        &format!(
            "Holding: {}   Status: {}",
            v.card.area_name.as_deref().unwrap_or("—"),
            v.status.code().replace('_', " ")
        ),
        RIGHT - LEFT,
    )?;

    // The times, as on a paper voucher.
    let presence = v.card.presence.as_ref();
    let (ndb_out, ndb_in) = span_text(day, v.ndb);
    let (m1_out, m1_in) = span_text(day, v.meals.first().copied());
    let (m2_out, m2_in) = span_text(day, v.meals.get(1).copied());
    let rows = [
        ("Call", day.format_at(d.call_at), String::new()),
        (
            "In",
            time(day, presence.and_then(|p| p.checked_in_at)),
            String::new(),
        ),
        ("NDB", ndb_out, ndb_in),
        ("1st meal", m1_out, m1_in),
        ("2nd meal", m2_out, m2_in),
        (
            "Out (dismissed)",
            time(day, presence.and_then(|p| p.released_at)),
            String::new(),
        ),
    ];
    let top = 64.0;
    pen.frame(LEFT, top, 100.0, 8.0 + rows.len() as f32 * 8.0);
    pen.text(LEFT + 3.0, top + 5.5, 3.4, b, INK, "Times")?;
    pen.text(LEFT + 50.0, top + 5.5, 3.4, b, INK, "Out")?;
    pen.text(LEFT + 75.0, top + 5.5, 3.4, b, INK, "In")?;
    for (i, (label, a, b2)) in rows.iter().enumerate() {
        let y = top + 8.0 + i as f32 * 8.0;
        pen.line(LEFT, y, LEFT + 100.0, y, 0.2);
        pen.text(LEFT + 3.0, y + 5.5, 3.6, r, INK, label)?;
        pen.text(LEFT + 50.0, y + 5.5, 3.6, s, INK, a)?;
        pen.text(LEFT + 75.0, y + 5.5, 3.6, s, INK, b2)?;
    }

    // Hours and amounts.
    let pay = v.pay.as_ref();
    let x = LEFT + 110.0;
    let mut y = top + 5.5;
    pen.text(x, y, 3.4, b, INK, "Pay")?;
    let tenths = |f: &dyn Fn(&crate::pay::Pay) -> u32| hours_text(pay.map_or(0, f));
    let mut lines: Vec<(String, String)> = vec![
        ("Hours worked".into(), tenths(&|p| p.tenths_worked)),
        ("Day rate (8 h)".into(), v.rate.to_string()),
    ];
    if let Some(p) = pay {
        for o in &p.overtime {
            lines.push((
                format!("{} h at {}x", hours_text(o.tenths), o.multiplier),
                o.amount.to_string(),
            ));
        }
        lines.push((
            format!("Meal penalties ({})", p.penalty_units),
            p.penalty_amount.to_string(),
        ));
        for bump in &p.bumps {
            let name = bump.kind.code().replace('_', " ");
            let label = if bump.count > 1 {
                format!("Bump: {name} x{}", bump.count)
            } else {
                format!("Bump: {name}")
            };
            lines.push((label, bump.amount.to_string()));
        }
    }
    for (label, amount) in &lines {
        y += 7.0;
        pen.text(x, y, 3.4, r, INK, label)?;
        pen.text_right(RIGHT, y, 3.4, r, amount)?;
    }
    y += 3.0;
    pen.line(x, y, RIGHT, y, 0.4);
    y += 6.0;
    pen.text(x, y, 4.0, b, INK, "Gross")?;
    pen.text_right(RIGHT, y, 4.0, b, &v.gross().to_string())?;
    if v.status != VoucherStatus::Released {
        y += 7.0;
        pen.text(x, y, 3.0, r, GREY, "No amounts until released.")?;
    }
    if v.card.corrections > 0 {
        y += 7.0;
        pen.text(
            x,
            y,
            3.0,
            r,
            GREY,
            &format!("{} time correction(s) in the log.", v.card.corrections),
        )?;
    }

    // Signatures.
    let sig_top = 200.0;
    for (i, label) in ["Background actor's signature", "AD's signature"]
        .iter()
        .enumerate()
    {
        let y = sig_top + i as f32 * 30.0;
        pen.frame(LEFT, y, 120.0, 22.0);
        pen.text(LEFT + 2.0, y + 26.0, 3.0, r, GREY, label)?;
        pen.line(LEFT + 130.0, y + 22.0, RIGHT, y + 22.0, 0.3);
        pen.text(LEFT + 130.0, y + 26.0, 3.0, r, GREY, "Date")?;
        if i == 0
            && let Some(strokes) = signature
        {
            pen.strokes(strokes, LEFT + 2.0, y + 1.0, 116.0, 20.0);
        }
    }
    pen.text(
        LEFT,
        PAGE_H - 12.0,
        2.8,
        r,
        GREY,
        "Made by extras-kiosk from the day's event log. Keep a copy.",
    )?;
    Ok(())
}
