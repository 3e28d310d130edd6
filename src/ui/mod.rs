//! The kiosk's screens (Slint, `ui/`): the extras' face, the PIN pad and
//! the supervisor console. The views hold no SQL and the face holds no
//! Slint types; adapters map one onto the other, as in Slint's todo-mvc.

slint::include_modules!();

pub mod console;
pub mod console_actions;
pub mod console_adapter;
pub mod face;
pub mod face_adapter;
pub mod launch;
pub mod scan_buffer;
pub mod session;
pub mod sound;

pub use launch::{DEMO_PIN, open_window, run, seed_demo};
pub use session::{DemoBadge, Session};
