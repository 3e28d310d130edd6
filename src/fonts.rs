//! The font book: the fonts badges and the PDF reports are drawn with (Inter,
//! shipped in `ui/fonts/`) and, for characters Inter lacks (王芳), a system
//! font found through fontconfig. `badge/` and `report/` both use it.

use ab_glyph::{Font, FontArc, GlyphId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const INTER_REGULAR: &[u8] = include_bytes!("../ui/fonts/Inter-Regular.otf");
const INTER_SEMIBOLD: &[u8] = include_bytes!("../ui/fonts/Inter-SemiBold.otf");
const INTER_BOLD: &[u8] = include_bytes!("../ui/fonts/Inter-Bold.otf");

/// Which font a run of text is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FontKey {
    Regular,
    SemiBold,
    Bold,
    /// A system font, by its index in [`FontBook::fallbacks`].
    Fallback(usize),
}

/// One loaded font: its bytes (for the PDF) and its outlines (for PNG).
#[derive(Clone)]
pub struct LoadedFont {
    pub bytes: Arc<Vec<u8>>,
    pub index: u32,
    pub glyphs: FontArc,
    /// Where it came from, for messages.
    pub name: Arc<str>,
}

impl LoadedFont {
    fn from_static(bytes: &'static [u8], name: &str) -> LoadedFont {
        LoadedFont {
            bytes: Arc::new(bytes.to_vec()),
            index: 0,
            glyphs: FontArc::try_from_slice(bytes).expect("the shipped Inter fonts parse"),
            name: name.into(),
        }
    }

    fn load(path: &str, index: u32) -> Option<LoadedFont> {
        let bytes = std::fs::read(path).ok()?;
        let glyphs =
            FontArc::new(ab_glyph::FontVec::try_from_vec_and_index(bytes.clone(), index).ok()?);
        Some(LoadedFont {
            bytes: Arc::new(bytes),
            index,
            glyphs,
            name: path.into(),
        })
    }

    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace() || self.glyphs.glyph_id(c) != GlyphId(0)
    }

    /// The height of a capital (H) in ems: the size a name is read by.
    pub fn cap_height_em(&self) -> f32 {
        let upem = self.glyphs.units_per_em().unwrap_or(1000.0);
        self.glyphs
            .outline(self.glyphs.glyph_id('H'))
            .map(|o| (o.bounds.max.y - o.bounds.min.y).abs() / upem)
            .filter(|h| *h > 0.3 && *h < 1.0)
            .unwrap_or(0.7)
    }

    /// The advance of `text` in ems (font size 1), kerning included.
    pub fn advance_em(&self, text: &str) -> f32 {
        let upem = self.glyphs.units_per_em().unwrap_or(1000.0);
        let mut width = 0.0;
        let mut previous: Option<GlyphId> = None;
        for c in text.chars() {
            let id = self.glyphs.glyph_id(c);
            if let Some(p) = previous {
                width += self.glyphs.kern_unscaled(p, id);
            }
            width += self.glyphs.h_advance_unscaled(id);
            previous = Some(id);
        }
        width / upem
    }
}

/// Finds a system font that has every one of the given characters.
pub type FallbackFinder = Box<dyn Fn(&[char]) -> Option<LoadedFont> + Send + Sync>;

/// The fonts of a print run: Inter, and system fonts found as needed.
pub struct FontBook {
    regular: LoadedFont,
    semibold: LoadedFont,
    bold: LoadedFont,
    fallbacks: Mutex<Vec<LoadedFont>>,
    /// For each character Inter lacks: the fallback that has it, or none.
    found: Mutex<HashMap<char, Option<usize>>>,
    finder: FallbackFinder,
}

/// A run of text in one font, and where it starts (in ems from the start).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub font: FontKey,
    pub text: String,
    pub offset_em: f32,
}

/// Text fitted to a width ([`FontBook::fit`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    pub runs: Vec<Run>,
    pub width_em: f32,
    /// Whether the end was cut off (an ellipsis stands for it).
    pub cut: bool,
}

impl Fitted {
    /// The largest size at which it fits `max_width`.
    pub fn size_for(&self, max_width: f32) -> f32 {
        max_width / self.width_em.max(0.01)
    }
}

impl FontBook {
    /// Inter, with system fonts found through fontconfig.
    pub fn new() -> FontBook {
        FontBook::with_finder(Box::new(find_system_font))
    }

    /// Inter, with fallbacks from `finder` (tests use one that finds none).
    pub fn with_finder(finder: FallbackFinder) -> FontBook {
        FontBook {
            regular: LoadedFont::from_static(INTER_REGULAR, "Inter Regular"),
            semibold: LoadedFont::from_static(INTER_SEMIBOLD, "Inter SemiBold"),
            bold: LoadedFont::from_static(INTER_BOLD, "Inter Bold"),
            fallbacks: Mutex::new(Vec::new()),
            found: Mutex::new(HashMap::new()),
            finder,
        }
    }

    pub fn get(&self, key: FontKey) -> LoadedFont {
        match key {
            FontKey::Regular => self.regular.clone(),
            FontKey::SemiBold => self.semibold.clone(),
            FontKey::Bold => self.bold.clone(),
            FontKey::Fallback(i) => self.fallbacks.lock().expect("font lock")[i].clone(),
        }
    }

    /// The bytes of a font shipped with the binary (Inter), for faces kept
    /// as long as the book; none for a system font.
    pub fn static_bytes(&self, key: FontKey) -> Option<&'static [u8]> {
        match key {
            FontKey::Regular => Some(INTER_REGULAR),
            FontKey::SemiBold => Some(INTER_SEMIBOLD),
            FontKey::Bold => Some(INTER_BOLD),
            FontKey::Fallback(_) => None,
        }
    }

    /// Splits `text` into runs drawn with `primary` where Inter has the
    /// glyphs and with a system font where it does not. Errs with the
    /// characters no font on this machine has.
    pub fn runs(&self, text: &str, primary: FontKey) -> Result<Vec<Run>, Vec<char>> {
        let main = self.get(primary);
        let missing: Vec<char> = {
            let mut m: Vec<char> = text.chars().filter(|c| !main.covers(*c)).collect();
            m.sort_unstable();
            m.dedup();
            m
        };
        self.find_fallbacks(&missing);
        let found = self.found.lock().expect("font lock");
        let lacking: Vec<char> = missing
            .iter()
            .copied()
            .filter(|c| found.get(c).copied().flatten().is_none())
            .collect();
        if !lacking.is_empty() {
            return Err(lacking);
        }
        let mut runs: Vec<Run> = Vec::new();
        for c in text.chars() {
            let key = if main.covers(c) {
                primary
            } else {
                FontKey::Fallback(found[&c].expect("checked above"))
            };
            match runs.last_mut() {
                Some(run) if run.font == key => run.text.push(c),
                _ => runs.push(Run {
                    font: key,
                    text: c.to_string(),
                    offset_em: 0.0,
                }),
            }
        }
        drop(found);
        let mut offset = 0.0;
        for run in &mut runs {
            run.offset_em = offset;
            offset += self.get(run.font).advance_em(&run.text);
        }
        Ok(runs)
    }

    /// `text` in runs that fit `max_width` at `min_size` (both in the same
    /// unit): whole when it fits, else cut at the end with an ellipsis.
    /// Errs with the characters no font has.
    pub fn fit(
        &self,
        text: &str,
        primary: FontKey,
        max_width: f32,
        min_size: f32,
    ) -> Result<Fitted, Vec<char>> {
        let fits = |runs: &[Run]| self.width_em(runs) * min_size <= max_width;
        let runs = self.runs(text, primary)?;
        let width_em = self.width_em(&runs);
        if fits(&runs) {
            return Ok(Fitted {
                runs,
                width_em,
                cut: false,
            });
        }
        let chars: Vec<char> = text.chars().collect();
        let cut = |n: usize| {
            let kept: String = chars[..n].iter().collect();
            self.runs(&format!("{}…", kept.trim_end()), primary)
        };
        // The most characters that fit with the ellipsis (binary search).
        let (mut lo, mut hi) = (0, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if fits(&cut(mid)?) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        let runs = cut(lo)?;
        Ok(Fitted {
            width_em: self.width_em(&runs),
            runs,
            cut: true,
        })
    }

    /// The width of `runs` in ems.
    pub fn width_em(&self, runs: &[Run]) -> f32 {
        runs.last()
            .map(|r| r.offset_em + self.get(r.font).advance_em(&r.text))
            .unwrap_or(0.0)
    }

    fn find_fallbacks(&self, missing: &[char]) {
        let unknown: Vec<char> = {
            let found = self.found.lock().expect("font lock");
            missing
                .iter()
                .copied()
                .filter(|c| !found.contains_key(c))
                .collect()
        };
        if unknown.is_empty() {
            return;
        }
        let font = (self.finder)(&unknown);
        let mut found = self.found.lock().expect("font lock");
        match font {
            Some(font) => {
                let mut fallbacks = self.fallbacks.lock().expect("font lock");
                fallbacks.push(font);
                let index = fallbacks.len() - 1;
                for c in unknown {
                    let has = fallbacks[index].covers(c);
                    found.insert(c, has.then_some(index));
                }
            }
            None => {
                for c in unknown {
                    found.insert(c, None);
                }
            }
        }
    }
}

impl Default for FontBook {
    fn default() -> Self {
        FontBook::new()
    }
}

/// Asks fontconfig for the fonts that best cover `chars`, best first, and
/// takes the first that really has every one of them.
fn find_system_font(chars: &[char]) -> Option<LoadedFont> {
    let fc = fontconfig::Fontconfig::new()?;
    let mut charset = fontconfig::CharSet::new(&fc).ok()?;
    for c in chars {
        charset.add_char(*c).ok()?;
    }
    let mut pattern = fontconfig::Pattern::new(&fc).ok()?;
    pattern.add_string(c"family", c"sans-serif").ok()?;
    pattern.add_charset(charset).ok()?;
    pattern.config_substitute().ok()?;
    pattern.default_substitute();
    let sorted = pattern
        .sort_fonts(fontconfig::UnicodeCoverage::NoTrim)
        .ok()?;
    sorted.iter().take(64).find_map(|candidate| {
        let path = candidate.filename().ok()?;
        let index = candidate
            .face_index()
            .ok()
            .and_then(|i| u32::try_from(i).ok())
            .unwrap_or(0);
        let font = LoadedFont::load(path, index)?;
        chars.iter().all(|c| font.covers(*c)).then_some(font)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inter_covers_latin_names_and_runs_measure() {
        let book = FontBook::with_finder(Box::new(|_| None));
        let runs = book.runs("Zoë O'Brien-Côté", FontKey::Bold).unwrap();
        assert_eq!(runs.len(), 1);
        assert!(book.width_em(&runs) > 5.0);
        assert_eq!(
            book.runs("王芳", FontKey::Bold).unwrap_err(),
            vec!['王', '芳']
        );
    }
}
