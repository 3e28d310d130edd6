//! Reading a day's holding areas from a CSV file (`name,capacity,location,
//! union,categories`), as the demo day ships them.

use crate::model::{Category, HoldingArea, UnionStatus};
use crate::skin::{HEADER_SEARCH_ROWS, Problem, read_table};

/// Reads areas from CSV (UTF-8, UTF-16, Windows-1252; comma or tab) or
/// XLSX, as a skin is read; every problem is named as
/// `file:line: column: what (value)`.
pub fn parse_areas(bytes: &[u8], file: &str) -> Result<Vec<HoldingArea>, Vec<Problem>> {
    let problem = |line: u64, column: &str, what: &str, value: &str| Problem {
        file: file.to_string(),
        line,
        column: Some(column.to_string()),
        what: what.to_string(),
        value: (!value.is_empty()).then(|| value.to_string()),
    };
    let position = |headers: &[String], name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let is_header = |cells: &[String]| {
        position(cells, "name").is_some() && position(cells, "capacity").is_some()
    };
    let table = read_table(bytes, file, &is_header).map_err(|read| {
        read.into_iter()
            .map(|p| Problem {
                file: file.to_string(),
                line: p.line,
                column: None,
                what: p.what.replace("a skin starts", "an areas file starts"),
                value: None,
            })
            .collect::<Vec<_>>()
    })?;
    let col = |name: &str| position(&table.headers, name);
    let (Some(name_col), Some(capacity_col)) = (col("name"), col("capacity")) else {
        return Err(vec![problem(
            table.header_line,
            "name, capacity",
            &format!("column missing (no row from 1 to {HEADER_SEARCH_ROWS} has both)"),
            "",
        )]);
    };
    let mut problems = Vec::new();
    let mut areas = Vec::new();
    for record in &table.rows {
        let line = record.line;
        let get = |c: Option<usize>| c.and_then(|i| record.cells.get(i)).map_or("", |s| s.trim());
        let name = get(Some(name_col));
        if name.is_empty() {
            problems.push(problem(line, "name", "empty", ""));
        }
        let capacity = match get(Some(capacity_col)).parse::<u32>() {
            Ok(c) => c,
            Err(_) => {
                problems.push(problem(
                    line,
                    "capacity",
                    "not a whole number",
                    get(Some(capacity_col)),
                ));
                0
            }
        };
        let union_text = get(col("union"));
        let union_filter = match union_text {
            "" | "any" => None,
            text => match UnionStatus::parse_loose(text) {
                Some(u) => Some(u),
                None => {
                    problems.push(problem(
                        line,
                        "union",
                        "write union, non-union or any",
                        text,
                    ));
                    None
                }
            },
        };
        let mut category_filter = Vec::new();
        for text in get(col("categories"))
            .split([',', ';'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            match Category::parse_loose(text) {
                Some(c) => category_filter.push(c),
                None => problems.push(problem(line, "categories", "not a category", text)),
            }
        }
        let location = get(col("location"));
        areas.push(HoldingArea {
            id: 0,
            day_id: 0,
            name: name.to_string(),
            location: (!location.is_empty()).then(|| location.to_string()),
            capacity,
            union_filter,
            category_filter,
            order: 0,
        });
    }
    if problems.is_empty() {
        Ok(areas)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_read_with_filters() {
        let text = "name,capacity,location,union,categories\n\
                    Holding A,80,Church basement,union,\n\
                    Near set,12,Stage 5 door,,\"stand-in;photo double\"\n";
        let areas = parse_areas(text.as_bytes(), "areas.csv").unwrap();
        assert_eq!(areas[0].union_filter, Some(UnionStatus::Union));
        assert_eq!(
            areas[1].category_filter,
            vec![Category::StandIn, Category::PhotoDouble]
        );
        let latin1 = b"Name\tCapacity\r\nS\xe1nchez tent\t40\r\n";
        let areas = parse_areas(latin1, "areas.csv").unwrap();
        assert_eq!(areas[0].name, "Sánchez tent");
        assert_eq!(areas[0].capacity, 40);
        let bad = parse_areas(b"name,capacity\nA,lots\n", "areas.csv").unwrap_err();
        assert_eq!(
            bad[0].to_string(),
            "areas.csv:2: capacity: not a whole number (lots)"
        );
    }
}
