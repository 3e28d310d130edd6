//! extras-kiosk: a check-in kiosk for background actors on film and TV sets.
//!
//! Data flows one way: input (skin files, scans, the command line) → the
//! kiosk core → the store (an append-only event log in SQLite) → projections
//! → screens and reports.

pub mod areas_file;
pub mod badge;
pub mod fonts;
pub mod kiosk;
pub mod model;
pub mod pay;
pub mod printer;
pub mod report;
pub mod shaping;
pub mod skin;
pub mod store;
pub mod ui;
pub mod web;
