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

use dyad_doc::{Document, Location, Place, PlaceResolution};
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
    // A place the actor stage read as an actor ("pressed Turkey", "Ankara said")
    // names who acted, not where: only a clause-attached one counts as the scene.
    let not_actors: Vec<&Place> = here
        .iter()
        .copied()
        .filter(|p| !p.tokens.clone().any(|t| doc.actor_at(t).is_some()))
        .collect();
    let (place, rule) = clause
        .map(|p| (p, LocationRule::Clause))
        .or_else(|| nearest(&not_actors, predicate).map(|p| (p, LocationRule::Sentence)))
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
    if place.resolution == PlaceResolution::Population
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stage::tests::code;
    use dyad_doc::{Feats, Upos, WordSyntax};

    /// Gives `doc` a hand-written parse: (head, relation) per word; place words are
    /// PROPN so the place stage keeps them.
    fn parse(doc: &mut Document, words: &[(Option<usize>, &str)]) {
        assert_eq!(words.len(), doc.tokens.len());
        doc.syntax = words
            .iter()
            .zip(&doc.tokens)
            .map(|(&(head, deprel), token)| WordSyntax {
                upos: if doc.story.text[token.span.range()].starts_with(char::is_uppercase) {
                    Upos::Propn
                } else {
                    Upos::Noun
                },
                xpos: String::new(),
                lemma: token.norm.clone(),
                feats: Feats::default(),
                head,
                deprel: deprel.into(),
            })
            .collect();
        doc.places = crate::PlaceStage::default().places(doc);
    }

    fn name(found: Option<(Location, LocationRule)>) -> Option<(String, LocationRule)> {
        found.map(|(l, rule)| (l.name, rule))
    }

    #[test]
    fn the_place_of_the_clause_through_a_chain_of_nmods() {
        let mut doc = code("In Paris, the ministers met on the sidelines of a summit in Brussels.");
        // In Paris , the ministers met on the sidelines of a summit in Brussels .
        // 0  1     2 3   4         5   6  7   8         9  10 11     12 13       14
        parse(
            &mut doc,
            &[
                (Some(1), "case"),
                (Some(5), "obl"),
                (Some(5), "punct"),
                (Some(4), "det"),
                (Some(5), "nsubj"),
                (None, "root"),
                (Some(8), "case"),
                (Some(8), "det"),
                (Some(5), "obl"),
                (Some(11), "case"),
                (Some(11), "det"),
                (Some(8), "nmod"),
                (Some(13), "case"),
                (Some(11), "nmod"),
                (Some(5), "punct"),
            ],
        );
        // Paris is attached too; the first obl in text order with a place wins.
        let (location, rule) = event_location(&doc, 0, 5, &[]).unwrap();
        assert_eq!(
            (location.name.as_str(), rule),
            ("Paris", LocationRule::Clause)
        );
        // Without "In Paris" the summit's place is found down the nmod chain.
        doc.syntax[1].deprel = "dislocated".into();
        let (location, rule) = event_location(&doc, 0, 5, &[]).unwrap();
        assert_eq!(
            (location.name.as_str(), rule),
            ("Brussels", LocationRule::Clause)
        );
        assert_eq!(location.country.as_deref(), Some("BEL"));
        assert_eq!(doc.text(location.span), "Brussels");
    }

    #[test]
    fn a_verb_joined_by_conj_lends_its_place() {
        let mut doc = code("They arrived and met in Geneva.");
        // They arrived and met in Geneva .
        // 0    1       2   3   4  5      6
        parse(
            &mut doc,
            &[
                (Some(1), "nsubj"),
                (None, "root"),
                (Some(3), "cc"),
                (Some(1), "conj"),
                (Some(5), "case"),
                (Some(3), "obl"),
                (Some(1), "punct"),
            ],
        );
        assert_eq!(
            name(event_location(&doc, 0, 1, &[])),
            Some(("Geneva".into(), LocationRule::Clause))
        );
    }

    #[test]
    fn a_place_with_another_case_is_not_the_clause_place() {
        let mut doc = code("Envoys from Moscow met.");
        // Envoys from Moscow met .
        parse(
            &mut doc,
            &[
                (Some(3), "nsubj"),
                (Some(2), "case"),
                (Some(0), "nmod"),
                (None, "root"),
                (Some(3), "punct"),
            ],
        );
        assert_eq!(
            name(event_location(&doc, 0, 3, &[])),
            Some(("Moscow".into(), LocationRule::Sentence))
        );
    }

    #[test]
    fn without_a_parse_the_place_after_in_at_near() {
        let doc = code("Officials from Moscow met their counterparts in Vienna.");
        assert_eq!(
            name(event_location(&doc, 0, 3, &[])),
            Some(("Vienna".into(), LocationRule::Clause))
        );
        let doc = code("Turkey said the talks failed.");
        assert_eq!(
            name(event_location(&doc, 0, 1, &[])),
            Some(("Turkey".into(), LocationRule::Sentence))
        );
    }

    #[test]
    fn a_place_that_is_an_actor_is_not_the_scene() {
        use dyad_doc::{Actor, ActorCode, Resolution};
        let mut doc = code("BRUSSELS (Reuters) - Blinken pressed Turkey to act.");
        let turkey = doc.tokens.iter().position(|t| t.norm == "turkey").unwrap();
        doc.actors = vec![Actor {
            tokens: turkey..turkey + 1,
            span: doc.tokens[turkey].span,
            code: ActorCode::new("TUR").unwrap(),
            country: Some("TUR".into()),
            sectors: Vec::new(),
            entry: "TUR".into(),
            how: Resolution::Dictionary,
        }];
        assert_eq!(
            name(event_location(&doc, 1, turkey - 1, &[])),
            Some(("Brussels".into(), LocationRule::Dateline))
        );
    }

    #[test]
    fn else_the_dateline_else_none() {
        let doc = code("BRUSSELS (Reuters) - The ministers talked for hours.");
        assert_eq!(
            name(event_location(&doc, 1, 8, &[])),
            Some(("Brussels".into(), LocationRule::Dateline))
        );
        let doc = code("The ministers talked for hours.");
        assert_eq!(event_location(&doc, 0, 2, &[]), None);
    }

    #[test]
    fn actors_decide_what_population_alone_chose() {
        let doc = code("Clashes broke out in Tripoli.");
        let (libya, _) = event_location(&doc, 0, 1, &[]).unwrap();
        assert_eq!(libya.country.as_deref(), Some("LBY"));
        let (lebanon, _) = event_location(&doc, 0, 1, &["LBN"]).unwrap();
        assert_eq!(lebanon.country.as_deref(), Some("LBN"));
        assert_eq!(lebanon.span, libya.span);
        // The story's own evidence outranks the actors.
        let doc = code("Libyan militias clashed in Tripoli.");
        let (libya, _) = event_location(&doc, 0, 3, &["LBN"]).unwrap();
        assert_eq!(libya.country.as_deref(), Some("LBY"));
    }
}
