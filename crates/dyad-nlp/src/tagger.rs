//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over
//! joint UPOS+XPOS tags (EWT has about a hundred pairs), so the two tags of a word
//! always agree.

use crate::codec::{Decoder, Encoder};
use crate::hash::{feature, BuildPassThrough, Rng};
use crate::lexical::Lexeme;
use crate::perceptron::{best, Trainer, Weights};
use crate::treebank::TreeSentence;
use crate::ModelError;
use dyad_doc::Upos;
use std::collections::{BTreeMap, HashMap};

/// A tag the tagger predicts: a universal and a Penn tag together.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Tag {
    /// Universal tag.
    pub upos: Upos,
    /// Penn Treebank tag.
    pub xpos: String,
}

/// A trained tagger.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tagger {
    weights: Weights,
    tags: Vec<Tag>,
    lexicon: Lexicon,
    /// Words (as written) that are frequent and take one tag at least 99.5% of
    /// the time: tagged without scoring, which saves a third of the work.
    sure: HashMap<u64, u16, BuildPassThrough>,
}

const SURE_MIN_COUNT: u32 = 20;

fn sure_words(gold: &[(Vec<Lexeme>, Vec<u16>)]) -> HashMap<u64, u16, BuildPassThrough> {
    let mut counts: BTreeMap<u64, BTreeMap<u16, u32>> = BTreeMap::new();
    for (words, tags) in gold {
        for (word, &tag) in words.iter().zip(tags) {
            *counts.entry(word.form).or_default().entry(tag).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(word, tags)| {
            let total: u32 = tags.values().sum();
            let (&tag, &top) = tags
                .iter()
                .max_by_key(|&(&t, &n)| (n, std::cmp::Reverse(t)))?;
            (total >= SURE_MIN_COUNT && top * 1000 >= total * 995).then_some((word, tag))
        })
        .collect()
}

/// For words seen often enough in training, the set of tags they took (each tag
/// at least a tenth of the time), as one hashed value: "ambiguity classes" that
/// tell the tagger what the words to the right probably are.
#[derive(Debug, Clone, PartialEq, Default)]
struct Lexicon(HashMap<u64, u64, BuildPassThrough>);

/// Occurrences a word needs to enter the lexicon.
const LEXICON_MIN_COUNT: u32 = 3;

impl Lexicon {
    fn build(gold: &[(Vec<Lexeme>, Vec<u16>)]) -> Lexicon {
        let mut counts: BTreeMap<u64, BTreeMap<u16, u32>> = BTreeMap::new();
        for (words, tags) in gold {
            for (word, &tag) in words.iter().zip(tags) {
                *counts
                    .entry(word.lower)
                    .or_default()
                    .entry(tag)
                    .or_default() += 1;
            }
        }
        let mut map = HashMap::default();
        for (word, tags) in counts {
            let total: u32 = tags.values().sum();
            if total < LEXICON_MIN_COUNT {
                continue;
            }
            let common: Vec<u64> = tags
                .iter()
                .filter(|&(_, &n)| n * 10 >= total)
                .map(|(&t, _)| u64::from(t))
                .collect();
            map.insert(word, feature(999, &common));
        }
        Lexicon(map)
    }

    /// The ambiguity class of each word; unknown words share one marker.
    fn classes(&self, words: &[Lexeme]) -> Vec<u64> {
        words
            .iter()
            .map(|w| self.0.get(&w.lower).copied().unwrap_or(UNKNOWN_CLASS))
            .collect()
    }
}

const UNKNOWN_CLASS: u64 = 0x0075_6e6b_6e6f_776e;

/// Marks "before the sentence" in the previous-tag features.
const START: u64 = u64::MAX;

impl Tagger {
    /// The tags of a sentence's words, as indexes into [`Tagger::tags`].
    pub(crate) fn tag(&self, words: &[Lexeme]) -> Vec<u16> {
        let mut tags = Vec::with_capacity(words.len());
        let mut features = Vec::with_capacity(40);
        let mut scores = vec![0i32; self.tags.len()];
        let classes = self.lexicon.classes(words);
        for i in 0..words.len() {
            if let Some(&tag) = self.sure.get(&words[i].form) {
                tags.push(tag);
                continue;
            }
            extract(words, &classes, i, &tags, &mut features);
            self.weights.score(&features, &mut scores);
            tags.push(best(&scores, |_| true).unwrap_or(0) as u16);
        }
        tags
    }

    /// The tag set.
    pub(crate) fn tags(&self) -> &[Tag] {
        &self.tags
    }

    /// Trains on `sentences` for `epochs` passes, shuffled by `seed`.
    pub(crate) fn train(sentences: &[&TreeSentence], epochs: usize, seed: u64) -> Tagger {
        let mut tags: Vec<Tag> = sentences
            .iter()
            .flat_map(|s| s.words.iter())
            .map(|w| Tag {
                upos: w.upos,
                xpos: w.xpos.clone(),
            })
            .collect();
        tags.sort();
        tags.dedup();
        let gold: Vec<(Vec<Lexeme>, Vec<u16>)> = sentences
            .iter()
            .map(|s| {
                let lexemes = s.words.iter().map(|w| Lexeme::of(&w.form)).collect();
                let ids = s
                    .words
                    .iter()
                    .map(|w| {
                        let tag = Tag {
                            upos: w.upos,
                            xpos: w.xpos.clone(),
                        };
                        tags.binary_search(&tag).expect("tag collected above") as u16
                    })
                    .collect();
                (lexemes, ids)
            })
            .collect();
        let lexicon = Lexicon::build(&gold);
        let sure = sure_words(&gold);
        let mut trainer = Trainer::new(tags.len());
        let mut order: Vec<usize> = (0..gold.len()).collect();
        let mut rng = Rng::new(seed);
        let mut features = Vec::with_capacity(40);
        let mut scores = vec![0.0; tags.len()];
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let (words, truth) = &gold[s];
                let classes = lexicon.classes(words);
                let mut predicted: Vec<u16> = Vec::with_capacity(words.len());
                for i in 0..words.len() {
                    if let Some(&tag) = sure.get(&words[i].form) {
                        predicted.push(tag);
                        continue;
                    }
                    extract(words, &classes, i, &predicted, &mut features);
                    trainer.score(&features, &mut scores);
                    let guess = best(&scores, |_| true).unwrap_or(0);
                    trainer.update(&features, truth[i] as usize, guess);
                    trainer.tick();
                    predicted.push(guess as u16);
                }
            }
        }
        Tagger {
            weights: trainer.finish(1e-3),
            tags,
            lexicon,
            sure,
        }
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        out.len(self.tags.len());
        for tag in &self.tags {
            out.str(tag.upos.as_str());
            out.str(&tag.xpos);
        }
        self.weights.encode(out);
        let mut entries: Vec<(u64, u64)> = self.lexicon.0.iter().map(|(&k, &v)| (k, v)).collect();
        entries.sort_unstable();
        out.len(entries.len());
        for (word, class) in entries {
            out.u64(word);
            out.u64(class);
        }
        let mut sure: Vec<(u64, u16)> = self.sure.iter().map(|(&k, &v)| (k, v)).collect();
        sure.sort_unstable();
        out.len(sure.len());
        for (word, tag) in sure {
            out.u64(word);
            out.u16(tag);
        }
    }

    pub(crate) fn decode(input: &mut Decoder<'_>) -> Result<Tagger, ModelError> {
        let n = input.len(8)?;
        let mut tags = Vec::with_capacity(n);
        for _ in 0..n {
            let upos = input
                .str()?
                .parse::<Upos>()
                .map_err(|e| ModelError::Corrupt(e.to_string()))?;
            tags.push(Tag {
                upos,
                xpos: input.str()?,
            });
        }
        let weights = Weights::decode(input)?;
        if weights.classes() != tags.len() {
            return Err(ModelError::Corrupt(
                "tagger classes do not match its tags".into(),
            ));
        }
        let n = input.len(16)?;
        let mut lexicon = HashMap::with_capacity_and_hasher(n, BuildPassThrough::default());
        for _ in 0..n {
            lexicon.insert(input.u64()?, input.u64()?);
        }
        let n = input.len(10)?;
        let mut sure = HashMap::with_capacity_and_hasher(n, BuildPassThrough::default());
        for _ in 0..n {
            let word = input.u64()?;
            let tag = input.u16()?;
            if tag as usize >= tags.len() {
                return Err(ModelError::Corrupt("sure tag out of range".into()));
            }
            sure.insert(word, tag);
        }
        Ok(Tagger {
            weights,
            tags,
            lexicon: Lexicon(lexicon),
            sure,
        })
    }

    pub(crate) fn feature_count(&self) -> usize {
        self.weights.features()
    }
}

/// The features of word `i` given the tags already chosen to its left.
fn extract(words: &[Lexeme], classes: &[u64], i: usize, left_tags: &[u16], out: &mut Vec<u64>) {
    let class_at = |offset: usize| classes.get(i + offset).copied().unwrap_or(START);
    let pad = Lexeme::padding();
    let at = |offset: isize| -> Lexeme {
        let j = i as isize + offset;
        if j < 0 || j as usize >= words.len() {
            pad
        } else {
            words[j as usize]
        }
    };
    let tag_at = |back: usize| -> u64 {
        if i >= back {
            u64::from(left_tags[i - back])
        } else {
            START - back as u64
        }
    };
    let (w, prev, prev2, next, next2) = (words[i], at(-1), at(-2), at(1), at(2));
    let (t1, t2) = (tag_at(1), tag_at(2));
    let first = u64::from(i == 0);
    out.clear();
    out.extend_from_slice(&[
        feature(0, &[]),
        feature(1, &[w.lower]),
        feature(2, &[w.form]),
        feature(3, &[w.suffix1]),
        feature(4, &[w.suffix2]),
        feature(5, &[w.suffix3]),
        feature(6, &[w.suffix4]),
        feature(7, &[w.prefix1]),
        feature(8, &[w.prefix2]),
        feature(9, &[w.prefix3]),
        feature(10, &[w.shape]),
        feature(11, &[w.flags, first]),
        feature(12, &[prev.lower]),
        feature(13, &[prev2.lower]),
        feature(14, &[next.lower]),
        feature(15, &[next2.lower]),
        feature(16, &[prev.suffix3]),
        feature(17, &[next.suffix3]),
        feature(18, &[next.shape]),
        feature(19, &[t1]),
        feature(20, &[t2]),
        feature(21, &[t1, t2]),
        feature(22, &[t1, w.lower]),
        feature(23, &[prev.lower, w.lower]),
        feature(24, &[w.lower, next.lower]),
        feature(25, &[t1, next.lower]),
        feature(26, &[t1, w.suffix3]),
        feature(27, &[w.flags, next.flags]),
        feature(28, &[prev.shape, w.shape]),
        feature(29, &[w.suffix2, next.suffix2]),
        feature(30, &[class_at(0)]),
        feature(31, &[class_at(1)]),
        feature(32, &[class_at(2)]),
        feature(33, &[class_at(0), class_at(1)]),
        feature(34, &[t1, class_at(1)]),
        feature(35, &[w.lower, class_at(1)]),
        feature(36, &[t1, class_at(0), class_at(1)]),
        feature(37, &[class_at(1), class_at(2)]),
    ]);
}
