//! The dependency parser: greedy arc-hybrid transitions scored by an averaged
//! perceptron over rich feature templates (after Zhang & Nivre 2011), trained
//! with the dynamic oracle and exploration of its own mistakes.

use crate::codec::{Decoder, Encoder};
use crate::hash::{feature, marker, Rng};
use crate::lexical::Lexeme;
use crate::perceptron::{best, HashedTrainer, HashedWeights};
use crate::transition::{Move, State, NONE};
use crate::ModelError;

/// A trained parser.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Parser {
    weights: HashedWeights,
}

/// The parser's table has 2^22 rows (32 MB in memory, about 12 MB on disk).
const TABLE_BITS: u32 = 22;

/// What the parser reads of a sentence: its words and their tags.
pub(crate) struct ParseInput<'a> {
    pub(crate) words: &'a [Lexeme],
    pub(crate) tags: &'a [u16],
}

/// One training sentence: words, their (predicted) tags and the gold heads, the
/// root being `words.len()`.
pub(crate) struct ParseExample {
    pub(crate) words: Vec<Lexeme>,
    pub(crate) tags: Vec<u16>,
    pub(crate) heads: Vec<u32>,
}

impl ParseExample {
    fn input(&self) -> ParseInput<'_> {
        ParseInput {
            words: &self.words,
            tags: &self.tags,
        }
    }
}

/// Epoch from which training follows its own predictions.
const EXPLORE_FROM: usize = 1;
/// Chance of following the prediction rather than the oracle when exploring.
const EXPLORE_P: f64 = 0.9;

impl Parser {
    /// The head of each word; the root word's head is `words.len()`.
    pub(crate) fn parse(&self, input: &ParseInput<'_>) -> Vec<u32> {
        let mut state = State::new(input.words.len());
        let mut features = Vec::with_capacity(96);
        let mut scores = [0i32; 3];
        while !state.is_terminal() {
            let mv = forced(&state).unwrap_or_else(|| {
                extract(&state, input, &mut features);
                self.weights.score(&features, &mut scores);
                let mv = best(&scores, |m| state.is_legal(Move::ALL[m])).expect("a legal move");
                Move::ALL[mv]
            });
            state.apply(mv);
        }
        state.heads
    }

    /// Trains for `epochs` passes over `examples`, shuffled by `seed`.
    pub(crate) fn train(examples: &[ParseExample], epochs: usize, seed: u64) -> Parser {
        let mut trainer = HashedTrainer::new(TABLE_BITS);
        let mut rng = Rng::new(seed);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut features = Vec::with_capacity(96);
        let mut scores = [0.0f32; 3];
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let example = &examples[i];
                let input = example.input();
                let mut state = State::new(example.words.len());
                while !state.is_terminal() {
                    extract(&state, &input, &mut features);
                    trainer.score(&features, &mut scores);
                    let legal = |m: usize| state.is_legal(Move::ALL[m]);
                    let costs: Vec<u32> = Move::ALL
                        .iter()
                        .map(|&m| {
                            if state.is_legal(m) {
                                state.cost(m, &example.heads)
                            } else {
                                u32::MAX
                            }
                        })
                        .collect();
                    let cheapest = *costs.iter().min().expect("three moves");
                    let guess = best(&scores, legal).expect("a legal move");
                    let truth = best(&scores, |m| costs[m] == cheapest).expect("a cheapest move");
                    if costs[guess] > cheapest {
                        trainer.update(&features, truth, guess);
                    }
                    trainer.tick();
                    let follow_guess = epoch >= EXPLORE_FROM && rng.unit() < EXPLORE_P;
                    state.apply(Move::ALL[if follow_guess { guess } else { truth }]);
                }
            }
        }
        Parser {
            weights: trainer.finish(),
        }
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        self.weights.encode(out);
    }

    pub(crate) fn decode(input: &mut Decoder<'_>) -> Result<Parser, ModelError> {
        Ok(Parser {
            weights: HashedWeights::decode(input)?,
        })
    }

    pub(crate) fn feature_count(&self) -> usize {
        self.weights.features()
    }
}

/// The move when only one is legal — an empty stack must shift, and once only
/// the root is left in the buffer the stack must be reduced — so scoring the
/// state could not change it. Training still scores these states (its averaging
/// clock counts them), so this is for parsing only.
fn forced(state: &State) -> Option<Move> {
    let mut legal = Move::ALL.into_iter().filter(|&m| state.is_legal(m));
    match (legal.next(), legal.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// Distance between two positions, bucketed.
fn distance(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 99;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => u64::from(d),
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Word and tag values of positions in the state, with markers for none and root.
struct View<'a> {
    words: &'a [Lexeme],
    tags: &'a [u16],
    none: u64,
    root: u64,
}

impl View<'_> {
    fn word(&self, i: u32) -> u64 {
        match i {
            NONE => self.none,
            i if i as usize == self.words.len() => self.root,
            i => self.words[i as usize].lower,
        }
    }

    fn tag(&self, i: u32) -> u64 {
        match i {
            NONE => self.none,
            i if i as usize == self.words.len() => self.root,
            i => u64::from(self.tags[i as usize]),
        }
    }
}

fn child(slots: &[[u32; 2]], of: u32, which: usize) -> u32 {
    if of == NONE {
        NONE
    } else {
        slots[of as usize][which]
    }
}

fn count(counts: &[u8], of: u32) -> u64 {
    if of == NONE {
        99
    } else {
        u64::from(counts[of as usize])
    }
}

/// The features of a parser state.
fn extract(state: &State, input: &ParseInput<'_>, out: &mut Vec<u64>) {
    let words = input.words;
    let v = View {
        words,
        tags: input.tags,
        none: marker::NONE,
        root: marker::ROOT,
    };
    let (s0, s1, s2) = (state.stack_at(0), state.stack_at(1), state.stack_at(2));
    let (b0, b1, b2) = (state.buffer_at(0), state.buffer_at(1), state.buffer_at(2));
    let (s0w, s0p, s1w, s1p, s2p) = (v.word(s0), v.tag(s0), v.word(s1), v.tag(s1), v.tag(s2));
    let (b0w, b0p, b1w, b1p, b2w, b2p) = (
        v.word(b0),
        v.tag(b0),
        v.word(b1),
        v.tag(b1),
        v.word(b2),
        v.tag(b2),
    );
    let s0l = child(&state.lefts, s0, 0);
    let s0l2 = child(&state.lefts, s0, 1);
    let s0r = child(&state.rights, s0, 0);
    let s0r2 = child(&state.rights, s0, 1);
    let s1l = child(&state.lefts, s1, 0);
    let s1r = child(&state.rights, s1, 0);
    let s1r2 = child(&state.rights, s1, 1);
    let b0l = child(&state.lefts, b0, 0);
    let b0l2 = child(&state.lefts, b0, 1);
    let (s0lp, s0l2p, s0rp, s0r2p) = (v.tag(s0l), v.tag(s0l2), v.tag(s0r), v.tag(s0r2));
    let (s1lp, s1rp, s1r2p, b0lp, b0l2p) =
        (v.tag(s1l), v.tag(s1r), v.tag(s1r2), v.tag(b0l), v.tag(b0l2));
    let (s0lw, s0rw, b0lw, s1rw) = (v.word(s0l), v.word(s0r), v.word(b0l), v.word(s1r));
    let d01 = distance(s0, b0);
    let d10 = distance(s1, s0);
    let (s0vl, s0vr) = (count(&state.left_count, s0), count(&state.right_count, s0));
    let (s1vl, s1vr) = (count(&state.left_count, s1), count(&state.right_count, s1));
    let b0vl = count(&state.left_count, b0);
    let s0x = if s0 == NONE || s0 as usize >= words.len() {
        v.none
    } else {
        words[s0 as usize].suffix3
    };
    let b0x = if b0 == NONE || b0 as usize >= words.len() {
        v.none
    } else {
        words[b0 as usize].suffix3
    };
    let depth = (state.stack.len() as u64).min(4);
    out.clear();
    out.extend_from_slice(&[
        feature(100, &[]),
        // single positions
        feature(101, &[s0w]),
        feature(102, &[s0p]),
        feature(103, &[s0w, s0p]),
        feature(104, &[s1w]),
        feature(105, &[s1p]),
        feature(106, &[s1w, s1p]),
        feature(107, &[b0w]),
        feature(108, &[b0p]),
        feature(109, &[b0w, b0p]),
        feature(110, &[b1w]),
        feature(111, &[b1p]),
        feature(112, &[b1w, b1p]),
        feature(113, &[b2w]),
        feature(114, &[b2p]),
        feature(115, &[s2p]),
        feature(116, &[s0x, s0p]),
        feature(117, &[b0x, b0p]),
        // pairs
        feature(120, &[s0w, s0p, b0w, b0p]),
        feature(121, &[s0w, s0p, b0w]),
        feature(122, &[s0w, b0w, b0p]),
        feature(123, &[s0w, s0p, b0p]),
        feature(124, &[s0p, b0w, b0p]),
        feature(125, &[s0w, b0w]),
        feature(126, &[s0p, b0p]),
        feature(127, &[b0p, b1p]),
        feature(128, &[s1w, s1p, s0w, s0p]),
        feature(129, &[s1w, s1p, s0w]),
        feature(130, &[s1w, s0w, s0p]),
        feature(131, &[s1w, s1p, s0p]),
        feature(132, &[s1p, s0w, s0p]),
        feature(133, &[s1w, s0w]),
        feature(134, &[s1p, s0p]),
        feature(135, &[s1p, b0p]),
        feature(136, &[s1w, b0w]),
        feature(137, &[b0w, b1w]),
        feature(138, &[b0w, b0p, b1p]),
        feature(139, &[s0w, b1w]),
        // triples of tags
        feature(140, &[b0p, b1p, b2p]),
        feature(141, &[s0p, b0p, b1p]),
        feature(142, &[s1p, s0p, b0p]),
        feature(143, &[s2p, s1p, s0p]),
        feature(144, &[s1p, s0p, b1p]),
        feature(145, &[s0p, s0lp, b0p]),
        feature(146, &[s0p, s0rp, b0p]),
        feature(147, &[s0p, b0p, b0lp]),
        feature(148, &[s1p, s0p, s0lp]),
        feature(149, &[s1p, s0p, s0rp]),
        feature(150, &[s1p, s1rp, s0p]),
        feature(151, &[s1p, s1lp, s0p]),
        feature(152, &[s0p, s0lp, s0l2p]),
        feature(153, &[s0p, s0rp, s0r2p]),
        feature(154, &[b0p, b0lp, b0l2p]),
        feature(155, &[s1p, s1rp, s1r2p]),
        // distance
        feature(160, &[s0w, d01]),
        feature(161, &[s0p, d01]),
        feature(162, &[b0w, d01]),
        feature(163, &[b0p, d01]),
        feature(164, &[s0w, b0w, d01]),
        feature(165, &[s0p, b0p, d01]),
        feature(166, &[s1p, s0p, d10]),
        feature(167, &[s1w, s0w, d10]),
        feature(168, &[s1p, s0w, d10]),
        feature(169, &[s1w, s0p, d10]),
        // valency
        feature(170, &[s0w, s0vr]),
        feature(171, &[s0p, s0vr]),
        feature(172, &[s0w, s0vl]),
        feature(173, &[s0p, s0vl]),
        feature(174, &[b0w, b0vl]),
        feature(175, &[b0p, b0vl]),
        feature(176, &[s1w, s1vr]),
        feature(177, &[s1p, s1vr]),
        feature(178, &[s1p, s1vl]),
        feature(179, &[s0p, s0vl, s0vr, b0p]),
        // children
        feature(180, &[s0lw]),
        feature(181, &[s0lp]),
        feature(182, &[s0rw]),
        feature(183, &[s0rp]),
        feature(184, &[b0lw]),
        feature(185, &[b0lp]),
        feature(186, &[s1rw]),
        feature(187, &[s1rp]),
        feature(188, &[s0l2p]),
        feature(189, &[s0r2p]),
        feature(190, &[b0l2p]),
        feature(191, &[s0w, s0lw, b0p]),
        feature(192, &[s0p, s0rw, b0w]),
        feature(193, &[b0w, b0lw, s0p]),
        // stack depth
        feature(195, &[depth, s0p, b0p]),
        feature(196, &[depth, b0p]),
    ]);
}
