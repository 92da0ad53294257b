//! Choosing one reading for each place mention.
//!
//! A name with several gazetteer entries is read, in this order of strength:
//! 1. as its qualifier says ("Paris, Texas");
//! 2. as the rest of the story suggests: a place in the same first-level division
//!    ("Atlanta" for Georgia the state) counts most, then the country, named by a
//!    country name, an adjective ("Lebanese") or an unambiguous place in it;
//! 3. by population (log10), which the story's evidence can overturn only when the
//!    readings are close: a story that says "U.S." once still reads "Paris" as
//!    the French capital, not the Texan town of 25,000.

use crate::gazetteer::Gazetteer;
use crate::mention::{Found, Mention};
use dyad_doc::{Document, Place, PlaceKind, PlaceReading, PlaceResolution, Span};

/// Bonus for a reading in a division another place of the story lies in.
const SAME_DIVISION: f64 = 3.0;
/// Bonus for a reading in a country the story names.
const SAME_COUNTRY: f64 = 1.5;
/// Penalty for a city the name is only a GeoNames alternate of, when the name is
/// also a country's: "Benin" is the country before it is Benin City.
const BY_ALTERNATE: f64 = 1.0;
/// How many other readings a place keeps for the event's actors to choose from.
const ALTERNATIVES: usize = 4;

/// What the story says about where it is, and which mention said it.
struct Evidence<'g> {
    /// ISO3 countries with the mention that named them (`None`: an adjective).
    countries: Vec<(Option<usize>, &'g str)>,
    /// GeoNames admin-1 keys with the mention that named them.
    divisions: Vec<(usize, &'g str)>,
}

/// The places of `found`, each with its chosen reading.
pub(crate) fn resolve(gazetteer: &Gazetteer, doc: &Document, found: Found) -> Vec<Place> {
    let evidence = Evidence::gather(gazetteer, &found);
    found
        .mentions
        .iter()
        .enumerate()
        .map(|(k, mention)| place(gazetteer, doc, &evidence, k, mention))
        .collect()
}

impl<'g> Evidence<'g> {
    fn gather(gazetteer: &'g Gazetteer, found: &Found<'g>) -> Evidence<'g> {
        let mut evidence = Evidence {
            countries: found
                .adjective_countries
                .iter()
                .map(|&c| (None, c))
                .collect(),
            divisions: Vec::new(),
        };
        for (k, mention) in found.mentions.iter().enumerate() {
            let readings: Vec<&PlaceReading> = candidates(mention)
                .iter()
                .map(|&e| &gazetteer.entry(e).reading)
                .collect();
            if let Some(country) = shared(&readings, |r| r.country.as_deref()) {
                evidence.countries.push((Some(k), country));
            }
            if let Some(division) = shared(&readings, |r| r.admin1.as_deref()) {
                evidence.divisions.push((k, division));
            }
        }
        evidence
    }

    /// How much the rest of the story (not mention `k` itself) favours `reading`.
    fn bonus(&self, k: usize, reading: &PlaceReading) -> f64 {
        let mut bonus = 0.0;
        if let Some(division) = reading.admin1.as_deref() {
            if self.divisions.iter().any(|&(m, d)| m != k && d == division) {
                bonus += SAME_DIVISION;
            }
        }
        // A division is not made likelier by its country: "U.S." in a story does not
        // make Georgia the state.
        if reading.kind != PlaceKind::Admin1 {
            if let Some(country) = reading.country.as_deref() {
                if self
                    .countries
                    .iter()
                    .any(|&(m, c)| m != Some(k) && c == country)
                {
                    bonus += SAME_COUNTRY;
                }
            }
        }
        bonus
    }
}

/// The entries a mention may stand for: those its qualifier leaves, or all.
fn candidates(mention: &Mention) -> &[u32] {
    mention.qualified.as_deref().unwrap_or(&mention.entries)
}

/// The value every reading has, when they agree on one.
fn shared<'g>(
    readings: &[&'g PlaceReading],
    field: impl Fn(&'g PlaceReading) -> Option<&'g str>,
) -> Option<&'g str> {
    let first = field(readings.first()?)?;
    readings
        .iter()
        .all(|r| field(r) == Some(first))
        .then_some(first)
}

fn place(
    gazetteer: &Gazetteer,
    doc: &Document,
    evidence: &Evidence,
    k: usize,
    mention: &Mention,
) -> Place {
    let entries = candidates(mention);
    let country_named = entries
        .iter()
        .any(|&e| gazetteer.entry(e).reading.kind == PlaceKind::Country);
    let mut scored: Vec<(f64, f64, u32)> = entries
        .iter()
        .map(|&e| {
            let entry = gazetteer.entry(e);
            let penalty = if country_named && mention.by_alternate.contains(&e) {
                BY_ALTERNATE
            } else {
                0.0
            };
            (
                entry.weight() - penalty,
                evidence.bonus(k, &entry.reading),
                e,
            )
        })
        .collect();
    // Best first: weight plus bonus, then weight alone, then gazetteer order.
    scored.sort_by(|a, b| {
        (b.0 + b.1)
            .total_cmp(&(a.0 + a.1))
            .then(b.0.total_cmp(&a.0))
            .then(a.2.cmp(&b.2))
    });
    let resolution = resolution(mention, &scored);
    let alternatives = if resolution == PlaceResolution::Population {
        scored[1..]
            .iter()
            .take(ALTERNATIVES)
            .map(|s| gazetteer.entry(s.2).reading.clone())
            .collect()
    } else {
        Vec::new()
    };
    let words = &doc.tokens[mention.tokens.clone()];
    Place {
        tokens: mention.tokens.clone(),
        span: Span::new(words[0].span.start, words[words.len() - 1].span.end),
        reading: gazetteer.entry(scored[0].2).reading.clone(),
        alternatives,
        cue: mention.cue,
        resolution,
    }
}

/// How the first of `scored` (weight, bonus, entry; best first) was chosen.
fn resolution(mention: &Mention, scored: &[(f64, f64, u32)]) -> PlaceResolution {
    if mention.qualified.is_some() {
        return PlaceResolution::Qualifier;
    }
    if scored.len() == 1 {
        return PlaceResolution::Only;
    }
    let (_, best_bonus, _) = scored[0];
    let others_bonus = scored[1..].iter().map(|s| s.1).fold(0.0, f64::max);
    if best_bonus > others_bonus {
        PlaceResolution::Story
    } else {
        PlaceResolution::Population
    }
}
