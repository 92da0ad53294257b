//! The dictionary model and dyad's own text format (documented in docs/actors.md).
//!
//! A dictionary is a list of [`Entry`]s: countries, organisations, sectors, generic
//! nouns, people, and actors imported from PETRARCH. Files are parsed into entries
//! here; [`crate::compile`] turns them into the fast matcher.

mod parse;

pub use parse::{parse_file, FileSource};

use dyad_doc::{ActorCode, Date};
use std::fmt;

/// What kind of thing an entry names; it decides how its aliases combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EntryKind {
    /// A country or territory: its code is the ISO-3 prefix (`TUR`).
    Country,
    /// An organisation with a full code (`IGOUNO`, `USAGOV` for "the State Department").
    Organisation,
    /// A sector (agent): nouns that add a sector code to a country (`MIL` for "troops").
    Sector,
    /// Nouns that stand for a country's side without a sector ("the Turkish side").
    Generic,
    /// A person, whose code depends on the date through their roles.
    Person,
    /// A named actor imported from a PETRARCH dictionary (code and dated codes).
    Actor,
}

impl EntryKind {
    /// The keyword that starts such an entry in a dictionary file.
    pub fn keyword(self) -> &'static str {
        match self {
            EntryKind::Country => "country",
            EntryKind::Organisation => "organisation",
            EntryKind::Sector => "sector",
            EntryKind::Generic => "generic",
            EntryKind::Person => "person",
            EntryKind::Actor => "actor",
        }
    }
}

/// How an alias is used in a phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AliasKind {
    /// A proper name ("Turkey", "Mevlut Cavusoglu", "NATO").
    Name,
    /// A country adjective or demonym ("Turkish", "Turks").
    Adjective,
    /// A capital or seat of power standing for the government ("Ankara", "the Kremlin").
    Seat,
    /// A common noun of a sector or generic entry ("troops", "foreign minister").
    Noun,
}

/// One way of writing an entry, as written in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The text as written ("Türkiye").
    pub text: String,
    /// How the alias is used.
    pub kind: AliasKind,
    /// The line it was written on.
    pub line: usize,
}

/// A date range, start inclusive, end exclusive; a missing bound is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct DateRange {
    /// First day the range holds, if bounded.
    pub start: Option<Date>,
    /// First day the range no longer holds, if bounded.
    pub end: Option<Date>,
}

impl DateRange {
    /// True when `date` lies in the range: `start <= date < end`.
    pub fn contains(&self, date: Date) -> bool {
        self.start.is_none_or(|s| s <= date) && self.end.is_none_or(|e| date < e)
    }

    /// True when some date lies in both ranges.
    pub fn overlaps(&self, other: &DateRange) -> bool {
        let starts_before_other_ends = match (self.start, other.end) {
            (Some(s), Some(e)) => s < e,
            _ => true,
        };
        let other_starts_before_end = match (other.start, self.end) {
            (Some(s), Some(e)) => s < e,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_end
    }
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.start {
            Some(d) => write!(f, "{d}")?,
            None => f.write_str("…")?,
        }
        f.write_str("..")?;
        match self.end {
            Some(d) => write!(f, "{d}"),
            None => f.write_str("open"),
        }
    }
}

/// A code that holds for a date range: an office-holder's tenure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// The code while the role is held (`TURGOV`).
    pub code: ActorCode,
    /// When it is held.
    pub range: DateRange,
    /// The office, for explanations ("Minister of Foreign Affairs").
    pub title: String,
    /// The line it was written on.
    pub line: usize,
}

/// A sentence written for an entry, with the code it must give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// The date to code it on; the story date of the test when absent.
    pub date: Option<Date>,
    /// The code some mention in the sentence must resolve to.
    pub code: ActorCode,
    /// The line it was written on.
    pub line: usize,
}

/// Where a sector code goes when composed with a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Placement {
    /// After the country: `TUR` + `GOV` → `TURGOV` (PETRARCH's `~GOV`).
    #[default]
    Suffix,
    /// Before it: `IGO` + `TUR` → `IGOTUR` (PETRARCH's `IGO~`).
    Prefix,
}

/// Male or female, for the pronoun rule ("he", "she").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// Resolved by "he".
    Male,
    /// Resolved by "she".
    Female,
}

/// One dictionary entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// What it names.
    pub kind: EntryKind,
    /// The key the entry is known by: the code for a country, organisation or
    /// sector, the Wikidata id (or name) for a person.
    pub id: String,
    /// The display name.
    pub name: String,
    /// The code that holds on any date (countries, organisations, sectors, undated
    /// actors). A person's code comes from [`Entry::roles`].
    pub code: Option<ActorCode>,
    /// Date-bounded codes; the first that holds on the story date wins.
    pub roles: Vec<Role>,
    /// The country a person belongs to, for `ELI` outside their roles.
    pub country: Option<String>,
    /// Ways of writing the entry.
    pub aliases: Vec<Alias>,
    /// Wikidata id, when known.
    pub wikidata: Option<String>,
    /// Gender, for the pronoun rule.
    pub gender: Option<Gender>,
    /// Where a sector's code goes.
    pub placement: Placement,
    /// Example sentences, coded by a test.
    pub examples: Vec<Example>,
    /// The file the entry was read from.
    pub file: String,
    /// The line of its header.
    pub line: usize,
}

impl Entry {
    /// An empty entry of `kind` read from `file:line`.
    pub fn new(kind: EntryKind, id: &str, name: &str, file: &str, line: usize) -> Entry {
        Entry {
            kind,
            id: id.to_owned(),
            name: name.to_owned(),
            code: None,
            roles: Vec::new(),
            country: None,
            aliases: Vec::new(),
            wikidata: None,
            gender: None,
            placement: Placement::Suffix,
            examples: Vec::new(),
            file: file.to_owned(),
            line,
        }
    }
}

/// Extra three-letter codes a dictionary declares as valid (`codes UNO WHO`), for
/// the lint's unknown-code check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Declared {
    /// The codes, each three characters.
    pub codes: Vec<String>,
}

/// Everything read from a set of files.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// Entries in file order.
    pub entries: Vec<Entry>,
    /// Codes declared with `codes` lines.
    pub declared: Declared,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn ranges_include_the_start_and_exclude_the_end() {
        let range = DateRange {
            start: Some(d("2021-01-26")),
            end: Some(d("2025-01-21")),
        };
        assert!(!range.contains(d("2021-01-25")));
        assert!(range.contains(d("2021-01-26")));
        assert!(range.contains(d("2025-01-20")));
        assert!(!range.contains(d("2025-01-21")));
        assert!(DateRange::default().contains(d("1900-01-01")));
    }

    #[test]
    fn touching_ranges_do_not_overlap() {
        let a = DateRange {
            start: Some(d("2020-01-01")),
            end: Some(d("2021-01-01")),
        };
        let b = DateRange {
            start: Some(d("2021-01-01")),
            end: None,
        };
        assert!(!a.overlaps(&b) && !b.overlaps(&a));
        let c = DateRange {
            start: None,
            end: Some(d("2020-06-01")),
        };
        assert!(a.overlaps(&c));
    }
}
