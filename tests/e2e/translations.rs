//! Every `@tr` string of the screens has a Spanish translation in
//! `lang/es/LC_MESSAGES/extras-kiosk.po`, so no screen is half translated.

use std::collections::HashMap;
use std::path::Path;

fn slint_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            slint_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "slint") {
            found.push(path);
        }
    }
}

/// The strings of `@tr("...")` in a .slint file.
fn tr_strings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("@tr(\"") {
        rest = &rest[i + 5..];
        let mut s = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => s.push(chars.next().unwrap()),
                '"' => break,
                c => s.push(c),
            }
        }
        out.push(s);
    }
    out
}

fn unquote(line: &str) -> String {
    let body = line.trim();
    let body = &body[1..body.len() - 1];
    body.replace("\\\"", "\"").replace("\\\\", "\\")
}

#[test]
fn every_screen_string_has_a_spanish_translation() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let po = std::fs::read_to_string(root.join("lang/es/LC_MESSAGES/extras-kiosk.po")).unwrap();
    let mut catalog = HashMap::new();
    let mut msgid = None;
    for line in po.lines() {
        if let Some(rest) = line.strip_prefix("msgid ") {
            msgid = Some(unquote(rest));
        } else if let Some(rest) = line.strip_prefix("msgstr ") {
            catalog.insert(msgid.take().unwrap(), unquote(rest));
        }
    }
    let mut files = Vec::new();
    slint_files(&root.join("ui"), &mut files);
    let mut missing = Vec::new();
    for file in &files {
        for s in tr_strings(&std::fs::read_to_string(file).unwrap()) {
            match catalog.get(&s) {
                Some(t) if !t.is_empty() && t.matches("{}").count() == s.matches("{}").count() => {}
                _ => missing.push(format!("{}: {s}", file.display())),
            }
        }
    }
    assert!(files.len() >= 4);
    assert!(
        missing.is_empty(),
        "not translated:\n{}",
        missing.join("\n")
    );
}
