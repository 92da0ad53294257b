//! The arc-hybrid transition system (Kuhlmann et al. 2011) with the root at the
//! end of the buffer, and its dynamic oracle (Goldberg & Nivre 2013): for any
//! state, the number of gold arcs each move would make unreachable.
//!
//! Words are numbered from 0; the root is word `n`, last in the buffer. The root
//! takes its one dependent only when that word is alone on the stack, so every
//! parse has exactly one root word, as UD requires.

/// No word: an empty stack position or a missing child.
pub(crate) const NONE: u32 = u32::MAX;

/// A parser move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Move {
    /// Push the buffer's front onto the stack.
    Shift,
    /// The buffer's front becomes the head of the stack's top, which is popped.
    Left,
    /// The second item of the stack becomes the head of the top, which is popped.
    Right,
}

impl Move {
    pub(crate) const ALL: [Move; 3] = [Move::Shift, Move::Left, Move::Right];
}

/// A parser configuration with the partial tree built so far.
#[derive(Debug, Clone)]
pub(crate) struct State {
    words: usize,
    pub(crate) stack: Vec<u32>,
    pub(crate) front: u32,
    /// Head of each word (the root is `words`), or [`NONE`].
    pub(crate) heads: Vec<u32>,
    /// Leftmost and second-leftmost child of each word and the root.
    pub(crate) lefts: Vec<[u32; 2]>,
    /// Rightmost and second-rightmost child of each word.
    pub(crate) rights: Vec<[u32; 2]>,
    pub(crate) left_count: Vec<u8>,
    pub(crate) right_count: Vec<u8>,
}

impl State {
    pub(crate) fn new(words: usize) -> State {
        State {
            words,
            stack: Vec::with_capacity(words),
            front: 0,
            heads: vec![NONE; words],
            lefts: vec![[NONE; 2]; words + 1],
            rights: vec![[NONE; 2]; words + 1],
            left_count: vec![0; words + 1],
            right_count: vec![0; words + 1],
        }
    }

    /// The root's position.
    pub(crate) fn root(&self) -> u32 {
        self.words as u32
    }

    pub(crate) fn is_terminal(&self) -> bool {
        self.stack.is_empty() && self.front == self.root()
    }

    /// The `i`-th item from the stack's top, or [`NONE`].
    pub(crate) fn stack_at(&self, i: usize) -> u32 {
        self.stack
            .len()
            .checked_sub(i + 1)
            .map_or(NONE, |at| self.stack[at])
    }

    /// The `i`-th item of the buffer (the root counts), or [`NONE`].
    pub(crate) fn buffer_at(&self, i: u32) -> u32 {
        let at = self.front + i;
        if at <= self.root() {
            at
        } else {
            NONE
        }
    }

    pub(crate) fn is_legal(&self, mv: Move) -> bool {
        match mv {
            Move::Shift => self.front < self.root(),
            Move::Left => {
                !self.stack.is_empty() && (self.front < self.root() || self.stack.len() == 1)
            }
            Move::Right => self.stack.len() >= 2,
        }
    }

    pub(crate) fn apply(&mut self, mv: Move) {
        match mv {
            Move::Shift => {
                self.stack.push(self.front);
                self.front += 1;
            }
            Move::Left => {
                let dependent = self.stack.pop().expect("legal move");
                self.attach(self.front, dependent);
            }
            Move::Right => {
                let dependent = self.stack.pop().expect("legal move");
                let head = *self.stack.last().expect("legal move");
                self.attach(head, dependent);
            }
        }
    }

    fn attach(&mut self, head: u32, dependent: u32) {
        self.heads[dependent as usize] = head;
        let h = head as usize;
        if dependent < head {
            insert_ordered(&mut self.lefts[h], dependent, |a, b| a < b);
            self.left_count[h] = self.left_count[h].saturating_add(1);
        } else {
            insert_ordered(&mut self.rights[h], dependent, |a, b| a > b);
            self.right_count[h] = self.right_count[h].saturating_add(1);
        }
    }

    /// How many gold arcs `mv` makes unreachable; `gold[d]` is word `d`'s head,
    /// the root being `n`. Exact for projective gold trees.
    pub(crate) fn cost(&self, mv: Move, gold: &[u32]) -> u32 {
        let root = self.root();
        let in_buffer_words =
            |head: u32| (self.front..root).filter(move |&d| gold[d as usize] == head);
        match mv {
            Move::Shift => {
                let b = self.front;
                let top = self.stack.last().copied();
                let dependents_in_stack = self
                    .stack
                    .iter()
                    .filter(|&&d| gold[d as usize] == b)
                    .count() as u32;
                let head_deep_in_stack = self
                    .stack
                    .iter()
                    .any(|&h| gold[b as usize] == h && Some(h) != top);
                dependents_in_stack + u32::from(head_deep_in_stack)
            }
            Move::Left => {
                let s0 = self.stack_at(0);
                let head = gold[s0 as usize];
                let lost_head = head == self.stack_at(1) || head > self.front;
                in_buffer_words(s0).count() as u32 + u32::from(lost_head)
            }
            Move::Right => {
                let s0 = self.stack_at(0);
                let head = gold[s0 as usize];
                in_buffer_words(s0).count() as u32 + u32::from(head >= self.front)
            }
        }
    }
}

fn insert_ordered(slots: &mut [u32; 2], child: u32, before: impl Fn(u32, u32) -> bool) {
    if slots[0] == NONE || before(child, slots[0]) {
        slots[1] = slots[0];
        slots[0] = child;
    } else if slots[1] == NONE || before(child, slots[1]) {
        slots[1] = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::to_transition_heads;
    use crate::treebank::{is_projective, projectivize};

    /// Follows the first zero-cost legal move until the parse is complete.
    fn oracle_parse(gold: &[u32]) -> Vec<u32> {
        let mut state = State::new(gold.len());
        while !state.is_terminal() {
            let mv = Move::ALL
                .into_iter()
                .find(|&m| state.is_legal(m) && state.cost(m, gold) == 0)
                .expect("a zero-cost move exists for a projective tree");
            state.apply(mv);
        }
        state.heads
    }

    #[test]
    fn the_oracle_rebuilds_small_trees() {
        // "Blinken pressed Turkey ." : pressed is the root (n = 4).
        let gold = [1, 4, 1, 1];
        assert_eq!(oracle_parse(&gold), gold);
        // "the talks in Brussels ended" : ended root; talks ← the; Brussels ← in; talks → Brussels.
        let gold = [1, 4, 3, 1, 5];
        assert_eq!(oracle_parse(&gold), gold);
    }

    fn tiny_treebank() -> Vec<crate::treebank::TreeSentence> {
        let text = include_str!("../tests/data/tiny.conllu");
        crate::treebank::read_treebank(text.as_bytes()).expect("the tiny treebank reads")
    }

    #[test]
    fn the_oracle_rebuilds_every_projective_tree_of_the_tiny_treebank() {
        let treebank = tiny_treebank();
        assert_eq!(treebank.len(), 11);
        let mut nonprojective = 0;
        for sentence in &treebank {
            let heads = sentence.heads();
            if !is_projective(&heads) {
                nonprojective += 1;
            }
            // Non-projective trees are learned through their projective lift.
            let gold = to_transition_heads(&projectivize(&heads));
            assert_eq!(oracle_parse(&gold), gold, "{:?}", sentence.text);
        }
        assert_eq!(nonprojective, 1, "the tiny treebank has one crossing arc");
    }

    #[test]
    fn every_wrong_move_has_a_cost_and_the_oracle_recovers() {
        // After any legal move, following zero-cost moves reaches a tree with
        // exactly as many errors as the costs of the moves taken.
        for sentence in tiny_treebank() {
            let gold = to_transition_heads(&projectivize(&sentence.heads()));
            for detour in 0..gold.len() * 2 {
                let mut state = State::new(gold.len());
                let mut cost = 0;
                let mut step = 0;
                while !state.is_terminal() {
                    let legal: Vec<Move> = Move::ALL
                        .into_iter()
                        .filter(|&m| state.is_legal(m))
                        .collect();
                    let mv = if step == detour {
                        *legal
                            .iter()
                            .max_by_key(|&&m| state.cost(m, &gold))
                            .expect("a legal move")
                    } else {
                        *legal
                            .iter()
                            .min_by_key(|&&m| state.cost(m, &gold))
                            .expect("a legal move")
                    };
                    cost += state.cost(mv, &gold);
                    state.apply(mv);
                    step += 1;
                }
                let errors = state
                    .heads
                    .iter()
                    .zip(&gold)
                    .filter(|(a, b)| a != b)
                    .count() as u32;
                assert_eq!(errors, cost, "{:?} detour at step {detour}", sentence.text);
            }
        }
    }

    #[test]
    fn root_attaches_only_to_a_lone_stack_item() {
        let mut state = State::new(2);
        state.apply(Move::Shift);
        state.apply(Move::Shift);
        assert!(!state.is_legal(Move::Shift));
        assert!(!state.is_legal(Move::Left));
        assert!(state.is_legal(Move::Right));
        state.apply(Move::Right);
        assert!(state.is_legal(Move::Left));
        state.apply(Move::Left);
        assert!(state.is_terminal());
        assert_eq!(state.heads, vec![2, 0]);
    }

    #[test]
    fn children_are_kept_in_order() {
        let mut state = State::new(4);
        // Words 0 and 1 both attach left to 2.
        state.apply(Move::Shift);
        state.apply(Move::Shift);
        state.apply(Move::Left);
        state.apply(Move::Left);
        assert_eq!(state.lefts[2], [0, 1]);
        assert_eq!(state.left_count[2], 2);
    }
}
