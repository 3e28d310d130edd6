//! The kiosk's screens (Slint, `ui/`): the extras' face, the PIN pad and
//! the supervisor console. As in Slint's todo-mvc: controllers hold the
//! state with no Slint types (`face`, `console_controller`), adapters map
//! them onto each view's global and connect its callbacks (`*_adapter`),
//! and `launch` assembles both on a kiosk station. Nothing here touches the
//! store but through the kiosk core.

slint::include_modules!();

pub mod areas_adapter;
pub mod console_adapter;
mod console_conflicts;
pub mod console_controller;
pub mod console_forms;
mod console_items;
mod console_person;
pub mod console_review;
mod console_setup;
pub mod dashboard_adapter;
mod export_job;
pub mod face;
pub mod face_adapter;
pub mod face_dispute;
mod face_search;
mod face_warning;
mod face_words;
pub mod kiosks_adapter;
pub mod launch;
pub mod pin_adapter;
pub mod printing;
pub mod requests_adapter;
pub mod review_state;
pub use crate::kiosk::roster;
pub mod roster_adapter;
pub mod scan_buffer;
pub mod scan_timing;
pub mod session;
pub mod settings_adapter;
mod signature_pad;
pub mod sound;
pub mod wrap_adapter;

pub use console_controller::ConsoleController;
pub use export_job::ExportJob;
pub use launch::{open_window, run};
pub use session::Session;
