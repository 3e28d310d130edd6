//! Every error a PA can meet names what to do next. Two walks: each
//! variant of the errors with a fixed text (`KioskError`, `StoreError`,
//! the console's, the export's, the skin's, the rules', the printer's, the
//! schema's) is made once and its text read, a `match` with no wildcard
//! making a new variant fail to build until it is listed; and the texts
//! the variants that carry a message are built with, read where they are
//! written in `src/`. Both judge by one rule ([`names_a_next_step`]);
//! what is let through without one is listed beside, with its reason.

use extras_kiosk::kiosk::KioskError;
use extras_kiosk::pay::{PayError, RulesError};
use extras_kiosk::report::ExportError;
use extras_kiosk::skin::SkinError;
use extras_kiosk::store::{MigrationError, StoreError};
use extras_kiosk::ui::console_forms::ConsoleError;
use extras_kiosk::ui::printing::PrintError;
use std::path::{Path, PathBuf};

/// Verbs a next step begins with (a reviewed list: adding one is a
/// decision, not a way round the test).
const STEP_VERBS: &[&str] = &[
    "accept", "add", "ask", "check", "choose", "clear", "copy", "create", "end", "fix", "file",
    "give", "import", "install", "join", "keep", "leave", "make", "mount", "move", "open", "pick",
    "print", "record", "reject", "release", "reload", "remove", "return", "run", "say", "scan",
    "see", "set", "sign", "start", "sync", "try", "type", "undo", "update", "use", "verify",
    "wait", "write", "drop", "review", "export", "bring", "retire", "compare", "tell", "settle",
    "close", "correct",
];

/// A verb followed by one of these is a statement, not a step ("join
/// makes a new kiosk").
const NOT_AFTER: &[&str] = &["is", "was", "are", "has", "makes", "takes", "goes"];

/// Whether `text` names a next step: a backticked `extras-kiosk` command,
/// or a clause (the text's start, or after ": ", "; ", ". ", ", " or a
/// line break; "or", "then", "and" skipped) that begins with a verb of
/// [`STEP_VERBS`] and a space. A hyphenated word is read whole ("check-in"
/// is no step), and a parenthesis opens no clause.
fn names_a_next_step(text: &str) -> bool {
    if text.contains("`extras-kiosk ") {
        return true;
    }
    let lower = text.to_lowercase();
    let mut starts = vec![0];
    for sep in [": ", "; ", ". ", ", ", "\n"] {
        starts.extend(lower.match_indices(sep).map(|(i, _)| i + sep.len()));
    }
    starts.into_iter().any(|at| {
        let mut rest = lower[at..].trim_start();
        for joiner in ["or ", "then ", "and "] {
            if let Some(r) = rest.strip_prefix(joiner) {
                rest = r;
                break;
            }
        }
        let word: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '-')
            .collect();
        let after = &rest[word.len()..];
        let next: String = after
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_lowercase())
            .collect();
        STEP_VERBS.contains(&word.as_str())
            && after.starts_with(' ')
            && !NOT_AFTER.contains(&next.as_str())
    })
}

#[test]
fn the_rule_tells_a_step_from_a_statement() {
    for good in [
        "end it first",
        "Leave the kiosk id out",
        "see `extras-kiosk dispute list`",
        "no shoot day is open: open today's day first",
        "a reason is required: write why",
    ] {
        assert!(names_a_next_step(good), "{good}");
    }
    for bad in [
        "unable to open database file",
        "cannot end at 12:00, before it started",
        "join makes a new kiosk database",
        "the kiosk continues (rejoin)",
        "check-in closed",
        "it logs in with the address `hub init` was given",
        "nothing was recorded",
        "that request was already dealt with",
    ] {
        assert!(!names_a_next_step(bad), "{bad}");
    }
}

fn s(text: &str) -> String {
    text.to_string()
}

fn path(p: &str) -> PathBuf {
    PathBuf::from(p)
}

fn io() -> std::io::Error {
    std::io::ErrorKind::StorageFull.into()
}

fn sql() -> rusqlite::Error {
    rusqlite::Error::QueryReturnedNoRows
}

/// How a variant is judged.
enum Judged {
    /// Its text, as made here, names a next step.
    Step,
    /// It passes another error's text on, judged in that error's walk.
    Delegates,
    /// Its text is built where it is raised: judged by the source scan.
    Sites,
}

/// Asserts `samples` cover `variants` variants (by `index`), and that each
/// judged by its text names a next step.
fn walk<E: std::fmt::Display>(
    name: &str,
    variants: usize,
    samples: Vec<E>,
    index: impl Fn(&E) -> (usize, Judged),
) {
    let mut seen = vec![false; variants];
    let mut silent = Vec::new();
    for e in &samples {
        let (i, judged) = index(e);
        seen[i] = true;
        if matches!(judged, Judged::Step) && !names_a_next_step(&e.to_string()) {
            silent.push(e.to_string());
        }
    }
    let missing: Vec<usize> = (0..variants).filter(|i| !seen[*i]).collect();
    assert!(
        missing.is_empty(),
        "{name}: no sample of the variants {missing:?}"
    );
    assert!(
        silent.is_empty(),
        "{name}: these name no next step:\n  {}",
        silent.join("\n  ")
    );
}

#[test]
fn every_kiosk_error_names_a_next_step() {
    use Judged::*;
    use KioskError as K;
    let samples = vec![
        K::Store(StoreError::NoCurrentDay),
        K::NotCheckedIn {
            badge: s("B-0007"),
            name: s("Ana Díaz"),
        },
        K::AlreadyReleased {
            badge: s("B-0007"),
            name: s("Ana Díaz"),
            at: s("17:42"),
        },
        K::NoSuchArea(s("Tent")),
        K::Meal(s("x")),
        K::Correction(s("x")),
        K::ReasonNeeded,
        K::Pin(s("x")),
        K::Bump(s("x")),
        K::Rules(s("x")),
        K::Signature(s("x")),
        K::Item(s("x")),
        K::Booking(s("x")),
        K::RequestSettled,
        K::Request(s("x")),
        K::Dispute(s("x")),
        K::Approval(s("x")),
        K::Area(s("x")),
        K::Settings(s("x")),
        K::Backup(s("x")),
        K::Account(s("x")),
        K::Scan(s("x")),
        K::Demo(s("x")),
    ];
    walk("KioskError", 23, samples, |e| match e {
        K::Store(_) => (0, Delegates),
        K::NotCheckedIn { .. } => (1, Step),
        K::AlreadyReleased { .. } => (2, Step),
        K::NoSuchArea(_) => (3, Step),
        K::Meal(_) => (4, Sites),
        K::Correction(_) => (5, Sites),
        K::ReasonNeeded => (6, Step),
        K::Pin(_) => (7, Sites),
        K::Bump(_) => (8, Sites),
        K::Rules(_) => (9, Sites),
        K::Signature(_) => (10, Sites),
        K::Item(_) => (11, Sites),
        K::Booking(_) => (12, Sites),
        K::RequestSettled => (13, Step),
        K::Request(_) => (14, Sites),
        K::Dispute(_) => (15, Sites),
        K::Approval(_) => (16, Sites),
        K::Area(_) => (17, Sites),
        K::Settings(_) => (18, Sites),
        K::Backup(_) => (19, Sites),
        K::Account(_) => (20, Sites),
        K::Scan(_) => (21, Sites),
        K::Demo(_) => (22, Step),
    });
}

#[test]
fn every_store_error_names_a_next_step() {
    use Judged::*;
    use StoreError as S;
    let samples = vec![
        S::Folder {
            path: path("/media/stick/kiosk"),
            source: io(),
        },
        S::Open {
            path: path("/media/stick/kiosk.db"),
            source: sql(),
        },
        S::Migration {
            path: path("/media/stick/kiosk.db"),
            source: MigrationError::Newer { found: 99 },
        },
        S::OtherKiosk {
            path: path("/k.db"),
            stored: s("a"),
            given: s("b"),
        },
        S::KioskId(s("x")),
        S::Private {
            path: path("/k.db"),
            source: io(),
        },
        S::NoCurrentDay,
        S::NoSuchDay(s("2026-11-28")),
        S::AreaExists(s("Tent")),
        S::NoSuchBadge {
            badge: s("B-0099"),
            date: s("2026-11-28"),
        },
        S::ReasonNeeded,
        S::TitleNeeded,
        S::Rules(RulesError::Invalid {
            path: s("r.toml"),
            line: 3,
            message: s("x"),
        }),
        S::Join(s("x")),
        S::NotLead {
            this: s("b"),
            lead: s("Base camp (a)"),
        },
        S::CarryFile(path("/media/stick/carry.db")),
        S::Sync(s("x")),
        S::Fork {
            kiosk: s("b"),
            from_seq: 40,
            other: s("/media/stick/o.db"),
        },
        S::HubUnreachable {
            url: s("postgres://k@hub/p"),
            reason: s("timeout"),
        },
        S::Hub {
            url: s("postgres://k@hub/p"),
            message: s("x"),
        },
        S::NoSuchConflict(s("3f2a")),
        S::Sqlite(sql()),
    ];
    walk("StoreError", 22, samples, |e| match e {
        S::Folder { .. } => (0, Step),
        S::Open { .. } => (1, Step),
        S::Migration { .. } => (2, Delegates),
        S::OtherKiosk { .. } => (3, Step),
        S::KioskId(_) => (4, Sites),
        S::Private { .. } => (5, Step),
        S::NoCurrentDay => (6, Step),
        S::NoSuchDay(_) => (7, Step),
        S::AreaExists(_) => (8, Step),
        S::NoSuchBadge { .. } => (9, Step),
        S::ReasonNeeded => (10, Step),
        S::TitleNeeded => (11, Step),
        S::Rules(_) => (12, Step),
        S::Join(_) => (13, Sites),
        S::NotLead { .. } => (14, Step),
        S::CarryFile(_) => (15, Step),
        S::Sync(_) => (16, Sites),
        S::Fork { .. } => (17, Step),
        S::HubUnreachable { .. } => (18, Step),
        S::Hub { .. } => (19, Sites),
        S::NoSuchConflict(_) => (20, Step),
        S::Sqlite(_) => (21, Step),
    });
    // The kiosk id's own check, as a PA meets it.
    let id = extras_kiosk::store::check_kiosk_id("b c").unwrap_err();
    assert!(names_a_next_step(&id), "{id}");
}

#[test]
fn the_errors_around_the_core_name_a_next_step() {
    use Judged::*;
    let migration = vec![
        MigrationError::Newer { found: 99 },
        MigrationError::Step {
            version: 12,
            source: sql(),
        },
        MigrationError::Sqlite(sql()),
    ];
    use extras_kiosk::model::TimeError;
    let times = vec![
        TimeError::Unreadable(s("6h30")),
        TimeError::UnreadableAt(s("noonish")),
        TimeError::Nonexistent {
            local: s("02:30"),
            tz: s("America/Los_Angeles"),
        },
    ];
    walk("TimeError", 3, times, |e| match e {
        TimeError::Unreadable(_) => (0, Step),
        TimeError::UnreadableAt(_) => (1, Step),
        TimeError::Nonexistent { .. } => (2, Step),
    });
    walk("MigrationError", 3, migration, |e| match e {
        MigrationError::Newer { .. } => (0, Step),
        MigrationError::Step { .. } => (1, Step),
        MigrationError::Sqlite(_) => (2, Step),
    });
    let rules = vec![
        RulesError::Io {
            path: s("r.toml"),
            source: io(),
        },
        RulesError::Invalid {
            path: s("r.toml"),
            line: 3,
            message: s("x"),
        },
    ];
    walk("RulesError", 2, rules, |e| match e {
        RulesError::Io { .. } => (0, Step),
        RulesError::Invalid { .. } => (1, Step),
    });
    let export = vec![
        ExportError::Store(StoreError::NoCurrentDay),
        ExportError::OpenMeal {
            badge: s("B-0007"),
            name: s("Ana"),
            what: s("meal"),
        },
        ExportError::UnknownBump {
            badge: s("B-0007"),
            kind: s("moon"),
        },
        ExportError::Pay {
            badge: s("B-0007"),
            name: s("Ana"),
            source: PayError::BumpWithoutAmount { kind: "wet" },
        },
        ExportError::StillHere(vec![s("B-0007 Ana")]),
        ExportError::Unsynced(vec![s("Tent 1 (tent1): never synced with the hub")]),
        ExportError::Unapproved { count: 2 },
        ExportError::Write {
            path: path("/media/stick/v.csv"),
            source: io(),
        },
        ExportError::NoFolder(path("/media/stick")),
        ExportError::Xlsx(s("x")),
        ExportError::Pdf(s("x")),
        ExportError::NotExported(s("2026-11-28")),
    ];
    walk("ExportError", 12, export, |e| match e {
        ExportError::Store(_) => (0, Delegates),
        ExportError::OpenMeal { .. } => (1, Step),
        ExportError::UnknownBump { .. } => (2, Step),
        ExportError::Pay { .. } => (3, Step),
        ExportError::StillHere(_) => (4, Step),
        ExportError::Unsynced(_) => (5, Step),
        ExportError::Unapproved { .. } => (6, Step),
        ExportError::Write { .. } => (7, Step),
        ExportError::NoFolder(_) => (8, Step),
        ExportError::Xlsx(_) => (9, Step),
        ExportError::Pdf(_) => (10, Step),
        ExportError::NotExported(_) => (11, Step),
    });
    let skin = vec![
        SkinError::Io {
            path: s("skin.csv"),
            source: io(),
        },
        SkinError::Invalid(Vec::new()),
        SkinError::WouldRemoveMost {
            removed: 150,
            active: 170,
        },
        SkinError::Store(StoreError::NoCurrentDay),
    ];
    walk("SkinError", 4, skin, |e| match e {
        SkinError::Io { .. } => (0, Step),
        SkinError::Invalid(_) => (1, Step),
        SkinError::WouldRemoveMost { .. } => (2, Step),
        SkinError::Store(_) => (3, Delegates),
    });
    let print = vec![
        PrintError::Kiosk(KioskError::ReasonNeeded),
        PrintError::Printer(s("x")),
        PrintError::Write {
            path: path("/k/badges/B-0007.png"),
            source: io(),
        },
    ];
    walk("PrintError", 3, print, |e| match e {
        PrintError::Kiosk(_) => (0, Delegates),
        PrintError::Printer(_) => (1, Step),
        PrintError::Write { .. } => (2, Step),
    });
    let console = vec![
        ConsoleError::Kiosk(KioskError::ReasonNeeded),
        ConsoleError::Export(ExportError::NoFolder(path("/media/stick"))),
        ConsoleError::Print(PrintError::Printer(s("x"))),
        ConsoleError::NoOnePicked,
        ConsoleError::NoAreaPicked,
        ConsoleError::Input(s("x")),
        ConsoleError::ExportRunning,
    ];
    walk("ConsoleError", 7, console, |e| match e {
        ConsoleError::Kiosk(_) => (0, Delegates),
        ConsoleError::Export(_) => (1, Delegates),
        ConsoleError::Print(_) => (2, Delegates),
        ConsoleError::NoOnePicked => (3, Step),
        ConsoleError::NoAreaPicked => (4, Step),
        ConsoleError::Input(_) => (5, Sites),
        ConsoleError::ExportRunning => (6, Step),
    });
}

/// Where a variant that carries its message is made, and the variant with
/// an empty message: its text then is the words it adds after it.
type Carrier = (&'static str, fn() -> String);

const CARRIERS: &[Carrier] = &[
    ("KioskError::Meal(", || KioskError::Meal(s("")).to_string()),
    ("KioskError::Correction(", || {
        KioskError::Correction(s("")).to_string()
    }),
    ("KioskError::Pin(", || KioskError::Pin(s("")).to_string()),
    ("KioskError::Bump(", || KioskError::Bump(s("")).to_string()),
    ("KioskError::Rules(", || {
        KioskError::Rules(s("")).to_string()
    }),
    ("KioskError::Signature(", || {
        KioskError::Signature(s("")).to_string()
    }),
    ("KioskError::Item(", || KioskError::Item(s("")).to_string()),
    ("KioskError::Booking(", || {
        KioskError::Booking(s("")).to_string()
    }),
    ("KioskError::Request(", || {
        KioskError::Request(s("")).to_string()
    }),
    ("KioskError::Dispute(", || {
        KioskError::Dispute(s("")).to_string()
    }),
    ("KioskError::Approval(", || {
        KioskError::Approval(s("")).to_string()
    }),
    ("KioskError::Area(", || KioskError::Area(s("")).to_string()),
    ("KioskError::Settings(", || {
        KioskError::Settings(s("")).to_string()
    }),
    ("KioskError::Backup(", || {
        KioskError::Backup(s("")).to_string()
    }),
    ("KioskError::Account(", || {
        KioskError::Account(s("")).to_string()
    }),
    ("KioskError::Scan(", || KioskError::Scan(s("")).to_string()),
    ("KioskError::Demo(", || KioskError::Demo(s("")).to_string()),
    ("StoreError::KioskId(", || {
        StoreError::KioskId(s("")).to_string()
    }),
    ("StoreError::Join(", || StoreError::Join(s("")).to_string()),
    ("StoreError::Sync(", || StoreError::Sync(s("")).to_string()),
    ("ConsoleError::Input(", || {
        ConsoleError::Input(s("")).to_string()
    }),
    ("ExportError::Pdf(", || ExportError::Pdf(s("")).to_string()),
    ("PrintError::Printer(", || {
        PrintError::Printer(s("")).to_string()
    }),
    ("correction_error(", || {
        KioskError::Correction(s("")).to_string()
    }),
    ("item_error(", || KioskError::Item(s("")).to_string()),
    ("account_error(", || KioskError::Account(s("")).to_string()),
    ("bump_error(", || KioskError::Bump(s("")).to_string()),
    ("fail(", || KioskError::Dispute(s("")).to_string()),
];

/// Sites let through without a next step of their own, each by a part of
/// its text, with the reason.
const ALLOWED: &[(&str, &str)] = &[
    (
        "the time: X",
        "X is the TimeError, whose every text says how to write a time (walked above)",
    ),
    (
        "the time 'X': X",
        "X is the TimeError, whose every text says how to write a time (walked above)",
    ),
];

/// The first string literal in `args` (a `\` line continuation joined),
/// its `{...}` placeholders read as "X".
fn first_literal(args: &str) -> Option<String> {
    let start = args.find('"')?;
    let mut out = String::new();
    let mut chars = args[start + 1..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\n') => {
                    while chars.peek().is_some_and(|c| c.is_whitespace()) {
                        chars.next();
                    }
                }
                Some('"') => out.push('"'),
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => break,
            },
            '"' => break,
            c => out.push(c),
        }
    }
    // Placeholders read as a word.
    let mut text = String::new();
    let mut depth = 0;
    for c in out.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    text.push('X');
                }
            }
            '}' if depth > 0 => depth -= 1,
            c if depth == 0 => text.push(c),
            _ => {}
        }
    }
    Some(text)
}

/// The text between the `(` that ends `at` and its matching `)`.
fn balanced(text: &str, open: usize) -> &str {
    let mut depth = 0;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in text[open..].char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &text[open + 1..open + i];
                }
            }
            _ => {}
        }
    }
    &text[open + 1..]
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The messages made by a function and passed on whole (`map_err(...)`),
/// which the source scan does not see: each as a PA meets it.
#[test]
fn the_messages_passed_on_whole_name_a_next_step() {
    use extras_kiosk::kiosk::disputes::checked_name;
    use extras_kiosk::model::Money;
    use extras_kiosk::store::hub::HubAddress;
    let mut said = vec![
        checked_name("").unwrap_err(),
        checked_name(&"x".repeat(500)).unwrap_err(),
        Money::parse_rate("lots").unwrap_err(),
        Money::parse_rate("").unwrap_err(),
    ];
    for address in [
        "mysql://kiosk@hub/harbor",
        "postgresql://kiosk@hub:port/harbor",
        "postgresql:///harbor",
    ] {
        said.push(HubAddress::parse(address).err().unwrap());
    }
    let silent: Vec<&String> = said.iter().filter(|t| !names_a_next_step(t)).collect();
    assert!(silent.is_empty(), "these name no next step: {silent:#?}");
}

#[test]
fn every_message_a_carrier_is_made_with_names_a_next_step() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut silent = Vec::new();
    let mut judged = 0;
    let mut allowed_used = vec![false; ALLOWED.len()];
    for file in files {
        let whole = std::fs::read_to_string(&file).unwrap();
        // A module's tests make errors to test them; a PA never meets those.
        let text = whole.split("#[cfg(test)]").next().unwrap();
        for (token, made) in CARRIERS {
            let suffix = made();
            for (at, _) in text.match_indices(token) {
                // `fn fail(`, `.fail(`, `map_fail(` are not the helper.
                let before = text[..at].chars().last().unwrap_or(' ');
                if before.is_alphanumeric() || before == '_' || before == '.' {
                    continue;
                }
                if text[..at].trim_end().ends_with("fn") {
                    continue;
                }
                let args = balanced(text, at + token.len() - 1);
                let Some(literal) = first_literal(args) else {
                    // A pattern, or a message made elsewhere and passed on
                    // (whose own words the sites that make it hold).
                    continue;
                };
                // Only placeholders ("X (X): X"): a helper putting the
                // badge before a message made, and judged, where it is
                // called.
                if literal
                    .chars()
                    .all(|c| c == 'X' || c.is_ascii_punctuation() || c == ' ')
                {
                    continue;
                }
                judged += 1;
                let said = format!("{literal}{suffix}");
                if names_a_next_step(&said) {
                    continue;
                }
                if let Some(i) = ALLOWED.iter().position(|(part, _)| said.contains(part)) {
                    allowed_used[i] = true;
                    continue;
                }
                let line = text[..at].lines().count();
                silent.push(format!(
                    "{}:{line}: {said}",
                    file.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    eprintln!("{judged} message sites read");
    assert!(
        judged > 60,
        "only {judged} sites found: is the scan still reading them?"
    );
    assert!(
        silent.is_empty(),
        "these messages name no next step:\n  {}",
        silent.join("\n  ")
    );
    for (i, used) in allowed_used.iter().enumerate() {
        assert!(
            used,
            "the allowed exception '{}' matches no message any more: remove it",
            ALLOWED[i].0
        );
    }
}
