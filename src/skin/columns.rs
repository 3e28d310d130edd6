//! Which column of a skin holds what: headers matched by name in any order,
//! ignoring case, spaces, hyphens and underscores, with common aliases.

/// A column the import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    FirstName,
    LastName,
    Name,
    Category,
    Union,
    Rate,
    CallTime,
    Wardrobe,
    Phone,
    Email,
    Agency,
    Notes,
    Voucher,
    Paperwork,
}

impl Field {
    const ALL: [Field; 14] = [
        Field::FirstName,
        Field::LastName,
        Field::Name,
        Field::Category,
        Field::Union,
        Field::Rate,
        Field::CallTime,
        Field::Wardrobe,
        Field::Phone,
        Field::Email,
        Field::Agency,
        Field::Notes,
        Field::Voucher,
        Field::Paperwork,
    ];

    /// The column's name in problems and in the documentation.
    pub fn name(self) -> &'static str {
        match self {
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Name => "name",
            Field::Category => "category",
            Field::Union => "union",
            Field::Rate => "rate",
            Field::CallTime => "call_time",
            Field::Wardrobe => "wardrobe",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Agency => "agency",
            Field::Notes => "notes",
            Field::Voucher => "voucher",
            Field::Paperwork => "paperwork",
        }
    }

    /// Header spellings, already normalised by [`normalise`].
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::FirstName => &["firstname", "first", "givenname", "fname", "forename"],
            Field::LastName => &["lastname", "last", "surname", "familyname", "lname"],
            Field::Name => &["name", "fullname", "extra", "talent", "performer"],
            Field::Category => &["category", "cat", "type", "bgtype", "role"],
            Field::Union => &["union", "unionstatus", "sag", "sagaftra", "unionnonunion"],
            Field::Rate => &["rate", "dayrate", "pay", "payrate", "dailyrate"],
            Field::CallTime => &["calltime", "call", "calltimes", "reporttime"],
            Field::Wardrobe => &["wardrobe", "wardrobenotes", "wardrobenote", "costume"],
            Field::Phone => &[
                "phone",
                "phonenumber",
                "mobile",
                "cell",
                "cellphone",
                "tel",
                "telephone",
            ],
            Field::Email => &["email", "emailaddress", "mail"],
            Field::Agency => &["agency", "castingagency", "agent"],
            Field::Notes => &["notes", "note", "comments", "comment", "remarks"],
            Field::Voucher => &["voucher", "vouchertype", "voucherkind", "papervoucher"],
            Field::Paperwork => &["paperwork", "startpaperwork", "i9", "docs"],
        }
    }

    fn from_header(header: &str) -> Option<Field> {
        let key = normalise(header);
        Field::ALL
            .into_iter()
            .find(|f| f.aliases().contains(&key.as_str()))
    }
}

/// `First Name`, `first-name` and `FIRST_NAME` all become `firstname`.
fn normalise(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '.' | '\t'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where each understood field sits in a row.
#[derive(Debug, Clone, Default)]
pub struct ColumnMap {
    index: [Option<usize>; 14],
    /// Headers the import does not use, as written.
    pub unused: Vec<String>,
}

/// A header problem: the column name and what is wrong.
pub type HeaderProblem = (String, String);

impl ColumnMap {
    /// Maps the header row. Problems: a field named twice, or a required
    /// field missing.
    pub fn from_headers(headers: &[String]) -> Result<ColumnMap, Vec<HeaderProblem>> {
        let mut map = ColumnMap::default();
        let mut problems = Vec::new();
        for (i, header) in headers.iter().enumerate() {
            if header.trim().is_empty() {
                continue;
            }
            match Field::from_header(header) {
                Some(field) => {
                    let slot = &mut map.index[field as usize];
                    if slot.is_some() {
                        problems.push((
                            field.name().to_string(),
                            format!("two columns mean {}: keep one ({header})", field.name()),
                        ));
                    } else {
                        *slot = Some(i);
                    }
                }
                None => map.unused.push(header.trim().to_string()),
            }
        }
        let has = |f: Field| map.index[f as usize].is_some();
        let has_name = has(Field::Name) || has(Field::FirstName) && has(Field::LastName);
        if !has_name {
            let missing = match (has(Field::FirstName), has(Field::LastName)) {
                (true, false) => "last_name",
                (false, true) => "first_name",
                _ => "first_name",
            };
            problems.push((
                missing.to_string(),
                "column missing: the skin needs first_name and last_name, or one name column"
                    .to_string(),
            ));
        }
        for required in [Field::Category, Field::Union] {
            if !has(required) {
                problems.push((required.name().to_string(), "column missing".to_string()));
            }
        }
        if problems.is_empty() {
            Ok(map)
        } else {
            Err(problems)
        }
    }

    /// The trimmed cell of `field` in `row`, empty when absent.
    pub fn get<'r>(&self, row: &'r [String], field: Field) -> &'r str {
        self.index[field as usize]
            .and_then(|i| row.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    }

    pub fn has(&self, field: Field) -> bool {
        self.index[field as usize].is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_match_in_any_spelling_and_order() {
        let map = ColumnMap::from_headers(&headers(&[
            "\u{feff}Union",
            "First Name",
            "LAST-NAME",
            "Call_Time",
            "category",
            "Shoe size",
        ]))
        .unwrap();
        let row = headers(&["SAG", "Zoë", "O'Brien", "6:30a", "BG", "9"]);
        assert_eq!(map.get(&row, Field::FirstName), "Zoë");
        assert_eq!(map.get(&row, Field::LastName), "O'Brien");
        assert_eq!(map.get(&row, Field::CallTime), "6:30a");
        assert_eq!(map.get(&row, Field::Union), "SAG");
        assert_eq!(map.get(&row, Field::Rate), "");
        assert_eq!(map.unused, vec!["Shoe size".to_string()]);
    }

    #[test]
    fn missing_and_doubled_columns_are_named() {
        let problems = ColumnMap::from_headers(&headers(&["first name", "union"])).unwrap_err();
        let columns: Vec<&str> = problems.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(columns, vec!["last_name", "category"]);
        let problems =
            ColumnMap::from_headers(&headers(&["name", "category", "type", "union"])).unwrap_err();
        assert_eq!(problems[0].0, "category");
    }
}
