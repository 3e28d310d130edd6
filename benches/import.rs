//! Importing a 5,000-row skin into an on-disk database, durable commit
//! included. Compare with `sqlite3 DB ".import --csv"` (see README).

mod common;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use extras_kiosk::skin::{self, ImportOptions};

fn import_5000(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let skin_path = dir.path().join("skin-5000.csv");
    common::write_skin(&skin_path, 5000);
    let mut run = 0;
    c.bench_function("import 5,000-row skin into an on-disk database", |b| {
        b.iter_batched(
            || {
                run += 1;
                common::open_day(
                    &dir.path().join(format!("bench-{run}.db")),
                    chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
                )
            },
            |(mut store, day)| {
                let report =
                    skin::import(&mut store, &day, &skin_path, ImportOptions::default()).unwrap();
                assert_eq!(report.added, 5000);
                store
            },
            BatchSize::PerIteration,
        )
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = import_5000
}
criterion_main!(benches);
