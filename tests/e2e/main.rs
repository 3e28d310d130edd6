//! Every end-to-end test, one integration crate with a module per area (one
//! test binary to link, not one per file): the binary as a PA runs it, the
//! kiosk core on a real database, the exports opened, the screens on
//! Slint's testing backend.

#[path = "../common/mod.rs"]
mod common;
#[path = "../common/ui.rs"]
mod ui;

mod badges;
mod busy_day;
mod cli;
mod console_controller;
mod durability;
mod errors;
mod export;
mod guide;
mod hub;
mod hub_trust;
mod kiosk_corrections;
mod kiosk_meals;
mod kiosk_scan;
mod layers;
mod phone_scanner;
mod reference;
mod review;
mod several_kiosks;
mod skin_import;
mod store;
mod sync_cli;
mod token_props;
mod translations;
mod ui_console;
mod ui_face;
mod ui_review;
mod ui_roster_states;
mod vouchers_golden;
mod web;
mod web_browser;
