//! The words the extras' face writes itself, in the extra's language: a
//! voucher's arithmetic in one line, a date.

use chrono::NaiveDate;

/// A voucher's hours in one line: "9.4 h: 8.0 h straight, 1.4 h at 1.5x",
/// or, for a day shorter than the guarantee, "0.4 h worked, paid the 8.0 h
/// minimum".
pub fn arithmetic(pay: &crate::pay::Pay, spanish: bool) -> String {
    use crate::pay::hours_text as h;
    if pay.tenths_worked < pay.tenths_guaranteed {
        return if spanish {
            format!(
                "{} h trabajadas; se paga el mínimo de {} h",
                h(pay.tenths_worked),
                h(pay.tenths_guaranteed)
            )
        } else {
            format!(
                "{} h worked, paid the {} h minimum",
                h(pay.tenths_worked),
                h(pay.tenths_guaranteed)
            )
        };
    }
    let mut parts = vec![if spanish {
        format!("{} h normales", h(pay.tenths_straight))
    } else {
        format!("{} h straight", h(pay.tenths_straight))
    }];
    for o in pay.overtime.iter().filter(|o| o.tenths > 0) {
        parts.push(if spanish {
            format!("{} h a {}x", h(o.tenths), o.multiplier)
        } else {
            format!("{} h at {}x", h(o.tenths), o.multiplier)
        });
    }
    format!("{} h: {}", h(pay.tenths_worked), parts.join(", "))
}

/// "Sat 28 Nov 2026" or "sáb 28 nov 2026".
pub fn date_words(date: NaiveDate, spanish: bool) -> String {
    use chrono::Datelike;
    if !spanish {
        return date.format("%a %-d %b %Y").to_string();
    }
    const DAYS: [&str; 7] = ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"];
    const MONTHS: [&str; 12] = [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
    ];
    format!(
        "{} {} {} {}",
        DAYS[date.weekday().num_days_from_monday() as usize],
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// What a dispute is about, in the extra's language: "out time", "hora de
/// salida".
pub fn about_words(about: crate::kiosk::DisputeAbout, spanish: bool) -> &'static str {
    use crate::kiosk::{DisputeAbout as A, TimeField as F};
    if !spanish {
        return match about {
            A::Bump => "A bump is missing",
            A::Other => "Something else",
            A::Time(F::In) => "In time",
            A::Time(F::Out) => "Out time",
            A::Time(F::NdbOut) => "NDB out",
            A::Time(F::NdbIn) => "NDB back",
            A::Time(F::Meal1Out) => "Meal 1 out",
            A::Time(F::Meal1In) => "Meal 1 back",
            A::Time(F::Meal2Out) => "Meal 2 out",
            A::Time(F::Meal2In) => "Meal 2 back",
        };
    }
    match about {
        A::Bump => "Falta un plus",
        A::Other => "Otra cosa",
        A::Time(F::In) => "Hora de entrada",
        A::Time(F::Out) => "Hora de salida",
        A::Time(F::NdbOut) => "Salida al NDB",
        A::Time(F::NdbIn) => "Vuelta del NDB",
        A::Time(F::Meal1Out) => "Salida a comida 1",
        A::Time(F::Meal1In) => "Vuelta de comida 1",
        A::Time(F::Meal2Out) => "Salida a comida 2",
        A::Time(F::Meal2In) => "Vuelta de comida 2",
    }
}

/// A bump of the catalogue in the extra's language.
pub fn bump_words(kind: crate::pay::BumpKind, spanish: bool) -> &'static str {
    use crate::pay::BumpKind as B;
    match (kind, spanish) {
        (B::Wardrobe, false) => "Wardrobe change",
        (B::Wardrobe, true) => "Cambio de vestuario",
        (B::Smoke, false) => "Smoke",
        (B::Smoke, true) => "Humo",
        (B::Wet, false) => "Wet",
        (B::Wet, true) => "Mojado",
        (B::BodyMakeup, false) => "Body makeup",
        (B::BodyMakeup, true) => "Maquillaje corporal",
        (B::Hair, false) => "Hair",
        (B::Hair, true) => "Peluquería",
        (B::OwnCar, false) => "Own car",
        (B::OwnCar, true) => "Coche propio",
        (B::Props, false) => "Props",
        (B::Props, true) => "Utilería",
        (B::FormalWear, false) => "Formal wear",
        (B::FormalWear, true) => "Ropa de gala",
        (B::PoliceUniform, false) => "Police uniform",
        (B::PoliceUniform, true) => "Uniforme de policía",
        (B::Hazard, false) => "Hazard",
        (B::Hazard, true) => "Riesgo",
        (B::Other, false) => "Other bump",
        (B::Other, true) => "Otro plus",
    }
}

/// A dispute as the summary on screen says it: "Out time (you said
/// 19:40)", "Hora de salida (usted dijo 19:40)", with its decision.
pub fn dispute_words(d: &crate::kiosk::Dispute, day: &crate::model::Day, spanish: bool) -> String {
    use crate::kiosk::{DisputeAbout, DisputeStatus};
    let mut text = about_words(d.about, spanish).to_string();
    match d.about {
        DisputeAbout::Time(_) => {
            if let Some(t) = d.claimed {
                let said = if spanish { "usted dijo" } else { "you said" };
                text.push_str(&format!(" ({said} {})", day.format_at(t)));
            }
        }
        DisputeAbout::Bump => {
            if let Some(kind) = d.bump.as_deref().and_then(crate::pay::BumpKind::from_code) {
                text.push_str(&format!(": {}", bump_words(kind, spanish)));
            }
        }
        DisputeAbout::Other => {
            if !d.words.is_empty() {
                text.push_str(&format!(": {}", d.words));
            }
        }
    }
    match (d.status, spanish) {
        (DisputeStatus::Open, _) => {}
        (DisputeStatus::Accepted, false) => text.push_str(", accepted"),
        (DisputeStatus::Accepted, true) => text.push_str(", aceptada"),
        (DisputeStatus::Rejected, false) => text.push_str(", rejected"),
        (DisputeStatus::Rejected, true) => text.push_str(", rechazada"),
    }
    text
}
