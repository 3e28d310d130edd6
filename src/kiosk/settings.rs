//! Typed settings, in two kinds: the device's own (volume, printer,
//! language, scan mode, kiosk id), which stay with this kiosk, and the
//! day's (the union background required, the rules files), which belong to
//! the shoot day. The keys they are stored under are written only here and
//! in the store.

use super::{KioskError, ScanMode};
use crate::store::Store;

/// The language the extras' screens open in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    English,
    Spanish,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Spanish => "es",
        }
    }

    fn from_code(code: &str) -> Option<Language> {
        match code {
            "en" => Some(Language::English),
            "es" => Some(Language::Spanish),
            _ => None,
        }
    }
}

/// This kiosk's own settings.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceSettings {
    /// 0.0 (silent) to 1.0.
    pub volume: f32,
    /// The CUPS printer for badges and extras' copies; `None` writes PNGs.
    pub printer: Option<String>,
    pub language: Language,
    pub mode: ScanMode,
}

impl Default for DeviceSettings {
    fn default() -> Self {
        DeviceSettings {
            volume: 0.8,
            printer: None,
            language: Language::English,
            mode: ScanMode::CheckIn,
        }
    }
}

const VOLUME: &str = "volume";
const PRINTER: &str = "printer";
const LANGUAGE: &str = "language";
const MODE: &str = "mode";

fn text(store: &Store, key: &str) -> Result<Option<String>, KioskError> {
    Ok(store
        .setting(key)?
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty()))
}

impl DeviceSettings {
    /// What `store` holds, with defaults for what was never set.
    pub fn load(store: &Store) -> Result<DeviceSettings, KioskError> {
        let default = DeviceSettings::default();
        Ok(DeviceSettings {
            volume: text(store, VOLUME)?
                .and_then(|v| v.parse::<f32>().ok())
                .map_or(default.volume, |v| v.clamp(0.0, 1.0)),
            printer: text(store, PRINTER)?,
            language: text(store, LANGUAGE)?
                .and_then(|l| Language::from_code(&l))
                .unwrap_or_default(),
            mode: text(store, MODE)?
                .and_then(|m| m.parse().ok())
                .unwrap_or(default.mode),
        })
    }

    /// Keeps these settings in `store`, in one transaction.
    pub fn save(&self, store: &mut Store) -> Result<(), KioskError> {
        let rec = store.recording()?;
        rec.set_setting(VOLUME, &format!("{:.2}", self.volume.clamp(0.0, 1.0)))?;
        rec.set_setting(PRINTER, self.printer.as_deref().unwrap_or(""))?;
        rec.set_setting(LANGUAGE, self.language.code())?;
        rec.set_setting(
            MODE,
            match self.mode {
                ScanMode::CheckIn => "checkin",
                ScanMode::CheckOut => "checkout",
            },
        )?;
        rec.commit()?;
        Ok(())
    }
}

/// The shoot day's settings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DaySettings {
    /// The union background the day must have present (a contract minimum).
    pub union_required: Option<u32>,
    /// The names of the rules files the day pays by (union, non-union);
    /// set with `extras-kiosk day rules`, shown here.
    pub union_rules: String,
    pub non_union_rules: String,
}
