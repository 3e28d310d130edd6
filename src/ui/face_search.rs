//! The face's "No badge?" name search: everyone not yet here, matched as
//! letters are typed on the on-screen keyboard (from the third letter, by
//! first or last name, accents ignored); picking a name files a request
//! for the PA and checks no one in.

use super::face::{Face, FaceState};
use crate::kiosk::{KioskError, public_name};
use chrono::{DateTime, Utc};

/// Letters typed before any name is shown.
pub const SEARCH_MIN_LETTERS: usize = 3;
const MAX_MATCHES: usize = 6;
const MAX_LETTERS: usize = 40;

/// Lower case without accents, for matching names as people type them.
fn folded(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

impl Face {
    /// "No badge?": the name search opens, with everyone not yet here.
    pub fn open_search(&mut self) -> Result<(), KioskError> {
        if self.station().day().is_none() {
            return Ok(());
        }
        let pool = self.station().not_yet_here()?;
        self.search_pool = pool;
        self.set(FaceState::Search {
            text: String::new(),
            matches: Vec::new(),
        });
        Ok(())
    }

    /// A letter typed on the on-screen keyboard (`None`: backspace).
    pub fn search_key(&mut self, letter: Option<&str>) {
        let FaceState::Search { text, .. } = &self.state else {
            return;
        };
        let mut text = text.clone();
        match letter {
            Some(l) if text.chars().count() < MAX_LETTERS => text.push_str(l),
            Some(_) => {}
            None => {
                text.pop();
            }
        }
        let query = folded(text.trim());
        let matches = if query.chars().count() < SEARCH_MIN_LETTERS {
            Vec::new()
        } else {
            self.search_pool
                .iter()
                .filter(|b| {
                    let name = folded(&b.details.full_name());
                    name.starts_with(&query)
                        || name.contains(&format!(" {query}"))
                        || folded(&b.details.last_name).starts_with(&query)
                })
                .take(MAX_MATCHES)
                .cloned()
                .collect()
        };
        self.set(FaceState::Search { text, matches });
    }

    /// The extra picked their name: a request for the PA, never a check-in.
    pub fn pick_match(&mut self, index: usize, now: DateTime<Utc>) -> Result<(), KioskError> {
        let FaceState::Search { matches, .. } = &self.state else {
            return Ok(());
        };
        let Some(booking) = matches.get(index).cloned() else {
            return Ok(());
        };
        self.station
            .borrow_mut()
            .kiosk()?
            .request_badge(&booking, now)?;
        self.notice(public_name(&booking), "request", false);
        Ok(())
    }
}
