//! Text shaped for the PDFs: each distinct string of a document shaped once
//! (a 5,000-page wrap export repeats the same labels, times and amounts on
//! every page), with one parsed face and one shaping plan per font.

use crate::fonts::{FontBook, FontKey};
use krilla::text::{GlyphId, KrillaGlyph};
use rustybuzz::{Direction, Face, ShapePlan, UnicodeBuffer};
use std::collections::HashMap;
use std::rc::Rc;

/// A string's glyphs, in ems (font size 1), as `Surface::draw_glyphs` takes
/// them.
pub type Glyphs = Rc<[KrillaGlyph]>;

/// Shapes strings in the font book's fonts and remembers what it shaped.
pub struct Shaper<'f> {
    fonts: &'f FontBook,
    faces: HashMap<FontKey, Face<'f>>,
    plans: HashMap<(FontKey, u8, u32), ShapePlan>,
    shaped: HashMap<FontKey, HashMap<String, Glyphs>>,
}

impl<'f> Shaper<'f> {
    pub fn new(fonts: &'f FontBook) -> Shaper<'f> {
        Shaper {
            fonts,
            faces: HashMap::new(),
            plans: HashMap::new(),
            shaped: HashMap::new(),
        }
    }

    /// `text`'s glyphs in the font `key` (the same as shaping it anew).
    pub fn glyphs(&mut self, key: FontKey, text: &str) -> Glyphs {
        if let Some(glyphs) = self.shaped.get(&key).and_then(|m| m.get(text)) {
            return glyphs.clone();
        }
        let glyphs: Glyphs = self.shape(key, text).into();
        self.shaped
            .entry(key)
            .or_default()
            .insert(text.to_string(), glyphs.clone());
        glyphs
    }

    fn shape(&mut self, key: FontKey, text: &str) -> Vec<KrillaGlyph> {
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let direction = buffer.direction();
        let plan_key = (
            key,
            direction_code(direction),
            buffer.script().tag().as_u32(),
        );
        let (output, upem) = match self.fonts.static_bytes(key) {
            // Inter: its face and plans kept for the whole document.
            Some(bytes) => {
                let face = self
                    .faces
                    .entry(key)
                    .or_insert_with(|| Face::from_slice(bytes, 0).expect("Inter parses"));
                let plan = self.plans.entry(plan_key).or_insert_with(|| {
                    ShapePlan::new(
                        face,
                        direction,
                        Some(buffer.script()),
                        buffer.language().as_ref(),
                        &[],
                    )
                });
                let upem = face.units_per_em() as f32;
                (rustybuzz::shape_with_plan(face, plan, buffer), upem)
            }
            // A system font for characters Inter lacks: rare, shaped anew.
            None => {
                let font = self.fonts.get(key);
                let Some(face) = Face::from_slice(&font.bytes, font.index) else {
                    return Vec::new();
                };
                let upem = face.units_per_em() as f32;
                (rustybuzz::shape(&face, &[], buffer), upem)
            }
        };
        glyphs_of(&output, text, direction, upem)
    }
}

fn direction_code(direction: Direction) -> u8 {
    match direction {
        Direction::LeftToRight => 0,
        Direction::RightToLeft => 1,
        Direction::TopToBottom => 2,
        Direction::BottomToTop => 3,
        Direction::Invalid => 4,
    }
}

/// The shaped glyphs with the part of `text` each stands for (its cluster),
/// as krilla's own shaping gives them.
fn glyphs_of(
    output: &rustybuzz::GlyphBuffer,
    text: &str,
    direction: Direction,
    upem: f32,
) -> Vec<KrillaGlyph> {
    let positions = output.glyph_positions();
    let infos = output.glyph_infos();
    let forward = matches!(direction, Direction::LeftToRight | Direction::TopToBottom);
    (0..output.len())
        .map(|i| {
            let start = infos[i].cluster as usize;
            // The cluster ends where the next cluster (in text order) starts.
            let end = if forward {
                infos[i..]
                    .iter()
                    .find(|g| g.cluster != infos[i].cluster)
                    .map_or(text.len(), |g| g.cluster as usize)
            } else {
                infos[..i]
                    .iter()
                    .rev()
                    .find(|g| g.cluster != infos[i].cluster)
                    .map_or(text.len(), |g| g.cluster as usize)
            };
            let p = positions[i];
            KrillaGlyph::new(
                GlyphId::new(infos[i].glyph_id),
                p.x_advance as f32 / upem,
                p.x_offset as f32 / upem,
                p.y_offset as f32 / upem,
                p.y_advance as f32 / upem,
                start..end,
                None,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_is_shaped_once_and_kerned_as_inter_kerns_it() {
        let fonts = FontBook::new();
        let mut shaper = Shaper::new(&fonts);
        let first = shaper.glyphs(FontKey::Regular, "AVATAR 06:30");
        let again = shaper.glyphs(FontKey::Regular, "AVATAR 06:30");
        assert!(Rc::ptr_eq(&first, &again), "the second is the first, kept");
        assert_eq!(first.len(), 12);
        // Every glyph stands for its own character of the text.
        assert_eq!(first[1].text_range, 1..2);
        assert_eq!(first.last().unwrap().text_range, 11..12);
        // "AV" is kerned tighter than the two advances on their own.
        let a = shaper.glyphs(FontKey::Regular, "A")[0].x_advance;
        let v = shaper.glyphs(FontKey::Regular, "V")[0].x_advance;
        assert!(first[0].x_advance + first[1].x_advance < a + v);
        let bold = shaper.glyphs(FontKey::Bold, "AVATAR 06:30");
        assert!(!Rc::ptr_eq(&first, &bold), "kept by font");
    }
}
