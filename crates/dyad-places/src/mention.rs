//! Which words of a story name a place: gazetteer names in a place's context.
//!
//! A name is matched over normalised words (longest first), then kept only when its
//! context says it is a place here. Capitalisation comes from the original text,
//! since `Token::norm` is lower-cased; when the story is parsed, the tagger's PROPN
//! stands in for the capitalisation guesses.

use crate::gazetteer::{Gazetteer, Name};
use dyad_doc::{Document, PlaceCue, PlaceKind, Sentence, Upos};
use std::collections::HashSet;
use std::ops::Range;

/// Words before a place that mark it as one ("met in Brussels").
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "outside",
    "inside",
    "across",
    "throughout",
    "around",
    "to",
    "into",
    "toward",
    "towards",
    "via",
    "within",
];

/// Capitalised words before a place that do not make it part of another name
/// ("Greater London", "East Jerusalem").
const MODIFIERS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "greater",
    "downtown",
    "upper",
    "lower",
    "old",
    "inner",
    "outer",
    "mainland",
    "rural",
    "metropolitan",
];

/// Capitalised words after a place that do not make it part of another name
/// ("in Paris Tuesday", AP style).
const CALENDAR: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// One-word names that are places only with a qualifier, besides [`CALENDAR`].
const NEEDS_QUALIFIER: &[&str] = &["university", "college", "academy", "institute"];

/// A dateline's dash comes within this many words of the story's start.
const DATELINE_WORDS: usize = 12;

/// Words that often open a sentence: a capitalised one of these before a name does
/// not make the name part of a longer one ("Meanwhile Jordan", but "Michael Jordan").
const STARTERS: &[&str] = &[
    "a",
    "an",
    "the",
    "in",
    "at",
    "on",
    "by",
    "for",
    "from",
    "to",
    "with",
    "of",
    "and",
    "but",
    "or",
    "so",
    "yet",
    "while",
    "as",
    "when",
    "if",
    "after",
    "before",
    "since",
    "until",
    "today",
    "yesterday",
    "meanwhile",
    "then",
    "now",
    "even",
    "also",
    "however",
    "still",
    "only",
    "both",
    "all",
    "neighbouring",
    "neighboring",
    "like",
    "unlike",
    "across",
    "outside",
    "inside",
    "near",
    "within",
    "over",
    "under",
    "between",
    "during",
    "why",
    "how",
    "where",
    "what",
    "whether",
    "although",
    "though",
    "because",
    "unless",
    "nor",
    "did",
    "does",
    "do",
    "is",
    "was",
    "has",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "this",
    "that",
    "these",
    "those",
    "every",
    "each",
    "some",
    "many",
    "most",
    "no",
    "not",
    "it",
    "its",
    "their",
    "our",
    "his",
    "her",
    "visiting",
    "beyond",
    "against",
    "toward",
    "towards",
    "into",
    "through",
    "via",
];

/// Lower-case words that may follow a qualifier: "Paris, Texas, on Monday", but not
/// "Tripoli, Lebanon said".
const AFTER_QUALIFIER: &[&str] = &[
    "on", "in", "at", "to", "for", "from", "with", "near", "after", "before", "during", "since",
    "until", "when", "while", "where", "which", "who", "as", "by", "of", "last", "this", "next",
    "earlier", "later", "'s",
];

/// Words after a name that make it a team or a club, not a place ("Liverpool
/// boss", "Blackburn striker").
const TEAM_ROLES: &[&str] = &[
    "boss",
    "manager",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "keeper",
    "winger",
    "coach",
    "skipper",
    "captain",
    "fly-half",
    "forward",
    "fans",
    "supporters",
    "squad",
];

/// A city named on its own ("Jackson said") must be at least this large; smaller
/// ones need a preposition, a dateline or a qualifier.
const BARE_CITY_POPULATION: u64 = 100_000;

/// A city named on its own by one of GeoNames' alternate names must be this large
/// ("Bombay", "Kiev"); smaller ones' alternates are too often people's names.
const BARE_ALTERNATE_POPULATION: u64 = 1_000_000;

/// Words after a country that make it a team in British usage ("Ireland are
/// going for a Grand Slam"; the country as a state takes the singular).
const PLURAL_VERBS: &[&str] = &["are", "were", "have"];

/// A place name found in context, before its reading is chosen.
#[derive(Clone, Debug)]
pub(crate) struct Mention {
    /// The name's words and a qualifier after it ("Paris , Texas").
    pub(crate) tokens: Range<usize>,
    /// Entries the name may stand for here (acronyms dropped when not in capitals).
    pub(crate) entries: Vec<u32>,
    /// Entries for which the name is only a GeoNames alternate.
    pub(crate) by_alternate: Vec<u32>,
    /// Entries the qualifier leaves, when there is one.
    pub(crate) qualified: Option<Vec<u32>>,
    pub(crate) cue: PlaceCue,
}

/// What one pass over a story finds.
#[derive(Default)]
pub(crate) struct Found<'g> {
    pub(crate) mentions: Vec<Mention>,
    /// Countries named by adjective ("Lebanese"), as ISO3.
    pub(crate) adjective_countries: Vec<&'g str>,
}

/// A gazetteer name matched over some words, before its context is judged.
struct Match<'g> {
    sentence: usize,
    tokens: Range<usize>,
    name: &'g Name,
}

/// Every place mention in `doc`.
pub(crate) fn find<'g>(gazetteer: &'g Gazetteer, doc: &Document) -> Found<'g> {
    let mut found = Found::default();
    let matches = match_names(gazetteer, doc, &mut found.adjective_countries);
    let people = person_names(gazetteer, doc, &matches);
    let view = View { gazetteer, doc };
    let mut covered_until = 0;
    for m in &matches {
        if m.tokens.start < covered_until {
            continue; // the qualifier of the mention before ("Paris, Texas")
        }
        if let Some(mention) = view.judge(m, &people) {
            covered_until = mention.tokens.end;
            found.mentions.push(mention);
        }
    }
    found
}

/// Longest gazetteer names over each sentence, left to right; country adjectives
/// seen on the way go to `adjectives`.
fn match_names<'g>(
    gazetteer: &'g Gazetteer,
    doc: &Document,
    adjectives: &mut Vec<&'g str>,
) -> Vec<Match<'g>> {
    let mut matches = Vec::new();
    for (s, sentence) in doc.sentences.iter().enumerate() {
        let mut i = sentence.tokens.start;
        while i < sentence.tokens.end {
            let norms = doc.tokens[i..sentence.tokens.end]
                .iter()
                .map(|t| t.norm.as_str());
            if let Some((len, name)) = gazetteer.longest_name(norms) {
                matches.push(Match {
                    sentence: s,
                    tokens: i..i + len,
                    name,
                });
                i += len;
                continue;
            }
            if capitalised(doc.text(doc.tokens[i].span)) {
                adjectives.extend(gazetteer.adjective(&doc.tokens[i].norm));
            }
            i += 1;
        }
    }
    matches
}

/// City names the story uses for people: after a title ("President Kennedy") or
/// a first name ("Barack Obama"). Later bare mentions of them are not places.
fn person_names(gazetteer: &Gazetteer, doc: &Document, matches: &[Match]) -> HashSet<String> {
    let starts: HashSet<usize> = matches.iter().map(|m| m.tokens.start).collect();
    let mut people = HashSet::new();
    for m in matches {
        let only_cities = m
            .name
            .namings
            .iter()
            .all(|n| gazetteer.entry(n.entry).reading.kind == PlaceKind::City);
        let sentence = &doc.sentences[m.sentence];
        if !only_cities || m.tokens.start == sentence.tokens.start {
            continue;
        }
        let before = m.tokens.start - 1;
        let word = &doc.tokens[before];
        let first_name = name_word(doc, sentence, before)
            && !starts.contains(&before)
            && !matches.iter().any(|o| o.tokens.contains(&before));
        if first_name || dyad_text::is_person_title(&word.norm) {
            people.insert(key(doc, m.tokens.clone()));
        }
    }
    people
}

/// The story and gazetteer a mention is judged against.
struct View<'a, 'g> {
    gazetteer: &'g Gazetteer,
    doc: &'a Document,
}

impl<'g> View<'_, 'g> {
    /// The mention `m` makes, if its context says it is a place.
    fn judge(&self, m: &Match<'g>, people: &HashSet<String>) -> Option<Mention> {
        let sentence = &self.doc.sentences[m.sentence];
        let entries = self.written_entries(m)?;
        let qualifier = self
            .qualifier(sentence, m.tokens.end, &entries)
            .or_else(|| self.state_of(sentence, m.tokens.clone(), &entries));
        if qualifier.is_none() && !self.in_dateline(m) && self.needs_qualifier(m) {
            return None;
        }
        let tokens = m.tokens.start..qualifier.as_ref().map_or(m.tokens.end, |q| q.0);
        // After "in", "at", "near" a capitalised gazetteer name is a place when
        // the tagger, trained on web text, took it for any noun or adjective ("in
        // Brussels" as NNS); elsewhere the tag must be a proper noun.
        let cue = if self.in_dateline(m) {
            PlaceCue::Dateline
        } else if self.after_preposition(sentence, m.tokens.start)
            && self.tagged_nominal(m.tokens.clone())
        {
            PlaceCue::Preposition
        } else if !self.tagged_proper(m.tokens.clone()) {
            return None;
        } else if qualifier.is_some() {
            PlaceCue::Qualified
        } else if self.bare_name_is_place(sentence, m, &entries) {
            PlaceCue::ProperNoun
        } else {
            return None;
        };
        let only_cities = entries.iter().all(|&e| self.kind(e) == PlaceKind::City);
        if cue != PlaceCue::Dateline && self.team_or_currency(sentence, m.tokens.clone()) {
            return None;
        }
        if cue == PlaceCue::Preposition
            && only_cities
            && self.longer_name_follows(sentence, m.tokens.end)
        {
            return None; // "told to Martin Smith"
        }
        let loose = matches!(cue, PlaceCue::Preposition | PlaceCue::ProperNoun);
        if loose && only_cities && people.contains(&key(self.doc, m.tokens.clone())) {
            return None; // "from Obama" in a story that named Barack Obama
        }
        Some(Mention {
            tokens,
            by_alternate: m
                .name
                .namings
                .iter()
                .filter(|n| n.alternate)
                .map(|n| n.entry)
                .collect(),
            entries,
            qualified: qualifier.map(|q| q.1),
            cue,
        })
    }

    /// The entries the name can stand for as written: none unless it is
    /// capitalised, and acronyms ("US") only when written in capitals ("us" is not
    /// the United States).
    fn written_entries(&self, m: &Match) -> Option<Vec<u32>> {
        let words = &self.doc.tokens[m.tokens.clone()];
        let first = self.doc.text(words[0].span);
        let last = self.doc.text(words[words.len() - 1].span);
        if !capitalised(first) || !capitalised(last) {
            return None;
        }
        let in_capitals = words.iter().all(|w| all_capitals(self.doc.text(w.span)));
        let entries: Vec<u32> = m
            .name
            .namings
            .iter()
            .filter(|n| in_capitals || !n.acronym)
            .map(|n| n.entry)
            .collect();
        (!entries.is_empty()).then_some(entries)
    }

    /// ", <country or state>" after a name, when it fits some of `entries`: where
    /// the mention then ends, and the entries that fit.
    fn qualifier(
        &self,
        sentence: &Sentence,
        end: usize,
        entries: &[u32],
    ) -> Option<(usize, Vec<u32>)> {
        if end + 1 >= sentence.tokens.end || self.doc.tokens[end].norm != "," {
            return None;
        }
        let start = end + 1;
        if !capitalised(self.doc.text(self.doc.tokens[start].span)) {
            return None;
        }
        let norms = self.doc.tokens[start..sentence.tokens.end]
            .iter()
            .map(|t| t.norm.as_str());
        let (len, name) = self.gazetteer.longest_name(norms)?;
        if let Some(next) = self.doc.tokens[..sentence.tokens.end].get(start + len) {
            let lower = next.norm.chars().next().is_some_and(char::is_lowercase);
            if lower && !AFTER_QUALIFIER.contains(&next.norm.as_str()) {
                return None; // "Tripoli, Lebanon said": a list, not a qualifier
            }
        }
        let fitting: Vec<u32> = entries
            .iter()
            .copied()
            .filter(|&e| name.namings.iter().any(|q| self.qualifies(q.entry, e)))
            .collect();
        (!fitting.is_empty()).then_some((start + len, fitting))
    }

    /// "the state of Georgia": the name read as a state, when it can be one.
    fn state_of(
        &self,
        sentence: &Sentence,
        tokens: Range<usize>,
        entries: &[u32],
    ) -> Option<(usize, Vec<u32>)> {
        let before = tokens
            .start
            .checked_sub(2)
            .filter(|&i| i >= sentence.tokens.start)?;
        let words = &self.doc.tokens[before..tokens.start];
        if words[0].norm != "state" || words[1].norm != "of" {
            return None;
        }
        let states: Vec<u32> = entries
            .iter()
            .copied()
            .filter(|&e| self.kind(e) == PlaceKind::Admin1)
            .collect();
        (!states.is_empty()).then_some((tokens.end, states))
    }

    /// True when entry `qualifier` is the country or state that `entry` lies in.
    fn qualifies(&self, qualifier: u32, entry: u32) -> bool {
        let q = &self.gazetteer.entry(qualifier).reading;
        let e = &self.gazetteer.entry(entry).reading;
        qualifier != entry
            && match q.kind {
                PlaceKind::Country => q.country.is_some() && q.country == e.country,
                PlaceKind::Admin1 => q.admin1.is_some() && q.admin1 == e.admin1,
                _ => false,
            }
    }

    /// True when the match lies in the story's dateline: the place words that open a
    /// first sentence such as "BRUSSELS (Reuters) -" or "ISTANBUL, March 5 (AP) —".
    fn in_dateline(&self, m: &Match) -> bool {
        m.sentence == 0
            && dateline_place(self.doc, &self.doc.sentences[0])
                .is_some_and(|words| words.start <= m.tokens.start && m.tokens.end <= words.end)
    }

    /// When the story is parsed, a name without a preposition before it must end
    /// in a proper noun; before parsing, capitalisation (already checked) is all
    /// there is.
    fn tagged_proper(&self, tokens: Range<usize>) -> bool {
        !self.doc.is_parsed() || self.doc.syntax[tokens.end - 1].upos == Upos::Propn
    }

    /// Months, weekdays and a few words that are towns somewhere but almost never
    /// in news ("in March", "at the University of Maryland") are places only with
    /// a qualifier ("March, Cambridgeshire").
    fn needs_qualifier(&self, m: &Match) -> bool {
        let words = &self.doc.tokens[m.tokens.clone()];
        words.len() == 1
            && (CALENDAR.contains(&words[0].norm.as_str())
                || NEEDS_QUALIFIER.contains(&words[0].norm.as_str()))
    }

    /// When the story is parsed, the name's last word must be some noun or
    /// adjective (not a verb: "in Split" must not be "in splitting").
    fn tagged_nominal(&self, tokens: Range<usize>) -> bool {
        !self.doc.is_parsed()
            || matches!(
                self.doc.syntax[tokens.end - 1].upos,
                Upos::Propn | Upos::Noun | Upos::Adj | Upos::X
            )
    }

    /// True when a locative preposition comes just before `start`, perhaps with
    /// "the" between ("in the West Bank").
    fn after_preposition(&self, sentence: &Sentence, start: usize) -> bool {
        let mut i = start;
        if i > sentence.tokens.start && self.doc.tokens[i - 1].norm == "the" {
            i -= 1;
        }
        i > sentence.tokens.start && LOCATIVE.contains(&self.doc.tokens[i - 1].norm.as_str())
    }

    /// A capitalised name with no other cue is a place only if it is not a common
    /// word, not part of a longer name, and (for towns) large enough to be named
    /// without a preposition.
    fn bare_name_is_place(&self, sentence: &Sentence, m: &Match, entries: &[u32]) -> bool {
        if m.name.common {
            return false;
        }
        let start = m.tokens.start;
        if start > sentence.tokens.start {
            let word = &self.doc.tokens[start - 1];
            if name_word(self.doc, sentence, start - 1) || dyad_text::is_person_title(&word.norm) {
                return false;
            }
        }
        if self.longer_name_follows(sentence, m.tokens.end) {
            return false; // "Washington Post", "Jordan Henderson"
        }
        let before = start
            .checked_sub(1)
            .map_or("", |i| self.doc.tokens[i].norm.as_str());
        let after = self
            .doc
            .tokens
            .get(m.tokens.end)
            .map_or("", |t| t.norm.as_str());
        // Not after "and" or "the": "Spain and the United States said".
        if PLURAL_VERBS.contains(&after) && !matches!(before, "and" | "the") {
            return false; // "Wales have played some fine rugby"
        }
        m.name
            .namings
            .iter()
            .filter(|n| entries.contains(&n.entry))
            .any(|n| {
                let r = &self.gazetteer.entry(n.entry).reading;
                let least = if n.alternate {
                    BARE_ALTERNATE_POPULATION
                } else {
                    BARE_CITY_POPULATION
                };
                r.kind != PlaceKind::City || r.population >= least
            })
    }

    /// True when the name is a team ("Israel v France", "Liverpool boss") or part of
    /// a currency ("US$25,000").
    fn team_or_currency(&self, sentence: &Sentence, tokens: Range<usize>) -> bool {
        let norm =
            |i: usize| (sentence.tokens.contains(&i)).then(|| self.doc.tokens[i].norm.as_str());
        let versus = |w: Option<&str>| matches!(w, Some("v" | "v." | "vs" | "vs."));
        let before = tokens.start.checked_sub(1).and_then(norm);
        let after = norm(tokens.end);
        versus(before)
            || versus(after)
            || after.is_some_and(|w| w.starts_with('$') || TEAM_ROLES.contains(&w))
    }

    /// True when a capitalised word that is not a date follows: the place is part
    /// of a longer name.
    fn longer_name_follows(&self, sentence: &Sentence, end: usize) -> bool {
        if end >= sentence.tokens.end {
            return false;
        }
        let next = &self.doc.tokens[end];
        capitalised(self.doc.text(next.span))
            && next.norm.chars().all(char::is_alphabetic)
            && !CALENDAR.contains(&next.norm.as_str())
    }

    fn kind(&self, entry: u32) -> PlaceKind {
        self.gazetteer.entry(entry).reading.kind
    }
}

/// The words of the place that opens the story's dateline, if its first sentence
/// has one: a dash within the first words, before it an agency in brackets or
/// words in capitals ("BRUSSELS (Reuters) -", "ISTANBUL, March 5 (AP) —"), and the
/// place the capitalised words before "(", "," or the dash.
pub(crate) fn dateline_place(doc: &Document, sentence: &Sentence) -> Option<Range<usize>> {
    let words = doc.words(sentence);
    let dash = words
        .iter()
        .take(DATELINE_WORDS)
        .position(|w| w.norm == "-" || w.norm == "--")?;
    let head = &words[..dash];
    let agency = head.iter().any(|w| w.norm == "(");
    let capitals = head
        .first()
        .is_some_and(|w| w.norm.len() > 1 && all_capitals(doc.text(w.span)));
    if !agency && !capitals {
        return None;
    }
    let place_words = head
        .iter()
        .take_while(|w| capitalised(doc.text(w.span)) && !matches!(w.norm.as_str(), "(" | ","))
        .count();
    (place_words > 0).then(|| sentence.tokens.start..sentence.tokens.start + place_words)
}

/// True when word `i` looks like part of a name before a place ("Barack" in
/// "Barack Obama"): capitalised, not a modifier such as "Greater", and not a word
/// that merely opens the sentence.
fn name_word(doc: &Document, sentence: &Sentence, i: usize) -> bool {
    let word = &doc.tokens[i];
    let norm = word.norm.as_str();
    capitalised(doc.text(word.span))
        && norm.chars().all(char::is_alphabetic)
        && !MODIFIERS.contains(&norm)
        && !(sentence_initial(doc, sentence, i) && STARTERS.contains(&norm))
}

/// True for the first word of a sentence, or the first after an opening quote or
/// bracket: capitals there say nothing.
fn sentence_initial(doc: &Document, sentence: &Sentence, token: usize) -> bool {
    let mut start = sentence.tokens.start;
    while start < token
        && matches!(
            doc.tokens[start].norm.as_str(),
            "\"" | "'" | "(" | "[" | "-"
        )
    {
        start += 1;
    }
    token == start
}

fn capitalised(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

fn all_capitals(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// The normalised words of `tokens`, joined by spaces.
fn key(doc: &Document, tokens: Range<usize>) -> String {
    doc.tokens[tokens]
        .iter()
        .map(|t| t.norm.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
