//! Painting a laid-out badge into pixels and a PNG file.

use super::layout::{Badge, CARD_H, CARD_W, Mark, Rgb};
use crate::fonts::FontBook;
use ab_glyph::{Font, PxScale, ScaleFont, point};
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ImageEncoder, RgbImage};

/// Paints `badge` at `dpi` dots per inch (300 for a badge printer).
pub fn rasterize(badge: &Badge, fonts: &FontBook, dpi: f32) -> RgbImage {
    let px = dpi / 25.4;
    let (w, h) = ((CARD_W * px).round() as u32, (CARD_H * px).round() as u32);
    let mut image = RgbImage::new(w, h);
    for mark in &badge.marks {
        match mark {
            Mark::Rect { x, y, w, h, color } => fill(
                &mut image,
                x * px,
                y * px,
                (x + w) * px,
                (y + h) * px,
                *color,
            ),
            Mark::Qr { x, y, size, matrix } => {
                let module = size * px / matrix.size as f32;
                // Whole pixels: at 300 dpi a module is exactly 12.
                let (left, top) = ((x * px).round(), (y * px).round());
                fill(
                    &mut image,
                    left,
                    top,
                    left + size * px,
                    top + size * px,
                    super::layout::WHITE,
                );
                for (row, col, len) in matrix.dark_runs() {
                    fill(
                        &mut image,
                        left + col as f32 * module,
                        top + row as f32 * module,
                        left + (col + len) as f32 * module,
                        top + (row + 1) as f32 * module,
                        Rgb([0, 0, 0]),
                    );
                }
            }
            Mark::Text {
                runs,
                size,
                x,
                baseline,
                color,
            } => {
                for run in runs {
                    let font = fonts.get(run.font).glyphs;
                    let upem = font.units_per_em().unwrap_or(1000.0);
                    let em_px = size * px;
                    let scale = PxScale::from(em_px * font.height_unscaled() / upem);
                    let scaled = font.as_scaled(scale);
                    let mut caret = (x + run.offset_em * size) * px;
                    let base = baseline * px;
                    let mut previous = None;
                    for c in run.text.chars() {
                        let id = font.glyph_id(c);
                        if let Some(p) = previous {
                            caret += scaled.kern(p, id);
                        }
                        let glyph = id.with_scale_and_position(scale, point(caret, base));
                        caret += scaled.h_advance(id);
                        previous = Some(id);
                        let Some(outline) = font.outline_glyph(glyph) else {
                            continue;
                        };
                        let bounds = outline.px_bounds();
                        outline.draw(|gx, gy, coverage| {
                            let (px_x, px_y) = (
                                bounds.min.x as i64 + gx as i64,
                                bounds.min.y as i64 + gy as i64,
                            );
                            if px_x >= 0
                                && px_y >= 0
                                && (px_x as u32) < image.width()
                                && (px_y as u32) < image.height()
                            {
                                let pixel = image.get_pixel_mut(px_x as u32, px_y as u32);
                                let a = coverage.clamp(0.0, 1.0);
                                for (channel, ink) in pixel.0.iter_mut().zip(color.0) {
                                    *channel = (*channel as f32 * (1.0 - a) + ink as f32 * a)
                                        .round()
                                        as u8;
                                }
                            }
                        });
                    }
                }
            }
        }
    }
    image
}

/// Fills the pixels whose centres lie inside the rectangle.
fn fill(image: &mut RgbImage, x0: f32, y0: f32, x1: f32, y1: f32, color: Rgb) {
    let clamp_x = |v: f32| (v.round().max(0.0) as u32).min(image.width());
    let clamp_y = |v: f32| (v.round().max(0.0) as u32).min(image.height());
    let (x0, x1, y0, y1) = (clamp_x(x0), clamp_x(x1), clamp_y(y0), clamp_y(y1));
    let width = image.width() as usize;
    let buffer: &mut [u8] = image.as_mut();
    for y in y0..y1 {
        let row = &mut buffer
            [(y as usize * width + x0 as usize) * 3..(y as usize * width + x1 as usize) * 3];
        for pixel in row.chunks_exact_mut(3) {
            pixel.copy_from_slice(&color.0);
        }
    }
}

/// The badge as a PNG file's bytes.
pub fn render_png(badge: &Badge, fonts: &FontBook, dpi: f32) -> Vec<u8> {
    let image = rasterize(badge, fonts, dpi);
    let mut bytes = Vec::with_capacity(256 * 1024);
    PngEncoder::new_with_quality(&mut bytes, CompressionType::Fast, FilterType::Sub)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encoding a PNG into memory cannot fail");
    bytes
}
