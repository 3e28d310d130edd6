//! Badges of the demo day on a real database: every PNG and every PDF page
//! decodes with an external scanner program (zbarimg) and with rqrr, and the
//! payloads verify; reissued, voided, other-day and other-production badges
//! are refused naming why.

use super::common;

use common::fixture;
use extras_kiosk::badge::{self, FontBook, Paper, Refusal};
use extras_kiosk::skin::{self, ImportOptions};
use extras_kiosk::store::{DayUpdate, Store};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// The payloads zbarimg finds in `images`, one process per image (given
/// several files, zbarimg carries state from one to the next and can miss a
/// code it would find alone).
fn zbarimg(images: &[&Path]) -> Vec<String> {
    zbarimg_with(images, &[])
}

fn zbarimg_with(images: &[&Path], options: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for image in images {
        let out = Command::new("zbarimg")
            .args(["--quiet", "--raw"])
            .args(options)
            .arg(image)
            .output()
            .expect("zbarimg runs: install the Debian package zbar-tools (.ci/run does)");
        assert!(
            out.status.success(),
            "zbarimg found nothing in {}",
            image.display()
        );
        found.extend(
            String::from_utf8(out.stdout)
                .unwrap()
                .lines()
                .map(str::to_string),
        );
    }
    found
}

/// The payloads zbarimg finds on whole pages of eight badges. zbar's search
/// for several codes on one page depends on which scan lines it reads: now
/// and then its default pass misses one code of a page that a pass reading
/// every other line finds (and the reverse), so both passes are made and
/// the codes found put together. Every code is still read by zbarimg off
/// the 150 dpi page, never off a crop. Only QR codes are looked for: a
/// page's printed text once read as a linear barcode ("0134167237165920").
fn zbarimg_pages(pages: &[&Path]) -> BTreeSet<String> {
    const QR_ONLY: [&str; 2] = ["-Sdisable", "-Sqrcode.enable"];
    let mut found: BTreeSet<String> = zbarimg_with(pages, &QR_ONLY).into_iter().collect();
    found.extend(zbarimg_with(
        pages,
        &[QR_ONLY[0], QR_ONLY[1], "-Sx-density=2", "-Sy-density=2"],
    ));
    found
}

fn decode_with_rqrr(png: &[u8]) -> String {
    let image = image::load_from_memory(png).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(image);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on a badge");
    grids[0].decode().unwrap().1
}

fn assert_all_verify(store: &Store, day: &extras_kiosk::model::Day, payloads: &[String]) {
    for payload in payloads {
        let verdict = badge::verify_payload(store, day, payload.as_bytes()).unwrap();
        assert!(verdict.is_ok(), "{payload}: {verdict:?}");
    }
}

#[test]
fn every_demo_badge_png_decodes_with_zbarimg_and_rqrr_and_verifies() {
    let (dir, store, day) = common::demo_with_skin();
    let contents = badge::contents_for_day(&store, &day, &[]).unwrap();
    assert_eq!(contents.len(), 170);
    let fonts = FontBook::new();
    let png_dir = dir.path().join("png");
    std::fs::create_dir(&png_dir).unwrap();
    let mut paths = Vec::new();
    for content in &contents {
        let laid = badge::lay_out(content, &fonts);
        let png = badge::render_png(&laid, &fonts, 300.0);
        assert_eq!(
            decode_with_rqrr(&png),
            content.payload,
            "rqrr reads {}",
            content.badge_no
        );
        let path = png_dir.join(format!("{}.png", content.badge_no));
        std::fs::write(&path, png).unwrap();
        paths.push(path);
    }
    let decoded = zbarimg(&paths.iter().map(|p| p.as_path()).collect::<Vec<_>>());
    let expected: BTreeSet<String> = contents.iter().map(|c| c.payload.clone()).collect();
    assert_eq!(decoded.iter().cloned().collect::<BTreeSet<_>>(), expected);
    assert_eq!(decoded.len(), 170);
    assert_all_verify(&store, &day, &decoded);
}

#[test]
fn every_page_of_the_pdf_sheet_decodes_and_its_text_is_real() {
    let (dir, store, day) = common::demo_with_skin();
    let contents = badge::contents_for_day(&store, &day, &[]).unwrap();
    let fonts = FontBook::new();
    let laid: Vec<_> = contents.iter().map(|c| badge::lay_out(c, &fonts)).collect();
    let mut pages_done = 0;
    let pdf = badge::write_pdf(&laid, &fonts, Paper::Letter, |n| pages_done = n).unwrap();
    assert_eq!(pages_done, 22, "170 badges, 8 a page");
    let pdf_path = dir.path().join("sheet.pdf");
    std::fs::write(&pdf_path, pdf).unwrap();

    let prefix = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-r", "150", "-png"])
        .arg(&pdf_path)
        .arg(&prefix)
        .status()
        .expect("pdftoppm runs: install the Debian package poppler-utils (.ci/run does)");
    assert!(status.success());
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pages.sort();
    assert_eq!(pages.len(), 22);
    let decoded = zbarimg_pages(&pages.iter().map(|p| p.as_path()).collect::<Vec<_>>());
    let expected: BTreeSet<String> = contents.iter().map(|c| c.payload.clone()).collect();
    assert_eq!(decoded, expected);
    assert_all_verify(&store, &day, &decoded.into_iter().collect::<Vec<_>>());

    let text = Command::new("pdftotext")
        .arg(&pdf_path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for words in [
        "Jean-Luc",
        "Tremblay",
        "O'Brien",
        "Zoë",
        "B-0170",
        "NON-UNION",
        "Harbor Lights",
    ] {
        assert!(text.contains(words), "the PDF's text has {words}");
    }
}

#[test]
fn cr80_and_a4_sheets_have_their_page_sizes() {
    let (dir, store, day) = common::demo_with_skin();
    let only = vec![
        "B-0001".to_string(),
        "B-0002".to_string(),
        "B-0003".to_string(),
    ];
    let contents = badge::contents_for_day(&store, &day, &only).unwrap();
    let fonts = FontBook::new();
    let laid: Vec<_> = contents.iter().map(|c| badge::lay_out(c, &fonts)).collect();
    for (paper, size, pages) in [
        (Paper::Cr80, "242.646 x 153.071 pts", "3"),
        (Paper::A4, "595.276 x 841.89 pts (A4)", "1"),
        (Paper::Letter, "612 x 792 pts (letter)", "1"),
    ] {
        let path = dir.path().join(format!("{paper:?}.pdf"));
        std::fs::write(
            &path,
            badge::write_pdf(&laid, &fonts, paper, |_| {}).unwrap(),
        )
        .unwrap();
        let info = Command::new("pdfinfo").arg(&path).output().unwrap();
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(info.contains(size), "{paper:?}: {info}");
        assert!(
            info.lines()
                .any(|l| l.starts_with("Pages:") && l.ends_with(pages)),
            "{paper:?}: {info}"
        );
    }
    let err = badge::contents_for_day(&store, &day, &["B-9999".to_string()]).unwrap_err();
    assert!(err.to_string().contains("no badge B-9999"), "{err}");
}

#[test]
fn a_name_no_font_has_prints_the_badge_number_with_a_warning() {
    let (_dir, store, day) = common::demo_with_skin();
    let contents = badge::contents_for_day(&store, &day, &["B-0004".to_string()]).unwrap();
    assert_eq!(contents[0].last_name, "王");
    let no_fallback = FontBook::with_finder(Box::new(|_| None));
    let laid = badge::lay_out(&contents[0], &no_fallback);
    let warning = laid.warnings.first().expect("a warning names the badge");
    assert!(
        warning.starts_with("B-0004: no font on this machine has 王 芳"),
        "{warning}"
    );
    // It still prints, and still scans.
    let png = badge::render_png(&laid, &no_fallback, 300.0);
    assert_eq!(decode_with_rqrr(&png), contents[0].payload);

    // With the system's fonts (fontconfig finds a CJK font; CI installs
    // fonts-wqy-microhei) the name is drawn.
    let system = FontBook::new();
    let laid = badge::lay_out(&contents[0], &system);
    assert_eq!(
        laid.warnings,
        Vec::<String>::new(),
        "install a CJK font, e.g. fonts-wqy-microhei"
    );
    let pdf = badge::write_pdf(&[laid], &system, Paper::Cr80, |_| {}).unwrap();
    assert!(pdf.len() > 1000);
}

#[test]
fn reissued_voided_and_foreign_badges_are_refused_naming_why() {
    let (dir, mut store, day) = common::demo_with_skin();
    let first = badge::contents_for_day(&store, &day, &["B-0042".to_string()]).unwrap()[0]
        .payload
        .clone();
    assert!(
        badge::verify_payload(&store, &day, first.as_bytes())
            .unwrap()
            .is_ok()
    );

    let at = chrono::Utc::now();
    let booking = store.reissue_badge(&day, "B-0042", "lost", at).unwrap();
    assert_eq!(booking.badge_issue, 2);
    assert_eq!(
        badge::verify_payload(&store, &day, first.as_bytes())
            .unwrap()
            .unwrap_err(),
        Refusal::Voided {
            badge: "B-0042".into()
        }
    );
    let second = badge::contents_for_day(&store, &day, &["B-0042".to_string()]).unwrap()[0]
        .payload
        .clone();
    assert!(second.contains(":B-0042:2:"));
    assert!(
        badge::verify_payload(&store, &day, second.as_bytes())
            .unwrap()
            .is_ok()
    );

    store
        .void_badge(&day, "B-0042", "left the set", at)
        .unwrap();
    let refusal = badge::verify_payload(&store, &day, second.as_bytes())
        .unwrap()
        .unwrap_err();
    assert_eq!(refusal.code(), "voided");
    assert_eq!(
        refusal.message(),
        "This badge was replaced: please see the PA"
    );
    assert!(
        store
            .reissue_badge(&day, "B-0042", "  ", at)
            .unwrap_err()
            .to_string()
            .contains("reason")
    );

    let kinds: Vec<String> = store
        .events(Some(booking.id))
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, vec!["badge_reissued", "badge_voided"]);
    assert!(store.verify_chain().unwrap().is_intact());

    // A badge of another day of this production names that day.
    let (tuesday, _) = store
        .open_day(
            &DayUpdate {
                date: chrono::NaiveDate::from_ymd_opt(2026, 11, 24),
                title: Some("Harbor Lights Ep 103".into()),
                default_call: chrono::NaiveTime::from_hms_opt(7, 0, 0),
                ..Default::default()
            },
            chrono_tz::America::Los_Angeles,
        )
        .unwrap();
    skin::import(
        &mut store,
        &tuesday,
        &fixture("skins/spellings.csv"),
        ImportOptions::default(),
    )
    .unwrap();
    let old = badge::contents_for_day(&store, &tuesday, &[]).unwrap()[0]
        .payload
        .clone();
    let refusal = badge::verify_payload(&store, &day, old.as_bytes())
        .unwrap()
        .unwrap_err();
    assert_eq!(refusal.code(), "other_day");
    assert_eq!(
        refusal.message(),
        "This badge is for Tuesday 24 November: please see the PA"
    );

    // A badge of another production (another database, another secret).
    let (_other_dir, other, other_day) = common::demo_with_skin();
    let foreign = badge::contents_for_day(&other, &other_day, &["B-0001".to_string()]).unwrap()[0]
        .payload
        .clone();
    let refusal = badge::verify_payload(&store, &day, foreign.as_bytes())
        .unwrap()
        .unwrap_err();
    if other.production().unwrap().unwrap().code == store.production().unwrap().unwrap().code {
        // Two random 4-character ids can collide (1 in a million): then the
        // signature still tells them apart.
        assert_eq!(refusal.code(), "bad_signature");
    } else {
        assert_eq!(refusal.code(), "other_production");
    }
    drop(dir);
}
