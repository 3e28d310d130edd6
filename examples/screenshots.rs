//! Screenshots of every kiosk screen, in English and Spanish, landscape
//! (1280x800) and portrait (800x1280), drawn by Slint's software renderer
//! with no display: `cargo run --example screenshots -- docs/screens`.

#[path = "../tests/common/ui.rs"]
mod ui;

use extras_kiosk::kiosk::ScanMode;
use slint::ComponentHandle;
use std::path::{Path, PathBuf};

fn shoot(out: &Path, name: &str, k: &ui::Kiosk) {
    let path = out.join(format!("{name}.png"));
    ui::snapshot(&k.window, &path);
    println!("{}", path.display());
}

fn screens(out: &Path, lang: &str, orientation: &str, (w, h): (u32, u32)) {
    let k = ui::kiosk(ScanMode::CheckIn, w, h);
    // The demo's clock warning is for the PA; screenshots show the screens.
    k.session.face.borrow_mut().pa_warning = None;
    k.session.refresh();
    if lang == "es" {
        ui::press(&k.window, "Español");
    }
    let tag = |screen: &str| format!("{screen}-{lang}-{orientation}");
    shoot(out, &tag("idle"), &k);
    ui::scan(&k.window, &k.badges[0].1);
    shoot(out, &tag("checked-in"), &k);
    ui::scan(&k.window, &k.badges[0].1);
    shoot(out, &tag("already-here"), &k);
    let other_day = k
        .demo
        .iter()
        .find(|d| d.label == "Another day's badge")
        .unwrap();
    ui::scan(&k.window, &other_day.payload.clone());
    shoot(out, &tag("refused"), &k);
    ui::close(&k);
    ui::press(
        &k.window,
        if lang == "es" {
            "¿Sin credencial?"
        } else {
            "No badge?"
        },
    );
    for letter in ["S", "M", "I"] {
        ui::press(&k.window, letter);
    }
    shoot(out, &tag("no-badge"), &k);
    ui::close(&k);
    k.session.face.borrow_mut().mode = ScanMode::CheckOut;
    ui::scan(&k.window, &k.badges[0].1);
    shoot(out, &tag("checkout-summary"), &k);
    ui::press(&k.window, if lang == "es" { "Firmar" } else { "Sign" });
    k.session.stroke(100.0, 150.0, 1000.0, 400.0, true);
    for i in 1..30 {
        let x = 100.0 + i as f32 * 25.0;
        let y = 150.0 + ((i as f32) * 0.7).sin() * 60.0;
        k.session.stroke(x, y, 1000.0, 400.0, false);
    }
    shoot(out, &tag("signature"), &k);
    ui::close(&k);
    // A few more arrivals, so the console has a day to show.
    k.session.face.borrow_mut().mode = ScanMode::CheckIn;
    for (_, payload) in k.badges.iter().skip(1).take(14) {
        ui::scan(&k.window, payload);
    }
    ui::close(&k);
    k.session.open_pin();
    ui::settle();
    shoot(out, &tag("pin"), &k);
    for d in extras_kiosk::ui::DEMO_PIN.chars() {
        k.session.pin_digit(&d.to_string());
    }
    k.session.pin_submit();
    ui::settle();
    let a = k.window.global::<extras_kiosk::ui::ConsoleAdapter>();
    for (i, name) in [
        "dashboard",
        "roster",
        "areas",
        "requests",
        "wrap",
        "settings",
    ]
    .iter()
    .enumerate()
    {
        a.invoke_set_tab(i as i32);
        if *name == "roster" {
            a.invoke_select(1);
        }
        if *name == "areas" {
            a.invoke_select_area(1);
        }
        shoot(out, &tag(&format!("console-{name}")), &k);
    }
    let _ = k.window.hide();
}

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "docs/screens".into()),
    );
    std::fs::create_dir_all(&out).unwrap();
    for lang in ["en", "es"] {
        screens(&out, lang, "landscape", (1280, 800));
        screens(&out, lang, "portrait", (800, 1280));
    }
}
