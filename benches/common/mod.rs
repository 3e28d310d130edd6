//! Shared by the benchmarks: a large skin written to a file.
#![allow(dead_code)]

use std::fmt::Write;
use std::path::Path;

/// A skin of `n` bookings with every column filled in.
pub fn write_skin(path: &Path, n: usize) {
    let categories = ["BG", "SA", "Stand In", "photo dbl"];
    let unions = ["SAG", "N"];
    let calls = ["05:30", "6:00 AM", "0630", "7:00a"];
    let mut text = String::from(
        "First Name,Last Name,Category,Union,Rate,Call Time,Wardrobe,Phone,Email,Agency,Notes\n",
    );
    for i in 0..n {
        writeln!(
            text,
            "First{i},Last{i},{},{},{},{},\"Business casual, no logos\",(310) 555-{:04},extra{i}@example.com,Central Casting,",
            categories[i % 4],
            unions[i % 2],
            if i % 3 == 0 { "" } else { "$224" },
            calls[i % 4],
            i % 10_000
        )
        .unwrap();
    }
    std::fs::write(path, text).unwrap();
}
