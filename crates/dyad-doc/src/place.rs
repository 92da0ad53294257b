//! Places named in a story, as the place stage finds them: the words, the gazetteer
//! entry they were read as, and why.

use crate::{Location, Span};
use std::fmt;
use std::ops::Range;

/// What sort of place a gazetteer entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A populated place (a city or town).
    City,
    /// A first-level division of a country (a US state).
    Admin1,
    /// A country or territory.
    Country,
    /// A region that is not a country: "the Middle East", "Gaza", "Crimea".
    Region,
}

impl PlaceKind {
    /// The kind in lower case, for output (`city`, `admin1`, `country`, `region`).
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::Admin1 => "admin1",
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
        }
    }
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One reading of a place name: a gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceReading {
    /// The place as the gazetteer names it.
    pub name: String,
    /// ISO 3166 alpha-3 country, when the place is in one.
    pub country: Option<String>,
    /// First-level division as GeoNames keys it (`US.TX`, `BE.11`), when known.
    pub admin1: Option<String>,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Population, 0 when unknown (regions).
    pub population: u64,
    /// GeoNames id; `None` for hand-written regions.
    pub geonames_id: Option<u32>,
    /// City, division, country or region.
    pub kind: PlaceKind,
}

/// Why some words were taken as a place name at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceCue {
    /// The story's dateline ("BRUSSELS (Reuters) -").
    Dateline,
    /// After a locative preposition ("met in Brussels").
    Preposition,
    /// Followed by its country or state ("Paris, Texas").
    Qualified,
    /// A proper noun on its own ("Turkey said").
    ProperNoun,
}

impl PlaceCue {
    /// The cue in words, for `dyad places`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceCue::Dateline => "dateline",
            PlaceCue::Preposition => "after a preposition",
            PlaceCue::Qualified => "followed by its country or state",
            PlaceCue::ProperNoun => "proper noun",
        }
    }
}

/// How one reading was chosen among the gazetteer entries that share the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceResolution {
    /// The name has one entry.
    Only,
    /// The text names the country or state: "Paris, Texas", "Tripoli, Lebanon".
    Qualifier,
    /// The story names the country or a place in the same division ("Lebanese",
    /// "Atlanta").
    Story,
    /// Nothing in the story decides: the most populous reading (the event's actors
    /// may still decide, see `alternatives`).
    Population,
}

impl PlaceResolution {
    /// The resolution in words, for `dyad places`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceResolution::Only => "only reading",
            PlaceResolution::Qualifier => "named country or state follows",
            PlaceResolution::Story => "story names its country or division",
            PlaceResolution::Population => "most populous reading",
        }
    }
}

/// A place named in the story.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The words, as indexes into [`Document::tokens`](crate::Document::tokens);
    /// a qualifier is included ("Paris , Texas").
    pub tokens: Range<usize>,
    /// Where those words are in the story text.
    pub span: Span,
    /// The chosen gazetteer entry.
    pub reading: PlaceReading,
    /// Other readings of the same name, best first; kept only when the choice was
    /// made by population, so that an event's actors can still decide.
    pub alternatives: Vec<PlaceReading>,
    /// Why the words were taken as a place.
    pub cue: PlaceCue,
    /// How the reading was chosen.
    pub resolution: PlaceResolution,
}

impl Place {
    /// True when the place is the story's dateline.
    pub fn is_dateline(&self) -> bool {
        self.cue == PlaceCue::Dateline
    }

    /// The place as the event record's location.
    pub fn to_location(&self) -> Location {
        self.reading.to_location(self.span)
    }
}

impl PlaceReading {
    /// This reading as the event record's location, named by the words at `span`.
    pub fn to_location(&self, span: Span) -> Location {
        Location {
            name: self.name.clone(),
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            lat: self.lat,
            lon: self.lon,
            span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_becomes_the_event_location() {
        let place = Place {
            tokens: 4..5,
            span: Span::new(20, 28),
            reading: PlaceReading {
                name: "Brussels".into(),
                country: Some("BEL".into()),
                admin1: Some("BE.11".into()),
                lat: 50.85,
                lon: 4.35,
                population: 1_019_022,
                geonames_id: Some(2800866),
                kind: PlaceKind::City,
            },
            alternatives: Vec::new(),
            cue: PlaceCue::Preposition,
            resolution: PlaceResolution::Only,
        };
        let location = place.to_location();
        assert_eq!(location.name, "Brussels");
        assert_eq!(location.country.as_deref(), Some("BEL"));
        assert_eq!(location.span, Span::new(20, 28));
        assert!(!place.is_dateline());
    }
}
