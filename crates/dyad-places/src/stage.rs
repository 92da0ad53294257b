//! The place stage as the engine runs it.

use crate::{mention, resolve, Gazetteer};
use dyad_doc::Document;
use dyad_engine::Stage;

/// Adds the places a story names to [`Document::places`]; see the crate docs for
/// the rules. Needs sentences and tokens; uses the parse when present.
pub struct PlaceStage {
    gazetteer: Gazetteer,
}

impl PlaceStage {
    /// A stage that reads places with `gazetteer`.
    pub fn new(gazetteer: Gazetteer) -> PlaceStage {
        PlaceStage { gazetteer }
    }

    /// The gazetteer it reads with.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The places of `doc`, in text order, without changing it.
    pub fn places(&self, doc: &Document) -> Vec<dyad_doc::Place> {
        let found = mention::find(&self.gazetteer, doc);
        resolve::resolve(&self.gazetteer, doc, found)
    }
}

impl Default for PlaceStage {
    /// The stage with the shipped gazetteer.
    fn default() -> PlaceStage {
        PlaceStage::new(Gazetteer::default_shipped())
    }
}

impl Stage for PlaceStage {
    fn name(&self) -> &'static str {
        "places"
    }

    fn process(&self, doc: &mut Document) {
        doc.places = self.places(doc);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use dyad_doc::{Date, Place, PlaceCue, PlaceKind, PlaceResolution, Story};
    use dyad_engine::{Coder, CoderBuilder};
    use std::sync::OnceLock;

    /// One coder for every test: loading the gazetteer is the slow part.
    pub(crate) fn coder() -> &'static Coder {
        static CODER: OnceLock<Coder> = OnceLock::new();
        CODER.get_or_init(|| CoderBuilder::new().stage(PlaceStage::default()).build())
    }

    pub(crate) fn code(text: &str) -> Document {
        coder().code(Story {
            id: "t".into(),
            date: Date::parse("2021-03-23").unwrap(),
            source: None,
            title: None,
            text: text.into(),
        })
    }

    /// (words, chosen name, country) of each place.
    fn places(text: &str) -> Vec<(String, String, Option<String>)> {
        let doc = code(text);
        doc.places
            .iter()
            .map(|p| {
                (
                    doc.text(p.span).to_owned(),
                    p.reading.name.clone(),
                    p.reading.country.clone(),
                )
            })
            .collect()
    }

    fn words(text: &str) -> Vec<String> {
        places(text).into_iter().map(|p| p.0).collect()
    }

    fn only(text: &str) -> Place {
        let doc = code(text);
        assert_eq!(doc.places.len(), 1, "{text}: {:?}", doc.places);
        doc.places[0].clone()
    }

    #[test]
    fn places_after_prepositions_and_as_proper_nouns() {
        let found = places("Russian and Ukrainian negotiators met in Istanbul, and Turkey said the talks went well.");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].1, "Istanbul");
        assert_eq!(found[0].2.as_deref(), Some("TUR"));
        assert_eq!(found[1].0, "Turkey");
        assert_eq!(only("They met in Istanbul.").cue, PlaceCue::Preposition);
        assert_eq!(only("Later, Turkey said no.").cue, PlaceCue::ProperNoun);
    }

    #[test]
    fn datelines_name_the_place_of_the_story() {
        let doc = code("BRUSSELS (Reuters) - The ministers met on the sidelines of a summit.");
        assert_eq!(doc.places.len(), 1);
        assert!(doc.places[0].is_dateline());
        assert_eq!(doc.places[0].reading.country.as_deref(), Some("BEL"));
        let doc = code("ISTANBUL, March 5 (AP) — Negotiators met again.");
        assert_eq!(doc.places[0].reading.name, "Istanbul");
        assert!(doc.places[0].is_dateline());
    }

    #[test]
    fn common_words_that_are_towns_are_not_places() {
        assert!(words("Of the 20 victims, most were children.").is_empty());
        assert!(words("Reading the report, she frowned.").is_empty());
        assert!(words("Split the bill and leave.").is_empty());
        assert!(words("Police said the Nice people were kind.").is_empty());
        assert!(words("They will split the proceeds.").is_empty());
        assert!(words("Reading is fun.").is_empty());
        // With a place's context they are places.
        assert_eq!(words("The ferry docked in Split on Monday."), ["Split"]);
        assert_eq!(
            places("He grew up in Reading.")[0].2.as_deref(),
            Some("GBR")
        );
    }

    #[test]
    fn people_named_like_towns_are_not_places() {
        assert!(words("Barack Obama spoke. Later Obama left.").is_empty());
        assert!(words("President Kennedy spoke.").is_empty());
        assert!(words("A letter from Mr. Jackson arrived.").is_empty());
        assert!(words("Michael Jordan retired.").is_empty());
        assert!(words("The Washington Post reported it.").is_empty());
    }

    #[test]
    fn teams_currencies_and_longer_names_are_not_places() {
        assert!(words("Israel v France ended in a draw.").is_empty());
        assert!(words("The deal pleased the Liverpool boss.").is_empty());
        assert!(words("The fee was US$25,000.").is_empty());
        assert!(words("He was speaking to Martin Smith of PBS.").is_empty());
        assert_eq!(words("He flew to Paris on Friday."), ["Paris"]);
        assert!(words("Wales have played some fine rugby.").is_empty());
        assert_eq!(words("Wales has a new government."), ["Wales"]);
        let found = words("Both Saudi Arabia and the United States have alleged it.");
        assert_eq!(found, ["Saudi Arabia", "United States"]);
    }

    #[test]
    fn small_towns_alternate_names_are_not_taken_bare() {
        // "Serena" is GeoNames' alternate for La Serena, Chile.
        assert!(words("But Serena added that it hurt.").is_empty());
        assert_eq!(
            words("Protests spread in Bombay and Kiev."),
            ["Bombay", "Kiev"]
        );
        assert_eq!(words("The mayor said Bombay would recover."), ["Bombay"]);
    }

    #[test]
    fn us_and_uk_match_only_in_capitals() {
        assert_eq!(words("The US and the UK agreed."), ["US", "UK"]);
        assert!(words("Give us the report.").is_empty());
        assert_eq!(places("U.S. officials met.")[0].2.as_deref(), Some("USA"));
    }

    #[test]
    fn paris_texas_is_read_by_its_qualifier() {
        let paris = only("The storm hit Paris, Texas, overnight.");
        assert_eq!(paris.reading.admin1.as_deref(), Some("US.TX"));
        assert_eq!(paris.resolution, PlaceResolution::Qualifier);
        let doc = code("The storm hit Paris, Texas, overnight.");
        assert_eq!(doc.text(paris.span), "Paris, Texas");
        let paris = only("The leaders met in Paris.");
        assert_eq!(paris.reading.country.as_deref(), Some("FRA"));
        assert_eq!(paris.resolution, PlaceResolution::Population);
        // One "U.S." does not move Paris to Texas.
        let doc = code("U.S. diplomats met in Paris.");
        assert_eq!(doc.places[1].reading.country.as_deref(), Some("FRA"));
        // A story about Paris, Texas keeps reading it so.
        let doc = code("A tornado hit Paris, Texas. Paris has 25,000 people.");
        assert_eq!(doc.places[1].reading.admin1.as_deref(), Some("US.TX"));
        assert_eq!(doc.places[1].resolution, PlaceResolution::Story);
    }

    #[test]
    fn tripoli_is_read_by_the_story_country() {
        let found = places("Clashes broke out in Tripoli.");
        assert_eq!(found[0].2.as_deref(), Some("LBY"), "by population");
        let found = places("Lebanese troops deployed in Tripoli.");
        assert_eq!(found[0].2.as_deref(), Some("LBN"));
        let found = places("The army entered Tripoli. Beirut condemned the move.");
        assert_eq!(found[0].2.as_deref(), Some("LBN"));
        let found = places("Libyan forces took Tripoli, Lebanon said.");
        assert_eq!(found[0].2.as_deref(), Some("LBY"));
    }

    #[test]
    fn georgia_is_the_country_unless_the_story_is_in_the_state() {
        let georgia = only("Russian troops remain in Georgia.");
        assert_eq!(georgia.reading.kind, PlaceKind::Country);
        let doc = code("U.S. officials criticised Russia over Georgia.");
        let georgia = doc
            .places
            .iter()
            .find(|p| p.reading.name == "Georgia")
            .unwrap();
        assert_eq!(georgia.reading.kind, PlaceKind::Country);
        let doc = code("Voters in Atlanta lined up. Georgia counts its ballots.");
        let georgia = doc
            .places
            .iter()
            .find(|p| p.reading.name == "Georgia")
            .unwrap();
        assert_eq!(georgia.reading.admin1.as_deref(), Some("US.GA"));
        assert_eq!(georgia.resolution, PlaceResolution::Story);
        let doc = code("Protesters gathered in Tbilisi. Georgia's government resigned.");
        let georgia = doc
            .places
            .iter()
            .find(|p| p.reading.name == "Georgia")
            .unwrap();
        assert_eq!(georgia.reading.kind, PlaceKind::Country);
        let doc = code("Russia's envoy spoke as the U.S. state of Georgia voted.");
        let georgia = doc
            .places
            .iter()
            .find(|p| p.reading.name == "Georgia")
            .unwrap();
        assert_eq!(georgia.reading.admin1.as_deref(), Some("US.GA"));
        assert_eq!(georgia.resolution, PlaceResolution::Qualifier);
        let atlanta = only("The rally was in Atlanta, Georgia.");
        assert_eq!(atlanta.reading.admin1.as_deref(), Some("US.GA"));
    }

    #[test]
    fn main_names_outrank_alternates_and_states_outrank_small_towns() {
        // "Benin" is an alternate of Benin City, Nigeria.
        let found = places("Nigeria agreed, and Benin was to join.");
        assert_eq!(found[1].2.as_deref(), Some("BEN"));
        // Delaware, Ohio is a town of 40,000.
        let doc = code("The U.S. senator flew home to Delaware.");
        assert_eq!(doc.places[1].reading.kind, PlaceKind::Admin1);
        // Frankfurt is Frankfurt am Main shortened, good enough on its own.
        assert_eq!(
            words("Shares in London, Frankfurt and Paris rose."),
            ["London", "Frankfurt", "Paris"]
        );
        // Washington is the capital once the story names the United States.
        let doc = code("U.S. officials said Washington would respond.");
        assert_eq!(doc.places[1].reading.kind, PlaceKind::City);
    }

    #[test]
    fn regions_and_multiword_names() {
        assert_eq!(
            words("Tension is rising in the Middle East and the Gulf, as in the Balkans and the Sahel."),
            ["Middle East", "Gulf", "Balkans", "Sahel"]
        );
        let found =
            places("Shelling in Donbas and Crimea continued, and in Gaza and the West Bank.");
        let countries: Vec<_> = found.iter().map(|p| p.2.as_deref()).collect();
        assert_eq!(
            countries,
            [Some("UKR"), Some("UKR"), Some("PSE"), Some("PSE")]
        );
        assert_eq!(places("They flew to New York.")[0].1, "New York City");
        assert_eq!(places("Talks in São Paulo ended.")[0].1, "São Paulo");
    }

    #[test]
    fn months_and_institutions_are_no_places_without_a_qualifier() {
        let words = |text: &str| -> Vec<String> { places(text).into_iter().map(|p| p.0).collect() };
        assert_eq!(
            words("The championships are in Madrid in March."),
            ["Madrid"]
        );
        assert_eq!(
            words("He studied at the University of Maryland."),
            ["Maryland"]
        );
    }

    #[test]
    fn a_parse_replaces_capitalisation_guesses() {
        use dyad_doc::{Feats, Upos, WordSyntax};
        let mut doc = code("Talks in Istanbul ended.");
        let tag = |upos| WordSyntax {
            upos,
            xpos: String::new(),
            lemma: String::new(),
            feats: Feats::default(),
            head: None,
            deprel: "dep".into(),
        };
        doc.syntax = [Upos::Noun, Upos::Adp, Upos::Verb, Upos::Verb, Upos::Punct]
            .map(tag)
            .to_vec();
        assert!(PlaceStage::default().places(&doc).is_empty(), "tagged VERB");
        doc.syntax[2] = tag(Upos::Propn);
        assert_eq!(PlaceStage::default().places(&doc).len(), 1);
    }
}
