//! Where an event happened: the rule the event coder applies to each event.
//!
//! 1. **Clause**: the place attached to the event's clause. With a parse, a place
//!    reached from the predicate (or a verb joined to it by `conj`/`xcomp`) through
//!    an `obl`/`nmod` dependent introduced by in/at/near, perhaps further down a
//!    chain of `nmod`s ("met on the sidelines of a summit in Brussels", "met in the
//!    city of Istanbul"). Without a parse, the place after in/at/near in the
//!    sentence nearest the predicate.
//! 2. **Sentence**: else the place in the same sentence nearest the predicate.
//! 3. **Dateline**: else the story's dateline place.
//! 4. Else none: nothing is invented.
//!
//! A place read by population alone is re-read as one of its other readings when
//! that reading is in an actor's country and the chosen one is not.

use dyad_doc::{Document, Location, Place, Resolution};
use std::fmt;

/// Prepositions that put an event at a place.
const LOCATIVE: &[&str] = &["in", "at", "near"];

/// How far down a chain of `nmod`s a clause's place may be.
const MAX_DEPTH: usize = 4;

/// Which part of the location rule found an event's place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LocationRule {
    /// A place attached to the event's clause ("met … in Brussels").
    Clause,
    /// A place elsewhere in the event's sentence.
    Sentence,
    /// The story's dateline.
    Dateline,
}

impl LocationRule {
    /// The rule's name (`clause`, `sentence`, `dateline`).
    pub fn as_str(self) -> &'static str {
        match self {
            LocationRule::Clause => "clause",
            LocationRule::Sentence => "sentence",
            LocationRule::Dateline => "dateline",
        }
    }
}

impl fmt::Display for LocationRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The location of an event whose predicate is word `predicate` of sentence
/// `sentence`, and which rule found it; `actor_countries` (ISO3 of the event's
/// source and target, may be empty) decide between readings that population alone
/// chose. Needs the place stage to have run.
pub fn event_location(
    doc: &Document,
    sentence: usize,
    predicate: usize,
    actor_countries: &[&str],
) -> Option<(Location, LocationRule)> {
    let words = &doc.sentences.get(sentence)?.tokens;
    let here: Vec<&Place> = doc
        .places
        .iter()
        .filter(|p| words.contains(&p.tokens.start))
        .collect();
    let clause = if doc.is_parsed() {
        clause_place(doc, predicate, &here)
    } else {
        let after_locative: Vec<&Place> = here
            .iter()
            .copied()
            .filter(|p| after_locative(doc, words.start, p))
            .collect();
        nearest(&after_locative, predicate)
    };
    let (place, rule) = clause
        .map(|p| (p, LocationRule::Clause))
        .or_else(|| nearest(&here, predicate).map(|p| (p, LocationRule::Sentence)))
        .or_else(|| {
            let dateline = doc.places.iter().find(|p| p.is_dateline());
            dateline.map(|p| (p, LocationRule::Dateline))
        })?;
    Some((located(place, actor_countries), rule))
}

/// The place as a location, re-read in an actor's country when only population
/// chose its reading.
fn located(place: &Place, actor_countries: &[&str]) -> Location {
    let in_actor_country =
        |country: Option<&str>| country.is_some_and(|c| actor_countries.contains(&c));
    if place.resolution == Resolution::Population
        && !in_actor_country(place.reading.country.as_deref())
    {
        if let Some(other) = place
            .alternatives
            .iter()
            .find(|r| in_actor_country(r.country.as_deref()))
        {
            return other.to_location(place.span);
        }
    }
    place.to_location()
}

/// The place nearest word `predicate`, the earlier on a tie.
fn nearest<'d>(places: &[&'d Place], predicate: usize) -> Option<&'d Place> {
    places.iter().copied().min_by_key(|p| {
        p.tokens
            .start
            .abs_diff(predicate)
            .min(p.tokens.end.abs_diff(predicate + 1))
    })
}

/// True when in/at/near comes just before the place, perhaps with "the" between.
fn after_locative(doc: &Document, sentence_start: usize, place: &Place) -> bool {
    let mut i = place.tokens.start;
    if i > sentence_start && doc.tokens[i - 1].norm == "the" {
        i -= 1;
    }
    i > sentence_start && LOCATIVE.contains(&doc.tokens[i - 1].norm.as_str())
}

/// The place attached to the clause of `predicate`, by the parse.
fn clause_place<'d>(doc: &Document, predicate: usize, places: &[&'d Place]) -> Option<&'d Place> {
    clause_verbs(doc, predicate).into_iter().find_map(|verb| {
        doc.dependents(verb)
            .into_iter()
            .filter(|&d| matches!(doc.syntax[d].base_deprel(), "obl" | "nmod"))
            .find_map(|d| locative_place(doc, d, places, false, 0))
    })
}

/// The predicate, then the verbs joined to it by `conj` or `xcomp` ("met and agreed",
/// "agreed to meet"), nearest first.
fn clause_verbs(doc: &Document, predicate: usize) -> Vec<usize> {
    let joins = |w: usize| matches!(doc.syntax[w].base_deprel(), "conj" | "xcomp");
    let mut top = predicate;
    while joins(top) {
        match doc.syntax[top].head {
            Some(head) if head != top => top = head,
            _ => break,
        }
    }
    let mut verbs = vec![predicate];
    let mut queue = vec![top];
    while let Some(verb) = queue.pop() {
        if !verbs.contains(&verb) {
            verbs.push(verb);
        }
        queue.extend(
            doc.dependents(verb)
                .into_iter()
                .filter(|&d| joins(d) && !verbs.contains(&d)),
        );
    }
    verbs
}

/// A place headed by `word` or by an `nmod` below it, on a path where some word is
/// introduced by in/at/near.
fn locative_place<'d>(
    doc: &Document,
    word: usize,
    places: &[&'d Place],
    locative: bool,
    depth: usize,
) -> Option<&'d Place> {
    let dependents = doc.dependents(word);
    let locative = locative
        || dependents.iter().any(|&c| {
            doc.syntax[c].base_deprel() == "case" && LOCATIVE.contains(&doc.tokens[c].norm.as_str())
        });
    if locative {
        if let Some(place) = places.iter().find(|p| p.tokens.contains(&word)) {
            return Some(place);
        }
    }
    if depth >= MAX_DEPTH {
        return None;
    }
    dependents
        .into_iter()
        .filter(|&d| doc.syntax[d].base_deprel() == "nmod")
        .find_map(|d| locative_place(doc, d, places, locative, depth + 1))
}
