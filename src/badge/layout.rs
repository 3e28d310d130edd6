//! Where everything goes on a badge: a CR80 card (85.6 x 54 mm) laid out in
//! millimetres once, then painted by the PNG and the PDF renderers alike.

use super::qr::QrMatrix;
use crate::fonts::{FontBook, FontKey, Run};
use crate::model::{Category, UnionStatus};
use chrono::NaiveDate;

/// The card's size in millimetres (ISO/IEC 7810 ID-1, "CR80").
pub const CARD_W: f32 = 85.6;
pub const CARD_H: f32 = 54.0;

/// A QR module is 1/25 inch: a whole number of pixels at 150, 300 and 600
/// dpi, so modules print and rasterise crisp, without grey seams. Renderers
/// put the code's corner on the same 1/50-inch grid ([`QR_GRID_MM`]).
pub const QR_MODULE_MM: f32 = 25.4 / 25.0;
pub const QR_GRID_MM: f32 = 25.4 / 50.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub [u8; 3]);

pub const WHITE: Rgb = Rgb([255, 255, 255]);
pub const INK: Rgb = Rgb([17, 17, 17]);
const GREY: Rgb = Rgb([85, 85, 85]);
/// Union and non-union bands: hues that stay apart for red-green colour
/// blindness, each with white text above 4.5:1, and always a written label.
const UNION_BLUE: Rgb = Rgb([31, 58, 147]);
const NON_UNION_ORANGE: Rgb = Rgb([180, 83, 9]);

/// What a badge says.
#[derive(Debug, Clone, PartialEq)]
pub struct BadgeContent {
    pub production_title: String,
    pub date: NaiveDate,
    pub first_name: String,
    pub last_name: String,
    pub badge_no: String,
    pub category: Category,
    pub union: UnionStatus,
    /// The signed token in the QR code.
    pub payload: String,
}

/// One thing painted on the card. Lengths in millimetres from the card's
/// top-left corner; text sizes are em sizes.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    Text {
        runs: Vec<Run>,
        size: f32,
        x: f32,
        baseline: f32,
        color: Rgb,
    },
    Qr {
        x: f32,
        y: f32,
        size: f32,
        matrix: QrMatrix,
    },
}

/// A laid-out badge.
#[derive(Debug, Clone, PartialEq)]
pub struct Badge {
    pub badge_no: String,
    pub payload: String,
    pub marks: Vec<Mark>,
    /// Said once each when the name could not be drawn, or was cut.
    pub warnings: Vec<String>,
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Right,
    Centre,
}

#[derive(Clone, Copy)]
struct TextBox {
    x: f32,
    baseline: f32,
    max_width: f32,
    size: f32,
    align: Align,
    color: Rgb,
}

/// Lays `runs` into a box, shrinking the size until the text fits.
fn place(fonts: &FontBook, runs: Vec<Run>, b: &TextBox) -> Mark {
    let width_em = fonts.width_em(&runs).max(0.01);
    let size = b.size.min(b.max_width / width_em);
    let width = width_em * size;
    let x = match b.align {
        Align::Left => b.x,
        Align::Right => b.x - width,
        Align::Centre => b.x - width / 2.0,
    };
    Mark::Text {
        runs,
        size,
        x,
        baseline: b.baseline,
        color: b.color,
    }
}

/// The smallest cap heights a name is drawn at (read at arm's length).
pub const FIRST_NAME_MIN_CAP_MM: f32 = 3.0;
pub const LAST_NAME_MIN_CAP_MM: f32 = 2.0;

/// A name as large as fits in its box, but never with capitals smaller
/// than `min_cap_mm`: past that it is cut with an ellipsis. Returns the
/// mark and whether the name was cut.
fn place_name(
    fonts: &FontBook,
    text: &str,
    font: FontKey,
    b: &TextBox,
    min_cap_mm: f32,
) -> Result<(Mark, bool), Vec<char>> {
    let min_size = (min_cap_mm / fonts.get(font).cap_height_em()).min(b.size);
    let fitted = fonts.fit(text, font, b.max_width, min_size)?;
    let size = b.size.min(fitted.size_for(b.max_width));
    let placed = place(fonts, fitted.runs, &TextBox { size, ..*b });
    Ok((placed, fitted.cut))
}

/// Text that is not a name: characters no font has are left out.
fn label(fonts: &FontBook, text: &str, font: FontKey, b: &TextBox) -> Mark {
    let runs = fonts.runs(text, font).unwrap_or_else(|missing| {
        let kept: String = text.chars().filter(|c| !missing.contains(c)).collect();
        fonts.runs(&kept, font).unwrap_or_default()
    });
    place(fonts, runs, b)
}

/// Runs `work` on each item on every core, in order: badges are laid out
/// and drawn independently, and a sheet of a thousand waits on the slowest
/// part (the QR codes' masks, the names' shaping).
pub fn on_all_cores<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if cores < 2 || items.len() < 2 {
        return items.iter().map(work).collect();
    }
    let chunk = items.len().div_ceil(cores);
    std::thread::scope(|scope| {
        let work = &work;
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(work).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a badge worker does not panic"))
            .collect()
    })
}

/// Lays out every badge of `contents`, on every core.
pub fn lay_out_all(contents: &[BadgeContent], fonts: &FontBook) -> Vec<Badge> {
    on_all_cores(contents, |c| lay_out(c, fonts))
}

/// Lays out one badge.
pub fn lay_out(content: &BadgeContent, fonts: &FontBook) -> Badge {
    let band = match content.union {
        UnionStatus::Union => UNION_BLUE,
        UnionStatus::NonUnion => NON_UNION_ORANGE,
    };
    let mut marks = vec![
        Mark::Rect {
            x: 0.0,
            y: 0.0,
            w: CARD_W,
            h: CARD_H,
            color: WHITE,
        },
        Mark::Rect {
            x: 0.0,
            y: 0.0,
            w: CARD_W,
            h: 9.0,
            color: band,
        },
    ];
    let date = content.date.format("%a %-d %b %Y").to_string();
    let date_box = TextBox {
        x: CARD_W - 3.0,
        baseline: 6.1,
        max_width: 24.0,
        size: 3.0,
        align: Align::Right,
        color: WHITE,
    };
    let date_mark = label(fonts, &date, FontKey::SemiBold, &date_box);
    let date_width = match &date_mark {
        Mark::Text { runs, size, .. } => fonts.width_em(runs) * size,
        _ => 0.0,
    };
    marks.push(label(
        fonts,
        &content.production_title,
        FontKey::Bold,
        &TextBox {
            x: 3.0,
            baseline: 6.1,
            max_width: CARD_W - 9.0 - date_width,
            size: 3.4,
            align: Align::Left,
            color: WHITE,
        },
    ));
    marks.push(date_mark);

    let qr = QrMatrix::encode(&content.payload);
    marks.push(Mark::Qr {
        x: 2.0,
        y: 10.5,
        size: 39.0,
        matrix: qr,
    });
    marks.push(label(
        fonts,
        "Scan at holding",
        FontKey::Regular,
        &TextBox {
            x: 21.5,
            baseline: 52.0,
            max_width: 36.0,
            size: 2.6,
            align: Align::Centre,
            color: GREY,
        },
    ));

    let column = |baseline: f32, size: f32| TextBox {
        x: 44.0,
        baseline,
        max_width: CARD_W - 44.0 - 2.5,
        size,
        align: Align::Left,
        color: INK,
    };
    let first = place_name(
        fonts,
        &content.first_name,
        FontKey::Bold,
        &column(20.0, 9.0),
        FIRST_NAME_MIN_CAP_MM,
    );
    let last = place_name(
        fonts,
        &content.last_name,
        FontKey::SemiBold,
        &column(27.0, 5.0),
        LAST_NAME_MIN_CAP_MM,
    );
    let mut warnings = Vec::new();
    match (first, last) {
        (Ok((first, first_cut)), Ok((last, last_cut))) => {
            for (cut, which) in [(first_cut, "first"), (last_cut, "last")] {
                if cut {
                    warnings.push(format!("{}: {which} name cut to fit", content.badge_no));
                }
            }
            marks.push(first);
            marks.push(last);
            marks.push(label(
                fonts,
                &content.badge_no,
                FontKey::Bold,
                &column(36.0, 6.0),
            ));
        }
        (first, last) => {
            let mut missing: Vec<char> = [first.err(), last.err()]
                .into_iter()
                .flatten()
                .flatten()
                .collect();
            missing.sort_unstable();
            missing.dedup();
            let list: String = missing
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(" ");
            warnings.push(format!(
                "{}: no font on this machine has {list}: the badge shows its number instead of the name (install a font that has them, e.g. fonts-noto-cjk)",
                content.badge_no
            ));
            marks.push(label(
                fonts,
                &content.badge_no,
                FontKey::Bold,
                &column(25.0, 11.0),
            ));
            marks.push(label(
                fonts,
                "Name: see the PA's list",
                FontKey::Regular,
                &column(31.5, 3.2),
            ));
        }
    }
    marks.push(label(
        fonts,
        &content.category.label().to_uppercase(),
        FontKey::SemiBold,
        &column(42.0, 3.4),
    ));
    let union_text = match content.union {
        UnionStatus::Union => "UNION",
        UnionStatus::NonUnion => "NON-UNION",
    };
    let union_label = label(
        fonts,
        union_text,
        FontKey::Bold,
        &TextBox {
            x: 46.0,
            baseline: 49.9,
            max_width: 34.0,
            size: 3.6,
            align: Align::Left,
            color: WHITE,
        },
    );
    let label_width = match &union_label {
        Mark::Text { runs, size, .. } => fonts.width_em(runs) * size,
        _ => 0.0,
    };
    marks.push(Mark::Rect {
        x: 44.0,
        y: 45.0,
        w: label_width + 4.0,
        h: 6.5,
        color: band,
    });
    marks.push(union_label);

    Badge {
        badge_no: content.badge_no.clone(),
        payload: content.payload.clone(),
        marks,
        warnings,
    }
}
