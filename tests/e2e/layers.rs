//! The layers point one way, checked by the imports: `src/ui/` reaches the
//! store only through the kiosk core (only `launch.rs` may name it, to hand
//! the opened store over), `src/web/` never names it (nor Slint), `src/report/` never imports the kiosk core, no
//! two `src/ui/` modules import each other in a circle, and no file of
//! `src/ui/` is over 400 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn sources(dir: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<(String, String)> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn screens_reach_the_store_only_through_the_kiosk_core() {
    let files = sources("src/ui");
    assert!(files.len() > 10);
    for (name, text) in &files {
        if name == "launch" {
            continue;
        }
        assert!(
            !text.contains("crate::store") && !text.contains("store::"),
            "src/ui/{name}.rs names the store"
        );
    }
}

#[test]
fn the_web_app_reaches_the_store_only_through_the_kiosk_core() {
    let files = sources("src/web");
    assert!(files.len() >= 8);
    for (name, text) in &files {
        assert!(
            !text.contains("crate::store")
                && !text.contains("store::")
                && !text.contains("rusqlite"),
            "src/web/{name}.rs names the store"
        );
        assert!(!text.contains("slint"), "src/web/{name}.rs uses Slint");
        assert!(
            !text.contains("crate::ui"),
            "src/web/{name}.rs reaches into the kiosk's screens"
        );
    }
}

#[test]
fn reports_do_not_import_the_kiosk_core() {
    for (name, text) in sources("src/report") {
        assert!(
            !text.contains("crate::kiosk"),
            "src/report/{name}.rs imports the kiosk core"
        );
    }
}

#[test]
fn no_ui_module_is_over_400_lines() {
    for (name, text) in sources("src/ui") {
        let lines = text.lines().count();
        assert!(lines <= 400, "src/ui/{name}.rs has {lines} lines");
    }
}

/// The `src/ui/` modules each module names with `super::module`.
fn ui_imports() -> BTreeMap<String, BTreeSet<String>> {
    let files = sources("src/ui");
    let names: BTreeSet<String> = files.iter().map(|(n, _)| n.clone()).collect();
    files
        .iter()
        .map(|(name, text)| {
            let uses = names
                .iter()
                .filter(|other| *other != name && text.contains(&format!("super::{other}")))
                .cloned()
                .collect();
            (name.clone(), uses)
        })
        .collect()
}

#[test]
fn no_import_circle_in_the_screens() {
    let imports = ui_imports();
    // Depth-first search for a back edge.
    fn visit(
        node: &str,
        imports: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(node) {
            return;
        }
        if let Some(at) = path.iter().position(|n| n == node) {
            panic!("import circle: {} -> {node}", path[at..].join(" -> "));
        }
        path.push(node.to_string());
        for next in &imports[node] {
            visit(next, imports, path, done);
        }
        path.pop();
        done.insert(node.to_string());
    }
    let mut done = BTreeSet::new();
    for node in imports.keys() {
        visit(node, &imports, &mut Vec::new(), &mut done);
    }
    // The controllers hold no Slint types.
    for controller in [
        "face",
        "face_search",
        "signature_pad",
        "console_controller",
        "console_setup",
        "console_forms",
        "printing",
    ] {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("src/ui/{controller}.rs")),
        )
        .unwrap();
        assert!(!text.contains("slint::"), "{controller}.rs uses Slint");
        for adapter in imports.keys().filter(|n| n.ends_with("_adapter")) {
            assert!(
                !imports[controller].contains(adapter),
                "{controller}.rs calls into {adapter}.rs"
            );
        }
    }
}
