//! Screenshots of every kiosk screen, in English and Spanish, landscape
//! (1280x800) and portrait (800x1280), drawn by Slint's software renderer
//! with no display: `cargo run --example screenshots -- docs/screens`. The
//! kiosk shares its day with a holding tent through a throwaway PostgreSQL
//! hub (the `postgresql` package's `initdb` and `pg_ctl`), so the screens
//! show a conflict, the Kiosks panel and the offline note.

#[path = "../tests/common/pg.rs"]
#[allow(dead_code)]
mod pg;
#[path = "../tests/common/ui.rs"]
mod ui;

use extras_kiosk::store::hub::{Hub, HubAddress};

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
    k.session.face().borrow_mut().pa_warning = None;
    k.session.face_changed();
    if lang == "es" {
        ui::press(&k.window, "Español");
    }
    let tag = |screen: &str| format!("{screen}-{lang}-{orientation}");
    // A holding tent joined through the hub before anyone arrived; the
    // first extra scans here and at the tent, so the dashboard has a
    // conflict to show.
    let pg = pg::Pg::start();
    let mut lead = extras_kiosk::store::Store::open(&k.dir.path().join("kiosk.db")).unwrap();
    let day = lead.current_day().unwrap();
    let (mut hub, tents) = pg::hub_with_tents(&pg, &mut lead, &[("tent1", "Tent 1")]);
    let (tent_path, tent_url) = tents[0].clone();
    let tent_url = HubAddress::parse(&tent_url).unwrap();
    let lead_url = hub.address().clone();
    shoot(out, &tag("idle"), &k);
    ui::scan(&k.window, &k.badges[0].1);
    shoot(out, &tag("checked-in"), &k);
    let mut tent = extras_kiosk::store::Store::open(&tent_path).unwrap();
    let booking = tent.booking(&day, &k.badges[0].0).unwrap();
    extras_kiosk::kiosk::Kiosk::new(&mut tent, day.clone(), ScanMode::CheckIn)
        .check_in(
            &booking,
            chrono::Utc::now() - chrono::Duration::minutes(4),
            extras_kiosk::store::Actor::Kiosk,
        )
        .unwrap();
    tent.sync_hub(&mut Hub::connect(&tent_url).unwrap(), |_| {})
        .unwrap();
    lead.sync_hub(&mut hub, |_| {}).unwrap();
    k.session.console().reload();
    ui::scan(&k.window, &k.badges[0].1);
    shoot(out, &tag("already-here"), &k);
    // The hub's machine goes down: the face says, small, for the PA.
    tent.sync_hub(&mut Hub::connect(&tent_url).unwrap(), |_| {})
        .unwrap();
    drop(tent);
    pg.stop_immediately();
    if let Err(extras_kiosk::store::StoreError::HubUnreachable { reason, .. }) =
        Hub::connect(&lead_url)
    {
        lead.note_hub_offline(&reason, chrono::Utc::now()).unwrap();
    }
    drop(lead);
    ui::close(&k);
    k.session.console().reload();
    shoot(out, &tag("idle-offline"), &k);
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
    k.session.console().set_mode(ScanMode::CheckOut).unwrap();
    ui::scan(&k.window, &k.badges[0].1);
    shoot(out, &tag("checkout-summary"), &k);
    ui::press(&k.window, if lang == "es" { "Firmar" } else { "Sign" });
    let face = k.window.global::<extras_kiosk::ui::FaceAdapter>();
    face.invoke_stroke_start(100.0, 150.0, 1000.0, 400.0);
    for i in 1..30 {
        let x = 100.0 + i as f32 * 25.0;
        let y = 150.0 + ((i as f32) * 0.7).sin() * 60.0;
        face.invoke_stroke_point(x, y, 1000.0, 400.0);
    }
    shoot(out, &tag("signature"), &k);
    ui::close(&k);
    // An extra who asked for a paper voucher checks in.
    k.session.console().set_mode(ScanMode::CheckIn).unwrap();
    let console = k.session.console();
    console.reload();
    console.search(extras_kiosk::ui::roster::RosterFilter {
        text: k.badges[1].0.clone(),
        ..Default::default()
    });
    console.select(Some(0));
    console.toggle_paper_voucher_selected().unwrap();
    console.search(Default::default());
    ui::scan(&k.window, &k.badges[1].1);
    shoot(out, &tag("checked-in-paper"), &k);
    ui::close(&k);
    // The demo's B-0006: start paperwork pending, a police jacket out.
    let (_, paperwork) = k.badges[4].clone();
    ui::scan(&k.window, &paperwork);
    shoot(out, &tag("checked-in-paperwork"), &k);
    ui::close(&k);
    k.session.console().set_mode(ScanMode::CheckOut).unwrap();
    ui::scan(&k.window, &paperwork);
    shoot(out, &tag("checkout-return"), &k);
    ui::close(&k);
    k.session.console().set_mode(ScanMode::CheckIn).unwrap();
    // A few more arrivals, so the console has a day to show.
    for (_, payload) in k.badges.iter().skip(1).take(14) {
        ui::scan(&k.window, payload);
    }
    ui::close(&k);
    k.session.open_pin();
    ui::settle();
    shoot(out, &tag("pin"), &k);
    let pin = k.window.global::<extras_kiosk::ui::PinAdapter>();
    for d in extras_kiosk::kiosk::DEMO_PIN.chars() {
        pin.invoke_digit(d.to_string().into());
    }
    pin.invoke_submit();
    ui::settle();
    use extras_kiosk::ui::ConsoleTab;
    let a = k.window.global::<extras_kiosk::ui::ConsoleAdapter>();
    for (tab, name) in [
        (ConsoleTab::Dashboard, "dashboard"),
        (ConsoleTab::Roster, "roster"),
        (ConsoleTab::Areas, "areas"),
        (ConsoleTab::Requests, "requests"),
        (ConsoleTab::Wrap, "wrap"),
        (ConsoleTab::Settings, "settings"),
    ] {
        a.invoke_set_tab(tab);
        if name == "roster" {
            k.window
                .global::<extras_kiosk::ui::RosterAdapter>()
                .invoke_select(1);
        }
        if name == "areas" {
            let areas = k.window.global::<extras_kiosk::ui::AreasAdapter>();
            let id = slint::Model::row_data(&areas.get_areas(), 1).unwrap().id;
            areas.invoke_select(id);
        }
        shoot(out, &tag(&format!("console-{name}")), &k);
        if name == "requests" {
            // The on-screen keyboard, as a touch on a field opens it.
            ui::focus_field(
                &k.window,
                if lang == "es" { "Nombre" } else { "First name" },
            );
            shoot(out, &tag("console-keyboard"), &k);
            k.window
                .global::<extras_kiosk::ui::OnScreenKeyboard>()
                .set_open(false);
        }
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
