//! Document memory: what a story has already named, so that later, shorter
//! mentions ("Cavusoglu", "the minister", "the Turkish side", "he") resolve to it.
//!
//! The rules are deliberately simple and refuse rather than guess: a surname that
//! two people in the story share resolves to neither.

use crate::dict::Gender;
use dyad_doc::ActorCode;

/// One actor the story has named.
#[derive(Clone, Debug)]
pub(crate) struct Remembered {
    /// The dictionary entry (for people: the person), for telling people apart.
    pub entry: String,
    pub code: ActorCode,
    pub country: Option<String>,
    /// Set for people.
    pub person: Option<Person>,
}

#[derive(Clone, Debug)]
pub(crate) struct Person {
    /// Index of the person's dictionary entry.
    pub entry: usize,
    /// Normalised surname ("cavusoglu").
    pub surname: String,
    pub gender: Option<Gender>,
}

/// Where a person was named: what "he" and "she" are resolved against.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Place {
    /// The sentence's index.
    pub sentence: usize,
    /// Whether the mention is the subject of its clause.
    pub subject: bool,
}

/// One mention of a person, known (an index into the items) or a stranger.
#[derive(Clone, Copy, Debug)]
struct PersonMention {
    place: Place,
    gender: Option<Gender>,
    item: Option<usize>,
}

/// What the story has named so far, in text order.
#[derive(Default)]
pub(crate) struct Memory {
    items: Vec<Remembered>,
    /// Surnames of people the story named in full whom no dictionary knows
    /// ("Michael Howard" when only John Howard is listed).
    strangers: Vec<String>,
    people: Vec<PersonMention>,
}

/// The outcome of a surname lookup.
pub(crate) enum Recall<'a> {
    /// No person of that surname has been named.
    Unknown,
    /// Exactly one has.
    One(&'a Remembered),
    /// Two or more different people share it: stay ambiguous.
    Ambiguous,
}

impl Memory {
    /// Remembers an actor named at `place`.
    pub fn remember(&mut self, item: Remembered, place: Place) {
        if let Some(person) = &item.person {
            self.people.push(PersonMention {
                place,
                gender: person.gender,
                item: Some(self.items.len()),
            });
        }
        self.items.push(item);
    }

    /// Notes a person named in full whom no dictionary knows, by surname.
    pub fn remember_stranger(&mut self, surname: &str, place: Place) {
        if !self.strangers.iter().any(|s| s == surname) {
            self.strangers.push(surname.to_owned());
        }
        self.people.push(PersonMention {
            place,
            gender: None,
            item: None,
        });
    }

    /// The person the story named with surname `norm`; a surname shared with
    /// a stranger the story named stays ambiguous.
    pub fn surname(&self, norm: &str) -> Recall<'_> {
        if self.strangers.iter().any(|s| s == norm) {
            return Recall::Ambiguous;
        }
        let mut found: Option<&Remembered> = None;
        for item in &self.items {
            if item.person.as_ref().is_some_and(|p| p.surname == norm) {
                match found {
                    Some(seen) if seen.entry != item.entry => return Recall::Ambiguous,
                    _ => found = Some(item),
                }
            }
        }
        found.map_or(Recall::Unknown, Recall::One)
    }

    /// The latest person whose code carries `sector` after its country ("the minister").
    pub fn latest_person_with_sector(&self, sector: &str) -> Option<&Remembered> {
        self.items
            .iter()
            .rev()
            .find(|i| i.person.is_some() && i.code.parts().skip(1).any(|p| p == sector))
    }

    /// The latest actor of `country` that has a sector ("the Turkish side" → TURGOV).
    pub fn latest_of_country(&self, country: &str) -> Option<&Remembered> {
        self.items
            .iter()
            .rev()
            .find(|i| i.country.as_deref() == Some(country) && i.code.as_str().len() > 3)
    }

    /// The person a pronoun of `gender` stands for: among the people of that
    /// gender named in the latest sentence that names any, the last subject,
    /// else the last one ("Musharraf met Blair. He left." is Musharraf). None
    /// when that is a stranger, whom no dictionary codes.
    pub fn latest_person(&self, gender: Gender) -> Option<&Remembered> {
        let fits = |m: &&PersonMention| m.gender.is_none_or(|g| g == gender);
        let latest = self.people.iter().rev().find(fits)?;
        let chosen = self
            .people
            .iter()
            .rev()
            .take_while(|m| m.place.sentence == latest.place.sentence)
            .filter(fits)
            .find(|m| m.place.subject)
            .unwrap_or(latest);
        chosen.item.map(|i| &self.items[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(entry: &str, code: &str, surname: &str, gender: Option<Gender>) -> Remembered {
        Remembered {
            entry: entry.into(),
            code: ActorCode::new(code).unwrap(),
            country: Some(code[..3].into()),
            person: Some(Person {
                entry: 0,
                surname: surname.into(),
                gender,
            }),
        }
    }

    fn at(sentence: usize, subject: bool) -> Place {
        Place { sentence, subject }
    }

    #[test]
    fn a_pronoun_prefers_the_latest_sentence_s_subject() {
        let mut memory = Memory::default();
        memory.remember(
            person("Q1", "PAKGOV", "musharraf", Some(Gender::Male)),
            at(0, true),
        );
        memory.remember(
            person("Q2", "GBRGOV", "blair", Some(Gender::Male)),
            at(0, false),
        );
        assert_eq!(memory.latest_person(Gender::Male).unwrap().entry, "Q1");
        memory.remember_stranger("howard", at(1, true));
        assert!(memory.latest_person(Gender::Male).is_none(), "a stranger");
    }

    #[test]
    fn a_shared_surname_stays_ambiguous() {
        let mut memory = Memory::default();
        memory.remember(
            person("Q1", "GBRGOV", "miliband", Some(Gender::Male)),
            at(0, true),
        );
        assert!(matches!(memory.surname("miliband"), Recall::One(_)));
        memory.remember(
            person("Q1", "GBRGOV", "miliband", Some(Gender::Male)),
            at(1, true),
        );
        assert!(
            matches!(memory.surname("miliband"), Recall::One(_)),
            "the same person twice"
        );
        memory.remember(
            person("Q2", "GBRELI", "miliband", Some(Gender::Male)),
            at(2, true),
        );
        assert!(matches!(memory.surname("miliband"), Recall::Ambiguous));
        assert!(matches!(memory.surname("blair"), Recall::Unknown));
    }

    #[test]
    fn pronouns_take_the_latest_person_of_their_gender() {
        let mut memory = Memory::default();
        memory.remember(
            person("Q1", "USAGOV", "blinken", Some(Gender::Male)),
            at(0, true),
        );
        memory.remember(
            person("Q2", "DEUGOV", "baerbock", Some(Gender::Female)),
            at(1, true),
        );
        assert_eq!(memory.latest_person(Gender::Male).unwrap().entry, "Q1");
        assert_eq!(memory.latest_person(Gender::Female).unwrap().entry, "Q2");
        assert_eq!(memory.latest_person_with_sector("GOV").unwrap().entry, "Q2");
        assert_eq!(memory.latest_of_country("USA").unwrap().entry, "Q1");
    }
}
