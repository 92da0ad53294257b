//! `dyad dict check`: the lint. It reports duplicate aliases with different codes,
//! overlapping date ranges for one person, unknown codes, aliases that can never
//! match, PETRARCH lines that were skipped, and example sentences that do not give
//! their entry's code.

use crate::compile::ActorDictionary;
use crate::dict::{Entry, EntryKind};
use crate::resolve::resolve;
use dyad_doc::{ActorCode, Date, Document, Story};
use dyad_text::Segmenter;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// One problem, at the line it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The dictionary file.
    pub file: String,
    /// The line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Every finding for `dict`, sorted by file and line.
pub fn check(dict: &ActorDictionary) -> Vec<Finding> {
    let mut findings = Vec::new();
    duplicate_aliases(dict, &mut findings);
    overlapping_roles(dict, &mut findings);
    unknown_codes(dict, &mut findings);
    for u in dict.unmatchable() {
        let entry = &dict.entries()[u.entry];
        findings.push(finding(
            entry,
            u.line,
            format!("alias {:?} can never match: {}", u.alias, u.reason),
        ));
    }
    for import in dict.imports() {
        for problem in &import.problems {
            let (place, message) = problem.split_once(": ").unwrap_or(("", problem));
            let (file, line) = place.rsplit_once(':').unwrap_or((place, "0"));
            findings.push(Finding {
                file: file.to_owned(),
                line: line.parse().unwrap_or(0),
                message: format!("skipped: {message}"),
            });
        }
    }
    findings.extend(failing_examples(dict));
    findings.sort_by(|a, b| (&a.file, a.line, &a.message).cmp(&(&b.file, b.line, &b.message)));
    findings.dedup();
    findings
}

fn finding(entry: &Entry, line: usize, message: String) -> Finding {
    Finding {
        file: entry.file.clone(),
        line,
        message,
    }
}

/// Which entries compete for the same words: names against names, nouns against nouns.
fn class(kind: EntryKind) -> u8 {
    match kind {
        EntryKind::Sector | EntryKind::Generic => 1,
        _ => 0,
    }
}

/// An alias as matching sees it, in its competition class; the users are
/// (entry, line) pairs.
type AliasKey = (u8, Vec<String>);

fn duplicate_aliases(dict: &ActorDictionary, findings: &mut Vec<Finding>) {
    let mut seen: HashMap<AliasKey, Vec<(usize, usize)>> = HashMap::new();
    let segmenter = Segmenter::new();
    for (index, entry) in dict.entries().iter().enumerate() {
        for alias in &entry.aliases {
            if let Some(key) = ActorDictionary::alias_key(&segmenter, &alias.text) {
                seen.entry((class(entry.kind), key))
                    .or_default()
                    .push((index, alias.line));
            }
        }
    }
    for ((_, key), users) in seen {
        for (i, &(a, _)) in users.iter().enumerate() {
            for &(b, line) in &users[i + 1..] {
                let (ea, eb) = (&dict.entries()[a], &dict.entries()[b]);
                if a != b && conflict(ea, eb) {
                    findings.push(finding(
                        eb,
                        line,
                        format!(
                            "alias {:?} also names {} ({}:{}) with a different code on some date",
                            key.join(" "),
                            ea.name,
                            ea.file,
                            ea.line
                        ),
                    ));
                }
            }
        }
    }
}

/// Codes an entry can give, each with the dates it holds.
fn codes(entry: &Entry) -> Vec<(ActorCode, crate::dict::DateRange)> {
    let mut out: Vec<_> = entry
        .roles
        .iter()
        .map(|r| (r.code.clone(), r.range))
        .collect();
    if let Some(code) = &entry.code {
        out.push((code.clone(), crate::dict::DateRange::default()));
    }
    out
}

/// Two entries conflict when, on some date, they give different codes.
fn conflict(a: &Entry, b: &Entry) -> bool {
    let (ca, cb) = (codes(a), codes(b));
    ca.iter().any(|(code_a, range_a)| {
        cb.iter()
            .any(|(code_b, range_b)| code_a != code_b && range_a.overlaps(range_b))
    })
}

fn overlapping_roles(dict: &ActorDictionary, findings: &mut Vec<Finding>) {
    for entry in dict
        .entries()
        .iter()
        .filter(|e| e.kind == EntryKind::Person)
    {
        for (i, a) in entry.roles.iter().enumerate() {
            for b in &entry.roles[i + 1..] {
                if a.range.overlaps(&b.range) {
                    findings.push(finding(
                        entry,
                        b.line,
                        format!(
                            "{}: role {} {} overlaps role {} {} (line {})",
                            entry.name, b.code, b.range, a.code, a.range, a.line
                        ),
                    ));
                }
            }
        }
    }
}

fn unknown_codes(dict: &ActorDictionary, findings: &mut Vec<Finding>) {
    let imported: HashSet<&str> = dict.imports().iter().map(|i| i.file.as_str()).collect();
    let mut known: HashSet<String> = dict.declared_codes().iter().cloned().collect();
    known.insert("---".into());
    for entry in dict
        .entries()
        .iter()
        .filter(|e| !imported.contains(e.file.as_str()))
    {
        if matches!(entry.kind, EntryKind::Country | EntryKind::Sector) {
            known.extend(entry.code.iter().flat_map(|c| c.parts().map(str::to_owned)));
        }
    }
    for entry in dict
        .entries()
        .iter()
        .filter(|e| !imported.contains(e.file.as_str()))
    {
        let lines = entry
            .code
            .iter()
            .map(|c| (c, entry.line))
            .chain(entry.roles.iter().map(|r| (&r.code, r.line)))
            .chain(entry.examples.iter().map(|x| (&x.code, x.line)));
        for (code, line) in lines {
            if let Some(part) = code.parts().find(|p| !known.contains(*p)) {
                findings.push(finding(
                    entry,
                    line,
                    format!("unknown code part {part:?} in {code}: not a country, a sector, or declared with `codes`"),
                ));
            }
        }
        if let Some(country) = &entry.country {
            if dict.country(country).is_none() && !known.contains(country) {
                findings.push(finding(
                    entry,
                    entry.line,
                    format!("unknown country {country:?}"),
                ));
            }
        }
    }
}

/// Codes every example sentence (each as its own story, on its date) and reports
/// those where no mention gets the entry's code.
pub fn failing_examples(dict: &ActorDictionary) -> Vec<Finding> {
    let segmenter = Segmenter::new();
    let default_date = Date::from_ymd(2021, 3, 23).expect("a real date");
    let mut out = Vec::new();
    for entry in dict.entries() {
        for example in &entry.examples {
            let mut doc = Document::new(Story {
                id: format!("{}:{}", entry.file, example.line),
                date: example.date.unwrap_or(default_date),
                source: None,
                title: None,
                text: example.text.clone(),
            });
            segmenter.segment(&mut doc);
            let got = resolve(dict, &doc);
            if !got.actors.iter().any(|e| e.actor.code == example.code) {
                let codes: Vec<String> = got
                    .actors
                    .iter()
                    .map(|e| e.actor.code.to_string())
                    .collect();
                out.push(finding(
                    entry,
                    example.line,
                    format!(
                        "example {:?} should give {} but gives [{}]",
                        example.text,
                        example.code,
                        codes.join(", ")
                    ),
                ));
            }
        }
    }
    out
}
