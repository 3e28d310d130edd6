//! The command line's reference cannot go stale: the committed manual page
//! (`docs/extras-kiosk.1`) and shell completions (`docs/completions/`) are
//! made again by the binary (`manual`, `completions SHELL`) and compared;
//! every command is in them. `UPDATE_REFERENCE=1` writes them afresh.

use std::path::Path;
use std::process::Command;

fn made(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_extras-kiosk"))
        .args(args)
        .env_remove("EXTRAS_KIOSK_DB")
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_committed_manual_and_completions_are_what_the_binary_makes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let help = made(&["--help"]);
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() > 30, "{help}");
    for (file, args) in [
        ("docs/extras-kiosk.1", vec!["manual"]),
        (
            "docs/completions/extras-kiosk.bash",
            vec!["completions", "bash"],
        ),
        ("docs/completions/_extras-kiosk", vec!["completions", "zsh"]),
        (
            "docs/completions/extras-kiosk.fish",
            vec!["completions", "fish"],
        ),
    ] {
        let fresh = made(&args);
        for command in &commands {
            assert!(fresh.contains(command), "{file} lacks {command}");
        }
        let path = root.join(file);
        if std::env::var_os("UPDATE_REFERENCE").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{file} is stale: make it again with `extras-kiosk {}` > {file} (or UPDATE_REFERENCE=1 cargo test reference)",
            args.join(" ")
        );
    }
    let manual = made(&["manual"]);
    assert!(manual.contains(".TH extras-kiosk 1"), "a roff page");
    assert!(
        manual.contains("EXTRAS-KIOSK DISPUTE ACCEPT"),
        "subcommands are in the page"
    );
    let refused = Command::new(env!("CARGO_BIN_EXE_extras-kiosk"))
        .args(["completions", "powershell-9"])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("bash"));
}
