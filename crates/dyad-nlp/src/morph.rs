//! Lemmas and morphological features, learned from the treebank's words: a
//! lookup of every (form, tag) seen, then suffix edit rules per tag for unseen
//! words. Voice is decided from the parse, since EWT marks it on participles by
//! their construction ("was pressed", "the pressed issue").

use crate::codec::{Decoder, Encoder};
use crate::hash::{hash_str, mix, BuildPassThrough};
use crate::treebank::TreeSentence;
use crate::ModelError;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Longest suffix the edit rules look at, in characters.
const MAX_SUFFIX: usize = 5;
/// Words a rule for a suffix of three or more characters must be seen on, so a
/// single "shipped → ship" does not teach "wiped → wi".
const MIN_LONG_SUFFIX_SUPPORT: u32 = 2;

/// How to turn a form into its lemma: optionally lower-case it, cut characters
/// off the end, append a string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct EditRule {
    lowercase: bool,
    cut: u8,
    append: String,
}

impl EditRule {
    fn learn(form: &str, lemma: &str) -> EditRule {
        let lower = form.to_lowercase();
        let keep_case = common_prefix(form, lemma);
        let lowered = common_prefix(&lower, lemma);
        let (lowercase, base, prefix) = if lowered > keep_case {
            (true, lower.as_str(), lowered)
        } else {
            (false, form, keep_case)
        };
        let cut = base.chars().count() - prefix;
        EditRule {
            lowercase,
            cut: cut.min(255) as u8,
            append: lemma.chars().skip(prefix).collect(),
        }
    }

    fn apply(&self, form: &str) -> Option<String> {
        let base = if self.lowercase {
            form.to_lowercase()
        } else {
            form.to_owned()
        };
        let chars = base.chars().count();
        let keep = chars.checked_sub(self.cut as usize)?;
        let mut lemma: String = base.chars().take(keep).collect();
        lemma.push_str(&self.append);
        (!lemma.is_empty()).then_some(lemma)
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Lemmas and features for words given their Penn tags.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Morphology {
    strings: Vec<String>,
    /// (form, xpos) → lemma string.
    exact_lemma: HashMap<u64, u32, BuildPassThrough>,
    /// (lower-cased form, xpos) → lemma string.
    lower_lemma: HashMap<u64, u32, BuildPassThrough>,
    rules: Vec<EditRule>,
    /// (xpos, suffix) → rule; the empty suffix is the tag's default.
    suffix_rule: HashMap<u64, u32, BuildPassThrough>,
    /// (lower-cased form, xpos) → features string.
    exact_feats: HashMap<u64, u32, BuildPassThrough>,
    /// xpos → features string.
    tag_feats: HashMap<u64, u32, BuildPassThrough>,
    /// Every lemma seen in training with its word class ([`known_key`]): a guessed
    /// lemma that is a known word of the class beats one that is not ("bombed" →
    /// "bomb", not "bombe").
    known_lemmas: HashSet<u64, BuildPassThrough>,
}

fn key(form: &str, xpos: &str) -> u64 {
    mix(hash_str(form), hash_str(xpos))
}

fn suffix_key(xpos: &str, lower: &str, len: usize) -> u64 {
    // The last `len` characters, sliced rather than copied.
    let start = match len {
        0 => lower.len(),
        n => lower.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i),
    };
    mix(mix(hash_str(xpos), hash_str(&lower[start..])), len as u64)
}

impl Morphology {
    /// The lemma of `form` tagged `xpos`, and its features before the parse
    /// adds Voice.
    pub(crate) fn analyze(&self, form: &str, xpos: &str) -> (String, &str) {
        let lower = form.to_lowercase();
        let lower_key = key(&lower, xpos);
        let feats = self
            .exact_feats
            .get(&lower_key)
            .or_else(|| self.tag_feats.get(&hash_str(xpos)))
            .map_or("", |&id| self.strings[id as usize].as_str());
        (self.lemma(form, &lower, lower_key, xpos), feats)
    }

    fn lemma(&self, form: &str, lower: &str, lower_key: u64, xpos: &str) -> String {
        if let Some(&id) = self.exact_lemma.get(&key(form, xpos)) {
            return self.strings[id as usize].clone();
        }
        if let Some(&id) = self.lower_lemma.get(&lower_key) {
            return self.strings[id as usize].clone();
        }
        if xpos == "CD" && form.contains(',') && form.chars().any(|c| c.is_ascii_digit()) {
            // EWT writes the lemma of "1,200" as "1200".
            return form.replace(',', "");
        }
        let base = rule_base(form, xpos);
        let len = lower.chars().count();
        let from_rules: Vec<String> = (0..=len.min(MAX_SUFFIX))
            .rev()
            .filter_map(|n| self.suffix_rule.get(&suffix_key(xpos, lower, n)))
            .filter_map(|&rule| self.rules[rule as usize].apply(&base))
            .collect();
        let candidates = from_rules
            .iter()
            .cloned()
            .chain(inflection_candidates(&base, xpos));
        let mut first = None;
        for candidate in candidates {
            if self.known_lemmas.contains(&known_key(&candidate, xpos)) {
                return candidate;
            }
            first.get_or_insert(candidate);
        }
        first.unwrap_or_else(|| form.to_owned())
    }

    /// Learns from every word of `sentences`.
    pub(crate) fn train(sentences: &[&TreeSentence]) -> Morphology {
        let mut counts = Counts::default();
        let mut known_lemmas = HashSet::default();
        for word in sentences.iter().flat_map(|s| s.words.iter()) {
            counts.add(
                &word.form,
                &word.xpos,
                &word.lemma,
                &without_voice(&word.feats),
            );
            known_lemmas.insert(known_key(&word.lemma, &word.xpos));
        }
        let mut morphology = counts.compile();
        morphology.known_lemmas = known_lemmas;
        morphology
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        out.strs(&self.strings);
        for table in [&self.exact_lemma, &self.lower_lemma] {
            encode_table(table, out);
        }
        out.len(self.rules.len());
        for rule in &self.rules {
            out.u8(u8::from(rule.lowercase));
            out.u8(rule.cut);
            out.str(&rule.append);
        }
        for table in [&self.suffix_rule, &self.exact_feats, &self.tag_feats] {
            encode_table(table, out);
        }
        let mut known: Vec<u64> = self.known_lemmas.iter().copied().collect();
        known.sort_unstable();
        out.len(known.len());
        for lemma in known {
            out.u64(lemma);
        }
    }

    pub(crate) fn decode(input: &mut Decoder<'_>) -> Result<Morphology, ModelError> {
        let strings = input.strs()?;
        let exact_lemma = decode_table(input, strings.len())?;
        let lower_lemma = decode_table(input, strings.len())?;
        let n = input.len(6)?;
        let mut rules = Vec::with_capacity(n);
        for _ in 0..n {
            rules.push(EditRule {
                lowercase: input.u8()? != 0,
                cut: input.u8()?,
                append: input.str()?,
            });
        }
        Ok(Morphology {
            exact_lemma,
            lower_lemma,
            suffix_rule: decode_table(input, rules.len())?,
            rules,
            exact_feats: decode_table(input, strings.len())?,
            tag_feats: decode_table(input, strings.len())?,
            known_lemmas: {
                let n = input.len(8)?;
                let mut known = HashSet::with_capacity_and_hasher(n, BuildPassThrough::default());
                for _ in 0..n {
                    known.insert(input.u64()?);
                }
                known
            },
            strings,
        })
    }
}

/// A known lemma with its word class: a verb's guess is checked against verb
/// lemmas only ("severed" is not the adjective "severe"), a noun's against common
/// nouns ("doses" is not "DOS").
fn known_key(lemma: &str, xpos: &str) -> u64 {
    let class = match xpos {
        x if x.starts_with("VB") => 1,
        "NN" | "NNS" => 2,
        x if x.starts_with("JJ") => 3,
        _ => 4,
    };
    mix(hash_str(&lemma.to_lowercase()), class)
}

/// Lemmas English inflection could give a verb or noun form, for checking against
/// the known lemmas: "raided" → raid, "raide"; "patrolled" → patrol; "carries" →
/// carry.
fn inflection_candidates(base: &str, xpos: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut strip = |suffix: &str, add: &str, undouble: bool| {
        if let Some(stem) = base.strip_suffix(suffix) {
            let mut stem = stem.to_owned();
            let chars: Vec<char> = stem.chars().collect();
            if undouble && chars.len() >= 2 && chars[chars.len() - 1] == chars[chars.len() - 2] {
                stem.pop();
            }
            if !stem.is_empty() {
                out.push(stem + add);
            }
        }
    };
    match xpos {
        "VBD" | "VBN" => {
            strip("ied", "y", false);
            strip("ed", "", false);
            strip("d", "", false);
            strip("ed", "", true);
        }
        "VBG" => {
            strip("ing", "", false);
            strip("ing", "e", false);
            strip("ing", "", true);
        }
        "VBZ" | "NNS" => {
            strip("ies", "y", false);
            strip("es", "", false);
            strip("s", "", false);
        }
        _ => {}
    }
    out
}

/// The form the suffix rules work on: proper nouns, addresses, acronyms and
/// words with digits as written, other words lower-cased (EWT lemmatizes "Talks"
/// at a sentence start to "talk", but "NATO" to "NATO").
fn rule_base(form: &str, xpos: &str) -> String {
    let proper =
        xpos.starts_with("NNP") || xpos == "ADD" || form.chars().any(|c| c.is_ascii_digit());
    let acronym = form.chars().nth(1).is_some()
        && form.chars().any(char::is_uppercase)
        && !form.chars().any(char::is_lowercase);
    if proper || acronym {
        form.to_owned()
    } else {
        form.to_lowercase()
    }
}

/// EWT's features without Voice, which [`voice_is_passive`] decides.
fn without_voice(feats: &str) -> String {
    feats
        .split('|')
        .filter(|f| !f.is_empty() && !f.starts_with("Voice="))
        .collect::<Vec<_>>()
        .join("|")
}

/// Relations that make their head a passive participle.
pub(crate) fn marks_passive(deprel: &str) -> bool {
    matches!(
        deprel,
        "aux:pass" | "nsubj:pass" | "csubj:pass" | "obl:agent"
    )
}

/// Whether a participle is passive: EWT marks Voice=Pass on participles with a
/// passive dependent ([`marks_passive`]) and on those used as modifiers ("the
/// pressed issue", "talks held in Brussels").
pub(crate) fn voice_is_passive(xpos: &str, deprel: &str, has_passive_dependent: bool) -> bool {
    xpos == "VBN" && (has_passive_dependent || matches!(deprel, "amod" | "acl" | "xcomp"))
}

#[derive(Default)]
struct Counts {
    exact_lemma: BTreeMap<(String, String), BTreeMap<String, u32>>,
    lower_lemma: BTreeMap<(String, String), BTreeMap<String, u32>>,
    suffix_rule: BTreeMap<(String, String, usize), BTreeMap<EditRule, u32>>,
    exact_feats: BTreeMap<(String, String), BTreeMap<String, u32>>,
    tag_feats: BTreeMap<String, BTreeMap<String, u32>>,
}

fn count<K: Ord, V: Ord>(map: &mut BTreeMap<K, BTreeMap<V, u32>>, key: K, value: V) {
    *map.entry(key).or_default().entry(value).or_default() += 1;
}

/// The most frequent value; the smallest on ties, so training is deterministic.
fn most_frequent<V: Ord + Clone>(values: &BTreeMap<V, u32>) -> V {
    let mut best: Option<(&V, u32)> = None;
    for (v, &n) in values {
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((v, n));
        }
    }
    best.expect("non-empty counts").0.clone()
}

impl Counts {
    fn add(&mut self, form: &str, xpos: &str, lemma: &str, feats: &str) {
        let lower = form.to_lowercase();
        count(
            &mut self.exact_lemma,
            (form.into(), xpos.into()),
            lemma.to_owned(),
        );
        count(
            &mut self.lower_lemma,
            (lower.clone(), xpos.into()),
            lemma.to_owned(),
        );
        let rule = EditRule::learn(&rule_base(form, xpos), lemma);
        let chars: Vec<char> = lower.chars().collect();
        for n in 0..=chars.len().min(MAX_SUFFIX) {
            let suffix: String = chars[chars.len() - n..].iter().collect();
            count(
                &mut self.suffix_rule,
                (xpos.into(), suffix, n),
                rule.clone(),
            );
        }
        count(
            &mut self.exact_feats,
            (lower, xpos.into()),
            feats.to_owned(),
        );
        count(&mut self.tag_feats, xpos.to_owned(), feats.to_owned());
    }

    fn compile(self) -> Morphology {
        let mut strings: Vec<String> = Vec::new();
        let mut string_ids: HashMap<String, u32> = HashMap::new();
        let mut intern = |s: String| -> u32 {
            *string_ids.entry(s.clone()).or_insert_with(|| {
                strings.push(s);
                strings.len() as u32 - 1
            })
        };
        let mut table = |map: BTreeMap<(String, String), BTreeMap<String, u32>>| {
            map.into_iter()
                .map(|((form, xpos), values)| (key(&form, &xpos), intern(most_frequent(&values))))
                .collect::<HashMap<_, _, BuildPassThrough>>()
        };
        let exact_lemma = table(self.exact_lemma);
        let lower_lemma = table(self.lower_lemma);
        let exact_feats = table(self.exact_feats);
        let tag_feats = self
            .tag_feats
            .into_iter()
            .map(|(xpos, values)| (hash_str(&xpos), intern(most_frequent(&values))))
            .collect();
        let mut rules: Vec<EditRule> = Vec::new();
        let mut suffix_rule = HashMap::default();
        for ((xpos, suffix, n), values) in self.suffix_rule {
            let rule = most_frequent(&values);
            if n >= 3 && values[&rule] < MIN_LONG_SUFFIX_SUPPORT {
                continue;
            }
            let id = rules.iter().position(|r| *r == rule).unwrap_or_else(|| {
                rules.push(rule);
                rules.len() - 1
            });
            suffix_rule.insert(suffix_key(&xpos, &suffix, n), id as u32);
        }
        Morphology {
            strings,
            exact_lemma,
            lower_lemma,
            rules,
            suffix_rule,
            exact_feats,
            tag_feats,
            known_lemmas: HashSet::default(),
        }
    }
}

fn encode_table(table: &HashMap<u64, u32, BuildPassThrough>, out: &mut Encoder) {
    let mut entries: Vec<(u64, u32)> = table.iter().map(|(&k, &v)| (k, v)).collect();
    entries.sort_unstable();
    out.len(entries.len());
    for (k, v) in entries {
        out.u64(k);
        out.u32(v);
    }
}

fn decode_table(
    input: &mut Decoder<'_>,
    values: usize,
) -> Result<HashMap<u64, u32, BuildPassThrough>, ModelError> {
    let n = input.len(12)?;
    let mut table = HashMap::with_capacity_and_hasher(n, BuildPassThrough::default());
    for _ in 0..n {
        let k = input.u64()?;
        let v = input.u32()?;
        if v as usize >= values {
            return Err(ModelError::Corrupt(
                "lemma table points past its strings".into(),
            ));
        }
        table.insert(k, v);
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_rules_carry_case_and_suffix_changes() {
        let rule = EditRule::learn("pressed", "press");
        assert_eq!(rule.apply("stressed").as_deref(), Some("stress"));
        let rule = EditRule::learn("The", "the");
        assert!(rule.lowercase);
        assert_eq!(rule.apply("A").as_deref(), Some("a"));
        let rule = EditRule::learn("Blinken", "Blinken");
        assert_eq!(rule.apply("Fidan").as_deref(), Some("Fidan"));
        assert_eq!(
            EditRule::learn("went", "go").apply("went").as_deref(),
            Some("go")
        );
    }

    #[test]
    fn voice_comes_from_the_construction() {
        assert!(voice_is_passive("VBN", "root", marks_passive("aux:pass")));
        assert!(voice_is_passive("VBN", "acl", false));
        assert!(!voice_is_passive("VBN", "root", marks_passive("aux")));
        assert!(!voice_is_passive("VBD", "root", true));
    }
}
