//! Dependency relations for a finished tree: each arc is labelled left to right by
//! an averaged perceptron that sees both ends, their neighbourhoods in the tree,
//! and the labels already given to earlier siblings.

use crate::codec::{Decoder, Encoder};
use crate::hash::{feature, marker, Rng};
use crate::lexical::Lexeme;
use crate::perceptron::{best, Trainer, Weights};
use crate::ModelError;
use std::collections::BTreeMap;

/// The relation of the sentence's root word.
pub(crate) const ROOT_LABEL: &str = "root";

/// A trained labeler.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Labeler {
    weights: Weights,
    labels: Vec<String>,
    /// For each tag, the label its words take at least 99.5% of the time in
    /// training (punctuation → punct), if any: given without scoring.
    sure: Vec<Option<u16>>,
}

const SURE_MIN_COUNT: u32 = 100;

fn sure_labels(examples: &[LabelExample], labels: &[String]) -> Vec<Option<u16>> {
    let mut counts: BTreeMap<u16, BTreeMap<u16, u32>> = BTreeMap::new();
    for example in examples {
        for (d, &tag) in example.tags.iter().enumerate() {
            if example.heads[d] as usize == example.words.len() {
                continue;
            }
            if let Ok(label) = labels.binary_search(&example.labels[d]) {
                *counts
                    .entry(tag)
                    .or_default()
                    .entry(label as u16)
                    .or_default() += 1;
            }
        }
    }
    let tags = counts.keys().last().map_or(0, |&t| t as usize + 1);
    let mut sure = vec![None; tags];
    for (tag, by_label) in counts {
        let total: u32 = by_label.values().sum();
        let best = by_label
            .iter()
            .max_by_key(|&(&l, &n)| (n, std::cmp::Reverse(l)));
        if let Some((&label, &top)) = best {
            if total >= SURE_MIN_COUNT && top * 1000 >= total * 995 {
                sure[tag as usize] = Some(label);
            }
        }
    }
    sure
}

/// One training sentence: words, tags, gold heads (root = `words.len()`) and labels.
pub(crate) struct LabelExample {
    pub(crate) words: Vec<Lexeme>,
    pub(crate) tags: Vec<u16>,
    pub(crate) heads: Vec<u32>,
    pub(crate) labels: Vec<String>,
}

/// A tree with each word's children, for the features. Children are kept in one
/// array, grouped by head (`children[first[h]..first[h + 1]]`), to avoid an
/// allocation per word.
struct Tree<'a> {
    words: &'a [Lexeme],
    tags: &'a [u16],
    heads: &'a [u32],
    first: Vec<u32>,
    children: Vec<u32>,
}

impl<'a> Tree<'a> {
    fn new(words: &'a [Lexeme], tags: &'a [u16], heads: &'a [u32]) -> Tree<'a> {
        let nodes = words.len() + 1;
        let mut first = vec![0u32; nodes + 1];
        for &h in heads {
            first[h as usize + 1] += 1;
        }
        for i in 0..nodes {
            first[i + 1] += first[i];
        }
        let mut fill = first.clone();
        let mut children = vec![0u32; heads.len()];
        for (d, &h) in heads.iter().enumerate() {
            children[fill[h as usize] as usize] = d as u32;
            fill[h as usize] += 1;
        }
        Tree {
            words,
            tags,
            heads,
            first,
            children,
        }
    }

    fn children_of(&self, node: usize) -> &[u32] {
        &self.children[self.first[node] as usize..self.first[node + 1] as usize]
    }

    fn root(&self) -> usize {
        self.words.len()
    }

    /// Words in the order they are labelled: top-down from the root, children
    /// left to right, so a word's head is labelled before it.
    fn top_down(&self) -> Vec<usize> {
        let mut order = Vec::with_capacity(self.words.len());
        let mut queue = std::collections::VecDeque::from([self.root()]);
        while let Some(node) = queue.pop_front() {
            for &child in self.children_of(node) {
                order.push(child as usize);
                queue.push_back(child as usize);
            }
        }
        order
    }

    fn word(&self, i: usize) -> u64 {
        self.words.get(i).map_or(marker::ROOT, |w| w.lower)
    }

    fn tag(&self, i: usize) -> u64 {
        self.tags.get(i).map_or(marker::ROOT, |&t| u64::from(t))
    }
}

impl Labeler {
    /// The relation of every word in the tree `heads`.
    pub(crate) fn label(&self, words: &[Lexeme], tags: &[u16], heads: &[u32]) -> Vec<String> {
        let tree = Tree::new(words, tags, heads);
        let mut labels: Vec<Option<u16>> = vec![None; words.len()];
        let mut features = Vec::with_capacity(40);
        let mut scores = vec![0i32; self.labels.len()];
        for d in tree.top_down() {
            if heads[d] as usize == tree.root() {
                continue;
            }
            if let Some(&Some(label)) = self.sure.get(tags[d] as usize) {
                labels[d] = Some(label);
                continue;
            }
            extract(&tree, d, &labels, &mut features);
            self.weights.score(&features, &mut scores);
            labels[d] = best(&scores, |_| true).map(|l| l as u16);
        }
        labels
            .into_iter()
            .map(|l| l.map_or(ROOT_LABEL.to_owned(), |l| self.labels[l as usize].clone()))
            .collect()
    }

    /// Trains for `epochs` passes, shuffled by `seed`.
    pub(crate) fn train(examples: &[LabelExample], epochs: usize, seed: u64) -> Labeler {
        let mut labels: Vec<String> = examples
            .iter()
            .flat_map(|e| e.labels.iter())
            .filter(|l| l.as_str() != ROOT_LABEL)
            .cloned()
            .collect();
        labels.sort();
        labels.dedup();
        let sure = sure_labels(examples, &labels);
        let mut trainer = Trainer::new(labels.len());
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut features = Vec::with_capacity(40);
        let mut scores = vec![0.0; labels.len()];
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let example = &examples[i];
                let tree = Tree::new(&example.words, &example.tags, &example.heads);
                let mut given: Vec<Option<u16>> = vec![None; example.words.len()];
                for d in tree.top_down() {
                    if example.heads[d] as usize == tree.root() {
                        continue;
                    }
                    if let Some(&Some(label)) = sure.get(example.tags[d] as usize) {
                        given[d] = Some(label);
                        continue;
                    }
                    let Ok(truth) = labels.binary_search(&example.labels[d]) else {
                        continue;
                    };
                    extract(&tree, d, &given, &mut features);
                    trainer.score(&features, &mut scores);
                    let guess = best(&scores, |_| true).expect("labels");
                    trainer.update(&features, truth, guess);
                    trainer.tick();
                    given[d] = Some(guess as u16);
                }
            }
        }
        Labeler {
            weights: trainer.finish(1e-3),
            labels,
            sure,
        }
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        out.strs(&self.labels);
        self.weights.encode(out);
        out.len(self.sure.len());
        for label in &self.sure {
            out.u16(label.map_or(u16::MAX, |l| l));
        }
    }

    pub(crate) fn decode(input: &mut Decoder<'_>) -> Result<Labeler, ModelError> {
        let labels = input.strs()?;
        let weights = Weights::decode(input)?;
        if weights.classes() != labels.len() {
            return Err(ModelError::Corrupt(
                "labeler classes do not match its labels".into(),
            ));
        }
        let n = input.len(2)?;
        let mut sure = Vec::with_capacity(n);
        for _ in 0..n {
            sure.push(match input.u16()? {
                u16::MAX => None,
                l if (l as usize) < labels.len() => Some(l),
                _ => return Err(ModelError::Corrupt("sure label out of range".into())),
            });
        }
        Ok(Labeler {
            weights,
            labels,
            sure,
        })
    }

    pub(crate) fn feature_count(&self) -> usize {
        self.weights.features()
    }
}

fn label_value(labels: &[Option<u16>], i: Option<u32>) -> u64 {
    match i {
        None => marker::NONE,
        Some(i) => labels[i as usize].map_or(marker::UNLABELLED, u64::from),
    }
}

/// The features of the arc from word `d`'s head to `d`.
fn extract(tree: &Tree<'_>, d: usize, labels: &[Option<u16>], out: &mut Vec<u64>) {
    let h = tree.heads[d] as usize;
    let (dw, dp, hw, hp) = (tree.word(d), tree.tag(d), tree.word(h), tree.tag(h));
    let direction = u64::from(h > d);
    let distance = (h.abs_diff(d) as u64).min(6);
    let grandparent = tree
        .heads
        .get(h)
        .map_or(marker::TOP, |&g| tree.tag(g as usize));
    let kids = tree.children_of(d);
    let first_kid = kids.first().copied();
    let last_kid = kids.last().copied();
    let kid_word = |k: Option<u32>| k.map_or(marker::NONE, |k| tree.word(k as usize));
    let kid_tag = |k: Option<u32>| k.map_or(marker::NONE, |k| tree.tag(k as usize));
    let siblings = tree.children_of(h);
    let before = siblings.iter().rev().find(|&&s| (s as usize) < d).copied();
    let earlier_sibling_labels = siblings
        .iter()
        .filter(|&&s| (s as usize) < d)
        .fold(0u64, |acc, &s| {
            acc ^ label_value(labels, Some(s)).rotate_left(7)
        });
    let head_label = if h == tree.root() {
        marker::TOP
    } else {
        label_value(labels, Some(h as u32))
    };
    let head_kid_tags = siblings
        .iter()
        .filter(|&&s| s as usize != d)
        .fold(0u64, |acc, &s| acc | (1u64 << (tree.tag(s as usize) % 61)));
    let dsuf = tree.words[d].suffix3;
    let next_word = tree.words.get(d + 1).map_or(marker::END, |w| w.lower);
    let prev_word = d
        .checked_sub(1)
        .map_or(marker::START, |p| tree.words[p].lower);
    out.clear();
    out.extend_from_slice(&[
        feature(200, &[]),
        feature(201, &[dw]),
        feature(202, &[dp]),
        feature(203, &[dw, dp]),
        feature(204, &[hw]),
        feature(205, &[hp]),
        feature(206, &[hw, hp]),
        feature(207, &[dp, hp]),
        feature(208, &[dw, hp]),
        feature(209, &[dp, hw]),
        feature(210, &[dw, hw]),
        feature(211, &[dp, hp, direction]),
        feature(212, &[dp, hp, direction, distance]),
        feature(213, &[dw, direction]),
        feature(214, &[dp, hp, grandparent]),
        feature(215, &[dp, kid_word(first_kid)]),
        feature(216, &[dp, kid_tag(first_kid), hp]),
        feature(217, &[dp, kid_tag(last_kid), hp]),
        feature(218, &[dp, hp, label_value(labels, before)]),
        feature(219, &[dp, hp, direction, earlier_sibling_labels]),
        feature(220, &[dp, hp, head_kid_tags]),
        feature(221, &[dsuf, hp]),
        feature(222, &[dp, kids.len().min(4) as u64, direction]),
        feature(223, &[dw, hp, direction]),
        feature(224, &[dp, prev_word]),
        feature(225, &[dp, next_word]),
        feature(226, &[dw, kid_word(first_kid), hp]),
        feature(
            227,
            &[
                dp,
                hp,
                u64::from(h == tree.root() || tree.heads[h] as usize == tree.root()),
            ],
        ),
        feature(228, &[hw, dp, direction]),
        feature(229, &[dp, kid_word(last_kid)]),
        feature(230, &[dp, hp, head_label]),
        feature(231, &[dw, head_label]),
    ]);
    // Function words among the dependent's children and the head's other
    // children decide many relations ("by" for obl:agent, "was" for nsubj:pass).
    for &k in kids {
        if tree.words[k as usize].is_function_word() {
            out.push(feature(
                232,
                &[dp, hp, tree.word(k as usize), u64::from(k as usize > d)],
            ));
        }
    }
    for &sib in siblings {
        if sib as usize != d && tree.words[sib as usize].is_function_word() {
            out.push(feature(
                233,
                &[dp, hp, tree.word(sib as usize), u64::from(sib as usize > d)],
            ));
        }
    }
}
