//! Word lists the tokenizer and splitter consult, built once per [`Segmenter`](crate::Segmenter).

use std::collections::HashSet;

/// Abbreviations that take a full stop, hyphen prefixes that stay attached, and the
/// words that usually start a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    titles: HashSet<&'static str>,
    abbreviations: HashSet<&'static str>,
    prefixes: HashSet<&'static str>,
    starters: HashSet<&'static str>,
}

/// Titles before a name: a full stop after them never ends a sentence.
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Reps", "Gov", "Lt", "Col", "Capt",
    "Sgt", "Maj", "Adm", "Cmdr", "Cpl", "Pvt", "Brig", "Rev", "Fr", "Hon", "Pres", "Supt", "Insp",
    "Messrs", "Mme", "Mlle", "Sens", "Gens", "Det", "Atty", "Amb", "St", "Ft", "Mt", "Ste",
];

/// Words that stand before a person's name, normalised ("Mr Brown", "Sen.
/// Durbin", "President Kennedy"): the name after them is a person's, and the
/// word itself is no given name.
pub const PERSON_TITLES: &[&str] = &[
    "admiral",
    "ambassador",
    "archbishop",
    "ayatollah",
    "bishop",
    "capt",
    "capt.",
    "captain",
    "cardinal",
    "chairman",
    "chairwoman",
    "chancellor",
    "coach",
    "col",
    "col.",
    "colonel",
    "commander",
    "comrade",
    "dame",
    "dr",
    "dr.",
    "emir",
    "emperor",
    "envoy",
    "father",
    "gen",
    "gen.",
    "general",
    "gov",
    "gov.",
    "governor",
    "imam",
    "judge",
    "justice",
    "king",
    "lady",
    "lord",
    "lt.",
    "marshal",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "mullah",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "prof",
    "prof.",
    "professor",
    "queen",
    "rep",
    "rep.",
    "representative",
    "rev",
    "rev.",
    "secretary",
    "sen",
    "sen.",
    "senator",
    "sgt.",
    "sheik",
    "sheikh",
    "sir",
    "speaker",
];

/// Whether `norm` (a normalised word) is a title before a person's name.
pub fn is_person_title(norm: &str) -> bool {
    PERSON_TITLES.contains(&norm)
}

/// Other abbreviations that keep their full stop; these may end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Inc", "Corp", "Co", "Ltd", "Llc", "Bros", "Jr", "Sr", "Esq", "Ph.D", "etc", "vs", "al",
    "approx", "est", "dept", "Dept", "Univ", "Ave", "Blvd", "Rd", "Hwy", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed",
    "Thu", "Thur", "Thurs", "Fri", "Sat", "Calif", "Mass", "Conn", "Fla", "Ga", "Ill", "Mich",
    "Minn", "Pa", "Va", "Tex", "Ariz", "Colo", "La", "Md", "Okla", "Ore", "Tenn", "Wis", "Ky",
    "Ala", "Ark", "Kan", "Neb", "Nev", "Wash", "Vt", "Del", "Miss", "Mo", "Ind", "Ia", "Wyo",
    "Vol", "vol", "pp", "cf", "ca", "viz", "ft", "lb", "lbs", "oz", "mi", "km", "No", "no", "Nos",
    "Fig", "fig", "Gov't", "Dist", "Comm", "Assn", "Intl", "Natl", "Arrv", "arrv",
];

/// Hyphenated prefixes that UD English keeps inside the word (`e-mail`, `anti-war`).
const PREFIXES: &[&str] = &[
    "e", "a", "co", "non", "post", "pre", "pro", "ex", "multi", "mid", "re", "anti", "semi", "un",
    "sub", "inter", "intra", "counter", "de", "neo", "bi", "tri", "pseudo", "quasi", "ultra",
    "micro", "macro", "mega", "mis", "over", "under", "hyper", "mono", "poly", "extra", "trans",
    "infra", "cyber", "geo", "socio", "eco", "uni", "mini", "auto", "contra", "meta",
];

/// Capitalised words that, after an abbreviation's full stop, signal a new sentence.
const STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "or",
    "so",
    "in",
    "on",
    "at",
    "for",
    "if",
    "when",
    "while",
    "as",
    "after",
    "before",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "yet",
    "meanwhile",
    "however",
    "also",
    "some",
    "many",
    "most",
    "all",
    "no",
    "not",
    "what",
    "why",
    "how",
    "where",
    "who",
    "since",
    "although",
    "though",
    "because",
    "then",
    "thus",
    "still",
    "please",
    "thanks",
    "thank",
    "officials",
    "police",
    "both",
    "each",
    "one",
    "two",
    "three",
    "here",
    "now",
    "today",
    "yesterday",
    "last",
    "earlier",
    "later",
    "according",
    "under",
    "with",
    "without",
    "by",
    "from",
    "to",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "let",
    "let's",
    "we're",
];

impl Lexicon {
    pub(crate) fn english() -> Lexicon {
        Lexicon {
            titles: TITLES.iter().copied().collect(),
            abbreviations: ABBREVIATIONS.iter().copied().collect(),
            prefixes: PREFIXES.iter().copied().collect(),
            starters: STARTERS.iter().copied().collect(),
        }
    }

    /// `word` (without its full stop) is a title such as `Mr` or `Gen`.
    pub(crate) fn is_title(&self, word: &str) -> bool {
        self.titles.contains(word) || self.titles.contains(capitalised(word).as_str())
    }

    /// `word` (without its full stop) keeps a following full stop.
    pub(crate) fn takes_full_stop(&self, word: &str) -> bool {
        self.is_title(word) || self.abbreviations.contains(word)
    }

    /// `prefix`, lower-cased, stays joined to the rest of a hyphenated word.
    pub(crate) fn is_prefix(&self, prefix: &str) -> bool {
        self.prefixes.contains(prefix)
    }

    /// `word`, lower-cased, commonly starts a sentence.
    pub(crate) fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}
