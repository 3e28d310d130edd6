//! Pay: the rules files (TOML, `fixtures/rules/`) that hold every rate,
//! threshold and bump amount with its source. Voucher computation follows.

pub mod rules;

pub use rules::{BumpKind, Rules, RulesError};
