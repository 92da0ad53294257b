//! The immutable [`ActorDictionary`]: every alias of every entry, tokenized the way
//! stories are and stored in a trie over token ids, so that matching a sentence is
//! one hash lookup per word and a walk down the trie.

use crate::dict::{parse_file, AliasKind, Entry, FileSource, Parsed};
use crate::error::{Error, LoadErrors};
use crate::petrarch;
use dyad_text::Segmenter;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

/// The dictionaries shipped with dyad, compiled into the program so a fresh
/// checkout works offline. `main.txt` includes the rest.
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    ("main.txt", include_str!("../../../data/actors/main.txt")),
    (
        "countries.txt",
        include_str!("../../../data/actors/countries.txt"),
    ),
    (
        "countries-extra.txt",
        include_str!("../../../data/actors/countries-extra.txt"),
    ),
    (
        "organisations.txt",
        include_str!("../../../data/actors/organisations.txt"),
    ),
    (
        "agents.txt",
        include_str!("../../../data/actors/agents.txt"),
    ),
    (
        "people/leaders.txt",
        include_str!("../../../data/actors/people/leaders.txt"),
    ),
    (
        "people/extra.txt",
        include_str!("../../../data/actors/people/extra.txt"),
    ),
];

/// A small, fast hasher for token ids and short strings; the keys are our own
/// dictionary words, so collision attacks are no concern.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.add(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// One way an entry can be written, at the end of a trie path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`ActorDictionary::entries`].
    pub entry: u32,
    /// How the alias is used.
    pub kind: AliasKind,
    /// How the text must be written for the alias to match.
    pub case: Case,
}

/// Capitalisation an alias asks of the text, decided from how the alias is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// Common nouns match in any case ("troops", "Troops").
    Any,
    /// Names written with a capital need one: "May" the prime minister is not
    /// "may" the verb.
    Capital,
    /// Acronyms need capitals throughout: "WHO" is not "Who", "US" is not "Us".
    Upper,
}

impl Case {
    fn of(kind: AliasKind, text: &str) -> Case {
        let text = text
            .strip_prefix("the ")
            .or_else(|| text.strip_prefix("The "))
            .unwrap_or(text);
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        if kind == AliasKind::Noun || !text.chars().next().is_some_and(char::is_uppercase) {
            Case::Any
        } else if letters >= 2 && !text.contains(' ') && !text.chars().any(char::is_lowercase) {
            Case::Upper
        } else {
            Case::Capital
        }
    }

    /// Whether a word written `form` satisfies the alias's case (for an acronym,
    /// `form` is its first word, all of it).
    pub fn accepts(self, form: &str) -> bool {
        match self {
            Case::Any => true,
            Case::Capital => form.chars().next().is_some_and(char::is_uppercase),
            Case::Upper => !form.chars().any(char::is_lowercase),
        }
    }
}

/// An alias that can never match, for `dyad dict check`.
#[derive(Clone, Debug)]
pub struct Unmatchable {
    /// Index into [`ActorDictionary::entries`].
    pub entry: usize,
    /// The alias text.
    pub alias: String,
    /// The line it was written on.
    pub line: usize,
    /// Why it cannot match.
    pub reason: &'static str,
}

/// Counts from a PETRARCH import, as PETRARCH's reader would see the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportStats {
    /// The file.
    pub file: String,
    /// Entries: actor blocks, or agent lines with a code.
    pub entries: usize,
    /// Phrases stored, with synonyms, generated plurals and substitutions.
    pub phrases: usize,
    /// Date-restricted codes (`[USAGOV >090120]`).
    pub dated_codes: usize,
    /// Lines that were skipped, as `file:line: why` (PETRARCH skips them too).
    pub problems: Vec<String>,
}

/// The compiled, immutable dictionary. `Send + Sync`; build it once and share it.
pub struct ActorDictionary {
    entries: Vec<Entry>,
    declared: Vec<String>,
    vocab: FxMap<Box<str>, u32>,
    edges: FxMap<(u32, u32), u32>,
    /// Per trie node: index into `hits`, or `u32::MAX`.
    terminal: Vec<u32>,
    hits: Vec<Vec<Hit>>,
    unmatchable: Vec<Unmatchable>,
    imports: Vec<ImportStats>,
    countries: FxMap<Box<str>, u32>,
}

/// Collects dictionary sources, then compiles them.
#[derive(Default)]
pub struct ActorDictionaryBuilder {
    parsed: Parsed,
    errors: Vec<Error>,
    imports: Vec<ImportStats>,
}

impl ActorDictionaryBuilder {
    /// A builder with no dictionaries.
    pub fn new() -> Self {
        ActorDictionaryBuilder::default()
    }

    /// Adds the dictionaries shipped with dyad (`data/actors/main.txt` and what it includes).
    pub fn defaults(mut self) -> Self {
        let source = FileSource::Embedded(DEFAULT_FILES);
        parse_file(
            source,
            Path::new("main.txt"),
            &mut self.parsed,
            &mut self.errors,
        );
        for entry in &mut self.parsed.entries {
            if !entry.file.starts_with("data/actors/") {
                entry.file = format!("data/actors/{}", entry.file);
            }
        }
        self
    }

    /// Adds a dictionary file in dyad's format (and what it includes).
    pub fn file(mut self, path: &Path) -> Self {
        parse_file(FileSource::Disk, path, &mut self.parsed, &mut self.errors);
        self
    }

    /// Adds dictionary text held in memory, named `name` in errors.
    pub fn text(mut self, name: &str, text: &str) -> Self {
        let files = [(name, text)];
        parse_file(
            FileSource::Embedded(&files),
            Path::new(name),
            &mut self.parsed,
            &mut self.errors,
        );
        self
    }

    /// Imports a PETRARCH/TABARI actor dictionary (`Phoenix.Countries.actors.txt`).
    pub fn petrarch_actors(mut self, path: &Path) -> Self {
        match petrarch::read_actors(path) {
            Ok((entries, mut stats, errors)) => {
                self.parsed.entries.extend(entries);
                stats.problems = errors.iter().map(ToString::to_string).collect();
                self.imports.push(stats);
            }
            Err(e) => self.errors.push(e),
        }
        self
    }

    /// Imports a PETRARCH agent dictionary (`Phoenix.agents.txt`).
    pub fn petrarch_agents(mut self, path: &Path) -> Self {
        match petrarch::read_agents(path) {
            Ok((entries, mut stats, errors)) => {
                self.parsed.entries.extend(entries);
                stats.problems = errors.iter().map(ToString::to_string).collect();
                self.imports.push(stats);
            }
            Err(e) => self.errors.push(e),
        }
        self
    }

    /// Compiles everything read, or reports every error found while reading.
    pub fn build(self) -> Result<ActorDictionary, LoadErrors> {
        if !self.errors.is_empty() {
            return Err(LoadErrors(self.errors));
        }
        Ok(compile(self.parsed, self.imports))
    }
}

fn compile(parsed: Parsed, imports: Vec<ImportStats>) -> ActorDictionary {
    let mut dict = ActorDictionary {
        entries: Vec::new(),
        declared: parsed.declared.codes,
        vocab: FxMap::default(),
        edges: FxMap::default(),
        terminal: vec![u32::MAX],
        hits: Vec::new(),
        unmatchable: Vec::new(),
        imports,
        countries: FxMap::default(),
    };
    let segmenter = Segmenter::new();
    for (index, entry) in parsed.entries.iter().enumerate() {
        for alias in &entry.aliases {
            match alias_words(&segmenter, &alias.text) {
                Ok(words) => {
                    let hit = Hit {
                        entry: index as u32,
                        kind: alias.kind,
                        case: Case::of(alias.kind, &alias.text),
                    };
                    dict.insert(&words, hit);
                }
                Err(reason) => dict.unmatchable.push(Unmatchable {
                    entry: index,
                    alias: alias.text.clone(),
                    line: alias.line,
                    reason,
                }),
            }
        }
    }
    for (index, entry) in parsed.entries.iter().enumerate() {
        if entry.kind == crate::dict::EntryKind::Country {
            dict.countries
                .entry(entry.id.as_str().into())
                .or_insert(index as u32);
        }
    }
    dict.entries = parsed.entries;
    dict
}

/// The normalised words of an alias as the tokenizer splits them, without a
/// leading "the" (news writes "the Kremlin" and "The Kremlin"; the article is not
/// part of the name). An alias's words are its tokens, whatever sentences the
/// sentence model would find in it.
fn alias_words(segmenter: &Segmenter, text: &str) -> Result<Vec<String>, &'static str> {
    let mut words: Vec<String> = segmenter.tokens(text).into_iter().map(|t| t.norm).collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    if words.is_empty() || words.iter().all(|w| !w.chars().any(char::is_alphanumeric)) {
        return Err("it has no letters or digits after normalisation");
    }
    let acronym = !text.chars().any(char::is_lowercase);
    if words.len() == 1 && !acronym && STOPWORDS.contains(&words[0].as_str()) {
        return Err("it is a function word; it would match almost every sentence");
    }
    Ok(words)
}

/// Words that no alias may consist of alone.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "be", "but", "by", "for", "from", "he", "her", "his", "i", "in",
    "is", "it", "its", "of", "on", "or", "she", "that", "the", "they", "this", "to", "was", "we",
    "who", "with", "you",
];

impl ActorDictionary {
    fn insert(&mut self, words: &[String], hit: Hit) {
        let mut node = 0u32;
        for word in words {
            let next_id = self.vocab.len() as u32;
            let id = *self.vocab.entry(word.as_str().into()).or_insert(next_id);
            let next_node = self.terminal.len() as u32;
            node = *self.edges.entry((node, id)).or_insert(next_node);
            if node == next_node {
                self.terminal.push(u32::MAX);
            }
        }
        let slot = &mut self.terminal[node as usize];
        if *slot == u32::MAX {
            *slot = self.hits.len() as u32;
            self.hits.push(Vec::new());
        }
        let hits = &mut self.hits[*slot as usize];
        if !hits.contains(&hit) {
            hits.push(hit);
        }
    }

    /// The id of a normalised word, if any alias uses it.
    pub fn word_id(&self, norm: &str) -> Option<u32> {
        self.vocab.get(norm).copied()
    }

    /// Follows the trie from `node` by word `id`.
    pub fn step(&self, node: u32, id: u32) -> Option<u32> {
        self.edges.get(&(node, id)).copied()
    }

    /// The aliases ending at trie `node`.
    pub fn hits_at(&self, node: u32) -> &[Hit] {
        match self.terminal[node as usize] {
            u32::MAX => &[],
            slot => &self.hits[slot as usize],
        }
    }

    /// The country entry whose code is `code` (`TUR`), if any.
    pub fn country(&self, code: &str) -> Option<&Entry> {
        self.countries.get(code).map(|&i| &self.entries[i as usize])
    }

    /// All entries, in the order read.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Codes declared valid with `codes` lines.
    pub fn declared_codes(&self) -> &[String] {
        &self.declared
    }

    /// Aliases that can never match.
    pub fn unmatchable(&self) -> &[Unmatchable] {
        &self.unmatchable
    }

    /// What each PETRARCH import read.
    pub fn imports(&self) -> &[ImportStats] {
        &self.imports
    }

    /// Number of distinct normalised alias phrases.
    pub fn phrase_count(&self) -> usize {
        self.hits.len()
    }

    /// The normalised words of `text` as an alias would be stored (for the lint),
    /// tokenized by `segmenter`.
    pub fn alias_key(segmenter: &Segmenter, text: &str) -> Option<Vec<String>> {
        alias_words(segmenter, text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<ActorDictionary>();
    }

    #[test]
    fn aliases_are_tokenized_like_stories_and_lose_a_leading_the() {
        let dict = ActorDictionaryBuilder::new()
            .text(
                "t.txt",
                "country USA United States\n  names: U.S. | the White House\n",
            )
            .build()
            .unwrap();
        let walk = |words: &[&str]| {
            words
                .iter()
                .try_fold(0u32, |node, w| dict.step(node, dict.word_id(w)?))
        };
        assert!(!dict.hits_at(walk(&["u.s."]).unwrap()).is_empty());
        assert!(!dict.hits_at(walk(&["white", "house"]).unwrap()).is_empty());
        assert!(walk(&["the", "white"]).is_none());
        assert_eq!(
            dict.hits_at(walk(&["united", "states"]).unwrap())[0].case,
            Case::Capital
        );
        assert_eq!(dict.hits_at(walk(&["u.s."]).unwrap())[0].case, Case::Upper);
        assert!(!Case::Upper.accepts("Us") && Case::Upper.accepts("US"));
    }

    #[test]
    fn the_shipped_dictionaries_load() {
        let dict = ActorDictionaryBuilder::new().defaults().build().unwrap();
        assert!(dict.entries().len() > 1000);
    }
}
