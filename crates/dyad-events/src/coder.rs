//! The coder: from a parsed sentence with its actors to events, following the
//! patterns of the verb dictionary. See docs/events.md for the rules.

use crate::cameo::CameoTable;
use crate::dict::{Condition, EventDictionary, Pattern, Role, VerbBlock};
use dyad_doc::{Actor, ActorMention, CameoCode, Document, Event, Evidence, Upos};
use dyad_text::normalize;
use std::ops::Range;

/// Verbs whose complement says what the subject means to do ("plans to meet").
const INTENT_VERBS: &[&str] = &[
    "agree", "aim", "hope", "intend", "offer", "plan", "pledge", "prepare", "promise", "seek",
    "vow", "want",
];
/// Intent verbs whose complement is an attempt under way ("sought to
/// delegitimise", "aims to isolate"): without an intent code it is coded as done.
const ATTEMPT_VERBS: &[&str] = &["aim", "seek"];
/// Auxiliaries of possibility and obligation: "could force", "should meet" say
/// what might or ought to happen, not what did.
const UNREAL_AUXILIARIES: &[&str] = &["may", "might", "could", "can", "should", "must", "ought"];
/// Verbs whose complement did not happen ("failed to recognise the ruling").
const FAILING_VERBS: &[&str] = &["fail", "refuse", "decline", "neglect"];
/// Nouns whose infinitive says what someone else wants or what is possible,
/// not what was done ("a demand for Serbia to recognise Kosovo", "the right
/// to strike").
const UNREAL_NOUNS: &[&str] = &[
    "ability", "appeal", "call", "chance", "demand", "failure", "need", "option", "power",
    "pressure", "push", "reason", "refusal", "request", "right", "way",
];
/// Nouns whose infinitive is the intention of whoever has them ("Russia's plans
/// to meet", "the threat to invade"): coded like "plans to", "threatens to".
const INTENT_NOUNS: &[&str] = &[
    "attempt", "bid", "effort", "offer", "plan", "pledge", "promise", "proposal", "threat",
];
/// Auxiliaries of the future and the conditional.
const FUTURE_AUXILIARIES: &[&str] = &["will", "would", "shall", "'ll"];

/// A sentence's words with their dependents, for walking the tree.
pub(crate) struct Tree<'d> {
    pub(crate) doc: &'d Document,
    pub(crate) index: usize,
    range: Range<usize>,
    children: Vec<Vec<usize>>,
    lemmas: Vec<String>,
    /// Words that are predicates with a verb block (`mark_event_verbs`).
    event_verbs: Vec<bool>,
}

impl<'d> Tree<'d> {
    pub(crate) fn new(doc: &'d Document, index: usize) -> Tree<'d> {
        let range = doc.sentences[index].tokens.clone();
        let mut children = vec![Vec::new(); range.len()];
        for t in range.clone() {
            if let Some(head) = doc.syntax[t].head {
                children[head - range.start].push(t);
            }
        }
        let lemmas = range
            .clone()
            .map(|t| normalize(&doc.syntax[t].lemma))
            .collect();
        let event_verbs = vec![false; range.len()];
        Tree {
            doc,
            index,
            range,
            children,
            lemmas,
            event_verbs,
        }
    }

    /// Notes which words `dict` codes as predicates, so that a complement
    /// clause can tell whether it holds an event of its own.
    pub(crate) fn mark_event_verbs(&mut self, dict: &EventDictionary) {
        for t in self.tokens() {
            self.event_verbs[t - self.range.start] = !blocks_of(self, dict, t).is_empty();
        }
    }

    pub(crate) fn tokens(&self) -> Range<usize> {
        self.range.clone()
    }

    fn children(&self, t: usize) -> &[usize] {
        &self.children[t - self.range.start]
    }

    fn deprel(&self, t: usize) -> &str {
        &self.doc.syntax[t].deprel
    }

    pub(crate) fn lemma(&self, t: usize) -> &str {
        &self.lemmas[t - self.range.start]
    }

    fn head(&self, t: usize) -> Option<usize> {
        self.doc.syntax[t].head
    }

    fn child_with(&self, t: usize, relations: &[&str]) -> Option<usize> {
        self.children(t)
            .iter()
            .copied()
            .find(|&c| relations.contains(&self.deprel(c)))
    }

    /// Passive when a passive auxiliary says so ("was **held**"); a passive
    /// subject without one is a parser slip on an active verb and reads as the
    /// subject.
    fn is_passive(&self, t: usize) -> bool {
        self.child_with(t, &["aux:pass"]).is_some()
    }

    pub(crate) fn is_negated(&self, t: usize) -> bool {
        let negates = |c: usize| {
            matches!(self.lemma(c), "not" | "never" | "n't" | "no")
                && matches!(self.deprel(c), "advmod" | "det" | "neg")
        };
        // "Neither Paris nor Berlin commented", "No country recognised it":
        // a negated subject negates the clause.
        let negated_subject = self.subject(t).is_some_and(|s| {
            self.children(s).iter().any(|&c| {
                negates(c) || (self.lemma(c) == "neither" && self.deprel(c).starts_with("cc"))
            })
        });
        self.children(t).iter().any(|&c| negates(c)) || negated_subject
    }

    /// Why predicate `t` states no actual event, if it does not: a modal of
    /// possibility or obligation; a failing or negated verb above it, or one
    /// that asks it of its object; or a noun of wish or possibility it
    /// completes.
    pub(crate) fn unreal(&self, t: usize) -> Option<&'static str> {
        if self
            .children(t)
            .iter()
            .any(|&c| self.deprel(c) == "aux" && UNREAL_AUXILIARIES.contains(&self.lemma(c)))
        {
            return Some("a modal of possibility or obligation");
        }
        let head = self.head(t)?;
        if self.complement(head) == Some(t) {
            if FAILING_VERBS.contains(&self.lemma(head)) {
                return Some("the complement of a failing verb");
            }
            if self.is_negated(head) {
                return Some("the complement of a negated verb");
            }
            // "urged officials to push …", "persuaded leaders to sanction …":
            // what was asked of the object, coded (if at all) by the asking verb.
            // Promising and threatening verbs keep their subject's intention
            // ("promised Kyiv to deliver tanks"), coded by `modal_code`.
            if !self.is_subject_control(head) && self.child_with(head, &["obj", "iobj"]).is_some() {
                return Some("what its governing verb asks of its object");
            }
        }
        if self.deprel(t).starts_with("acl") && UNREAL_NOUNS.contains(&self.lemma(head)) {
            return Some("the complement of a noun of someone's wish or of possibility");
        }
        None
    }

    /// Whether verb `t`'s complement is its subject's act even with an object:
    /// the intent verbs and "threaten" ("promised Kyiv to deliver").
    fn is_subject_control(&self, t: usize) -> bool {
        INTENT_VERBS.contains(&self.lemma(t)) || self.lemma(t) == "threaten"
    }

    /// "is going (to meet)": the future of intention, like "plans to".
    fn is_going_to(&self, t: usize) -> bool {
        self.lemma(t) == "go"
            && self.doc.syntax[t].xpos == "VBG"
            && self
                .children(t)
                .iter()
                .any(|&c| self.deprel(c) == "aux" && self.lemma(c) == "be")
    }

    /// "is to hold (talks)": a predicate with "be" and "to" before it is
    /// arranged, not done.
    fn is_to_be_done(&self, t: usize) -> bool {
        let has = |deprels: &[&str], lemma: &str| {
            self.children(t)
                .iter()
                .any(|&c| deprels.contains(&self.deprel(c)) && self.lemma(c) == lemma)
        };
        has(&["aux", "cop"], "be") && has(&["mark"], "to")
    }

    /// The case word of a nominal (`with` in "with Ankara"), normalised.
    fn case_of(&self, t: usize) -> Option<&str> {
        self.child_with(t, &["case", "mark"]).map(|c| self.lemma(c))
    }

    /// The head word of a role of predicate `p`.
    pub(crate) fn role(&self, p: usize, role: &Role) -> Vec<usize> {
        match role {
            Role::Subj => self.subject(p).into_iter().collect(),
            Role::Obj => self.object(p).into_iter().collect(),
            Role::Iobj => self.child_with(p, &["iobj"]).into_iter().collect(),
            Role::Prep(prep) => self.obliques(p, prep),
            Role::Xcomp => self.complement(p).into_iter().collect(),
            Role::XcompObj => self
                .complement(p)
                .and_then(|x| self.object(x))
                .into_iter()
                .collect(),
            Role::XcompPrep(prep) => self
                .complement(p)
                .map(|x| self.obliques(x, prep))
                .unwrap_or_default(),
            Role::ClauseSubj => self
                .eventless_clause(p)
                .and_then(|c| self.child_with(c, &["nsubj"]))
                .into_iter()
                .collect(),
            Role::Any => self
                .any_roles(p)
                .iter()
                .flat_map(|r| self.role(p, r))
                .collect(),
        }
    }

    /// What `target=any` tries, in order: obj, iobj, the obliques of the verb
    /// and its object in sentence order, the complement's object and obliques.
    fn any_roles(&self, p: usize) -> Vec<Role> {
        let mut roles = vec![Role::Obj, Role::Iobj];
        let preps = |head: usize| -> Vec<String> {
            let mut found: Vec<(usize, String)> = self
                .verb_and_object_dependents(head)
                .filter(|&&c| {
                    let rel = self.deprel(c);
                    rel.starts_with("obl") || rel.starts_with("nmod")
                })
                .filter_map(|&c| self.case_of(c).map(|w| (c, w.to_owned())))
                .collect();
            found.sort();
            let mut out: Vec<String> = Vec::new();
            for (_, w) in found {
                if !out.contains(&w) {
                    out.push(w);
                }
            }
            out
        };
        roles.extend(preps(p).into_iter().map(Role::Prep));
        if let Some(x) = self.complement(p) {
            roles.push(Role::XcompObj);
            roles.extend(preps(x).into_iter().map(Role::XcompPrep));
        }
        roles.push(Role::ClauseSubj);
        roles
    }

    /// A complement clause of `p` with no coded predicate of its own, down
    /// its chain of `xcomp`s ("that Serbia is a difficult partner", "that
    /// Kosovo can cope"; not "that Chile is about to restore ties").
    fn eventless_clause(&self, p: usize) -> Option<usize> {
        let clause = self.child_with(p, &["ccomp"])?;
        let mut word = Some(clause);
        for _ in 0..8 {
            let Some(w) = word else { break };
            if self.event_verbs[w - self.range.start] {
                return None;
            }
            word = self.child_with(w, &["xcomp"]);
        }
        Some(clause)
    }

    fn subject(&self, p: usize) -> Option<usize> {
        if self.is_passive(p) {
            return self.children(p).iter().copied().find(|&c| {
                self.deprel(c) == "obl:agent"
                    || (self.deprel(c) == "obl" && self.case_of(c) == Some("by"))
            });
        }
        if let Some(s) = self.child_with(p, &["nsubj", "csubj", "nsubj:pass"]) {
            // "the troops that attacked": the relative pronoun stands for the noun.
            if self.deprel(p) == "acl:relcl" && self.doc.syntax[s].xpos.starts_with('W') {
                return self.head(p);
            }
            return Some(s);
        }
        let head = self.head(p)?;
        match self.deprel(p) {
            "conj" => self.subject(head),
            // The object controls the complement ("urged Seoul to raise"),
            // except after promising and threatening ("promised Kyiv to
            // deliver", which Berlin will do).
            "xcomp" if !self.is_subject_control(head) => {
                self.object(head).or_else(|| self.subject(head))
            }
            "xcomp" => self.subject(head),
            "advcl" if self.case_of(p) == Some("to") => {
                self.object(head).or_else(|| self.subject(head))
            }
            "acl" | "acl:relcl" => Some(head),
            _ => None,
        }
    }

    /// The direct object; in the passive, the subject. An oblique without a
    /// preposition stands in when the parser gave no object ("criticized the
    /// United States" with "States" as `obl`).
    fn object(&self, p: usize) -> Option<usize> {
        if self.is_passive(p) {
            return self.child_with(p, &["nsubj:pass"]);
        }
        // A nominal without a case word that the parser hung on the verb as an
        // oblique is its object; of the bare ones (obl:unmarked, mostly "five
        // years", "last week"), only a name ("urged Belgrade not to recognise").
        self.child_with(p, &["obj"]).or_else(|| {
            self.children(p).iter().copied().find(|&c| {
                let unmarked_name =
                    self.deprel(c) == "obl:unmarked" && self.doc.syntax[c].upos == Upos::Propn;
                (self.deprel(c) == "obl" || unmarked_name)
                    && self.case_of(c).is_none()
                    && self.doc.syntax[c].upos.is_nominal()
            })
        })
    }

    /// Other subjects the parser gave the same verb ("Turkish Foreign Minister
    /// Mevlut Cavusoglu met": two `nsubj`), which belong to one phrase.
    fn extra_subjects(&self, p: usize, first: usize) -> Vec<usize> {
        if self.is_passive(p) {
            return Vec::new();
        }
        self.children(p)
            .iter()
            .copied()
            .filter(|&c| c != first && matches!(self.deprel(c), "nsubj" | "nsubj:pass"))
            .collect()
    }

    /// Obliques of `p` introduced by `prep`, and nominal modifiers of its object
    /// introduced by it ("held talks with Ankara").
    fn obliques(&self, p: usize, prep: &str) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .verb_and_object_dependents(p)
            .copied()
            .filter(|&c| {
                let rel = self.deprel(c);
                (rel.starts_with("obl") || rel.starts_with("nmod")) && self.case_of(c) == Some(prep)
            })
            .collect();
        if prep == "by" && self.is_passive(p) {
            found.clear();
        }
        found
    }

    /// The dependents of `p`, of its objects (all of them: the parser may
    /// split one) and of participles modifying an object ("welcomed letters
    /// sent **by Hanoi**").
    fn verb_and_object_dependents(&self, p: usize) -> impl Iterator<Item = &usize> {
        let objects = self
            .children(p)
            .iter()
            .filter(move |&&c| self.deprel(c) == "obj");
        let participles = objects.clone().flat_map(move |&o| {
            self.children(o)
                .iter()
                .filter(move |&&c| self.deprel(c) == "acl")
        });
        self.children(p)
            .iter()
            .chain(objects.flat_map(move |&o| self.children(o)))
            .chain(participles.flat_map(move |&a| self.children(a)))
    }

    /// The clausal complement: `xcomp`, or an `advcl` with "to".
    fn complement(&self, p: usize) -> Option<usize> {
        self.child_with(p, &["xcomp"]).or_else(|| {
            self.children(p)
                .iter()
                .copied()
                .find(|&c| self.deprel(c) == "advcl" && self.case_of(c) == Some("to"))
        })
    }

    /// The lemma a condition compares: for a complement verb with a particle, the
    /// two joined by `_` ("give up" → `give_up`), so that "to give up its
    /// missiles" is not read as "to give".
    fn phrasal_lemma(&self, t: usize, role: &Role) -> String {
        let lemma = self.lemma(t);
        if *role != Role::Xcomp {
            return lemma.to_owned();
        }
        match self.child_with(t, &["compound:prt"]) {
            Some(particle) => format!("{lemma}_{}", self.lemma(particle)),
            None => lemma.to_owned(),
        }
    }

    /// Whether the words before `head` in its phrase hold `lists` in order, the
    /// last right before the head (`Condition::Modifiers`).
    fn has_modifiers(&self, head: usize, lists: &[Vec<String>]) -> bool {
        let Some((last, earlier)) = lists.split_last() else {
            return true;
        };
        let start = self
            .children(head)
            .iter()
            .copied()
            .filter(|&c| c < head)
            .min()
            .unwrap_or(head);
        if head == start || !self.word_in(head - 1, last) {
            return false;
        }
        let mut before = head - 1;
        for list in earlier.iter().rev() {
            match (start..before).rev().find(|&t| self.word_in(t, list)) {
                Some(t) => before = t,
                None => return false,
            }
        }
        true
    }

    /// Whether word `t`'s lemma or written form is in the sorted `words`.
    fn word_in(&self, t: usize, words: &[String]) -> bool {
        words
            .binary_search_by(|w| w.as_str().cmp(self.lemma(t)))
            .is_ok()
            || words
                .binary_search(&normalize(self.doc.text(self.doc.tokens[t].span)))
                .is_ok()
    }

    /// The words a lemma condition on `role` looks at: the role's heads; for
    /// a verb without an object, its complement stands in for `obj`, as
    /// PETRARCH reads the word after the verb ("believed **linked** to").
    fn lemma_heads(&self, p: usize, role: &Role) -> Vec<usize> {
        let heads = self.role(p, role);
        if *role == Role::Obj && heads.is_empty() {
            return self.role(p, &Role::Xcomp);
        }
        heads
    }

    /// `heads` and the words coordinated with them ("launched a bombing and
    /// shelling **offensive**"): a lemma condition holds on any of them.
    fn with_conjuncts(&self, heads: Vec<usize>) -> Vec<usize> {
        let mut out = heads.clone();
        for h in heads {
            out.extend(
                self.children(h)
                    .iter()
                    .copied()
                    .filter(|&c| self.deprel(c) == "conj" && self.is_conjunct(c)),
            );
        }
        out
    }

    /// Whether `p` carries the particle or preposition `word`.
    fn has_particle(&self, p: usize, word: &str) -> bool {
        self.children(p).iter().any(|&c| {
            (self.deprel(c) == "compound:prt" && self.lemma(c) == word)
                || ((self.deprel(c).starts_with("obl")) && self.case_of(c) == Some(word))
        })
    }

    /// The actors filling `role` of predicate `p`: for one head, its actors (with
    /// coordinated ones); for several heads of one relation, the most specific.
    pub(crate) fn role_actors(&self, p: usize, role: &Role) -> Vec<&'d Actor> {
        let mut heads = self.role(p, role);
        if *role == Role::Subj {
            if let Some(&first) = heads.first() {
                let extra = self.extra_subjects(p, first);
                if !extra.is_empty() && !self.coordinated(first, &extra) {
                    return self.best_of(std::iter::once(first).chain(extra));
                }
                heads.extend(extra);
            }
        }
        let mut actors: Vec<&'d Actor> = Vec::new();
        for head in heads {
            for actor in self.actors(head) {
                if !actors.iter().any(|a| std::ptr::eq(*a, actor)) {
                    actors.push(actor);
                }
            }
        }
        actors
    }

    /// Whether "and" or "or" stands between subject `first` and the others
    /// the parser gave the verb ("Peru and the newly elected Bolivian
    /// government" split in two): then they are coordinated actors, not one phrase.
    fn coordinated(&self, first: usize, others: &[usize]) -> bool {
        let last = others.iter().copied().max().unwrap_or(first);
        (first.min(last)..first.max(last)).any(|t| {
            self.doc.syntax[t].upos == Upos::Cconj && matches!(self.lemma(t), "and" | "or")
        })
    }

    /// The most specific actor over several heads the parser gave one role.
    fn best_of(&self, heads: impl Iterator<Item = usize>) -> Vec<&'d Actor> {
        heads
            .flat_map(|h| self.actors(h))
            .enumerate()
            .max_by_key(|&(order, a)| (specificity(a), std::cmp::Reverse(order)))
            .map(|(_, a)| vec![a])
            .unwrap_or_default()
    }

    /// The actors a role's head word names: the actor on the word or its name,
    /// compound and adjective dependents, and those of words coordinated with it.
    pub(crate) fn actors(&self, head: usize) -> Vec<&'d Actor> {
        let mut out = Vec::new();
        self.collect_actors(head, &mut out, 0);
        out
    }

    fn collect_actors(&self, head: usize, out: &mut Vec<&'d Actor>, depth: usize) {
        if depth > 8 {
            return;
        }
        let mut conj_of = vec![head];
        if let Some((actor, from)) = self.actor_in_phrase(head) {
            if !out.iter().any(|a| std::ptr::eq(*a, actor)) {
                out.push(actor);
            }
            // "ties between Chile and Peru": the actor came from a
            // modifier, whose coordinated words are actors too; so are those
            // of its own words ("the ambassadors of Chile and Peru").
            if from != head {
                conj_of.push(from);
            }
            conj_of.extend(actor.tokens.clone().filter(|&t| t != head && t != from));
        }
        for word in conj_of {
            for &c in self.children(word) {
                if self.deprel(c) == "conj" && self.is_conjunct(c) {
                    self.collect_actors(c, out, depth + 1);
                }
            }
        }
    }

    /// Whether a `conj` word is joined by "and", "or" or a comma; without one
    /// it is a parser slip inside a name ("Fiji Prime Minister Rabuka"
    /// read as "Fiji" and "Rabuka"), not a second actor.
    fn is_conjunct(&self, t: usize) -> bool {
        self.children(t)
            .iter()
            .any(|&c| matches!(self.deprel(c), "cc" | "punct"))
    }

    /// The most specific actor named by the phrase headed by `head`: the head's
    /// own and those of its name, compound, possessor, apposition and modifier
    /// words ("US Secretary of State Antony Blinken" is USAGOV, not ---GOV).
    fn actor_in_phrase(&self, head: usize) -> Option<(&'d Actor, usize)> {
        let mut candidates: Vec<(&'d Actor, usize)> = self
            .doc
            .actor_at(head)
            .map(|a| (a, head))
            .into_iter()
            .collect();
        let phrase = ["compound", "flat", "amod", "nmod:poss", "appos"];
        for &c in self.children(head) {
            if phrase.contains(&self.deprel(c)) || self.names_its_head(c) {
                candidates.extend(self.doc.actor_at(c).map(|a| (a, c)));
                for &g in self.children(c) {
                    if matches!(self.deprel(g), "flat" | "compound") {
                        candidates.extend(self.doc.actor_at(g).map(|a| (a, c)));
                    }
                }
            }
        }
        candidates
            .into_iter()
            .enumerate()
            .max_by_key(|&(order, (a, _))| (specificity(a), std::cmp::Reverse(order)))
            .map(|(_, found)| found)
    }

    /// Whether a nominal modifier names who the head is about ("the
    /// ambassadors of Chile", "the deal with Iran", "asylum in Ecuador"),
    /// rather than whom it is for or an example of it ("pressure for reforms",
    /// "conflicts including Yemen").
    fn names_its_head(&self, c: usize) -> bool {
        self.deprel(c) == "nmod"
            && !matches!(self.case_of(c), Some("for" | "including" | "like" | "such"))
    }

    /// The sentence's lemmas, normalised, in order.
    pub(crate) fn lemmas(&self) -> &[String] {
        &self.lemmas
    }
}

/// How specific an actor's code is: one with a country beats one without
/// (USAGOV over ---GOV), then more parts beat fewer (USAGOV over USA).
fn specificity(actor: &Actor) -> (bool, usize) {
    (actor.country.is_some(), actor.code.parts().count())
}

/// One pattern firing on one predicate, before intent and suppression.
struct Firing<'p, 'd> {
    predicate: usize,
    pattern: &'p Pattern,
    code: CameoCode,
    sources: Vec<&'d Actor>,
    targets: Vec<&'d Actor>,
    consumes_complement: bool,
}

/// What the coder codes with: the dictionaries and its options.
pub(crate) struct Coding<'a> {
    pub(crate) dict: &'a EventDictionary,
    pub(crate) cameo: &'a CameoTable,
    /// Events without a target actor are coded (`EventStage::one_sided`).
    pub(crate) one_sided: bool,
}

/// Codes the sentence `tree` holds. `trace`, when given, receives a line for
/// every predicate and pattern tried, for `dyad explain`.
pub(crate) fn code_sentence(
    tree: &Tree<'_>,
    coding: &Coding<'_>,
    mut trace: Option<&mut Vec<String>>,
) -> Vec<Event> {
    let dict = coding.dict;
    let mut firings: Vec<Firing<'_, '_>> = Vec::new();
    for p in tree.tokens() {
        // Words `mark_event_verbs` found no block for are not looked up again.
        if !tree.event_verbs[p - tree.range.start] {
            continue;
        }
        let blocks = blocks_of(tree, dict, p);
        if let Some(firing) = best_firing(tree, p, blocks, coding.one_sided, trace.as_deref_mut()) {
            firings.push(firing);
        }
    }
    finish(tree, firings, coding, trace)
}

/// The verb blocks of word `p` when it is a predicate (a verb, or an
/// auxiliary as the main verb).
fn blocks_of<'a>(tree: &Tree<'_>, dict: &'a EventDictionary, p: usize) -> &'a [VerbBlock] {
    let doc = tree.doc;
    let upos = doc.syntax[p].upos;
    let main_aux = upos == Upos::Aux && doc.syntax[p].head.is_none();
    if upos != Upos::Verb && !main_aux {
        return &[];
    }
    // PETRARCH dictionaries are keyed by written forms and may give one its
    // own block (LEFT apart from LEAVE): a form's block comes first, then the
    // lemma's, then that of the lemma the form inflects regularly, for the
    // lemmatizer's slips on unseen words ("boycotted" read as "boycot").
    let form = normalize(doc.text(doc.tokens[p].span));
    if form != tree.lemma(p) {
        let blocks = dict.verb(&form);
        if !blocks.is_empty() {
            return blocks;
        }
    }
    let blocks = dict.verb(tree.lemma(p));
    if !blocks.is_empty() {
        return blocks;
    }
    dict.verb_inflected_as(&form)
}

fn best_firing<'p, 'd>(
    tree: &Tree<'d>,
    p: usize,
    blocks: &'p [VerbBlock],
    one_sided: bool,
    mut trace: Option<&mut Vec<String>>,
) -> Option<Firing<'p, 'd>> {
    let word = tree.doc.text(tree.doc.tokens[p].span);
    if let Some(why) = tree.unreal(p) {
        trace_line(&mut trace, format!("predicate {word:?}: not coded, {why}"));
        return None;
    }
    let negated = tree.is_negated(p);
    let passive = tree.is_passive(p);
    if let Some(t) = trace.as_deref_mut() {
        t.push(format!(
            "predicate {word:?} (lemma {}{}{})",
            tree.lemma(p),
            if passive { ", passive" } else { "" },
            if negated { ", negated" } else { "" }
        ));
        for role in [Role::Subj, Role::Obj, Role::Iobj, Role::Xcomp] {
            for h in tree.role(p, &role) {
                let actors: Vec<String> = tree
                    .role_actors(p, &role)
                    .iter()
                    .map(|a| a.code.as_str().to_owned())
                    .collect();
                t.push(format!(
                    "  {}: {:?}{}",
                    role.name(),
                    tree.doc.text(tree.doc.tokens[h].span),
                    if actors.is_empty() {
                        " (no actor)".to_owned()
                    } else {
                        format!(" = {}", actors.join(", "))
                    }
                ));
            }
        }
    }
    let mut candidates: Vec<(usize, usize, &'p Pattern, bool)> = Vec::new();
    for block in blocks {
        let particle_ok = block
            .particle
            .as_deref()
            .is_none_or(|w| tree.has_particle(p, w));
        for (order, pattern) in block.patterns.iter().enumerate() {
            let specificity = pattern.specificity() + usize::from(block.particle.is_some());
            if !particle_ok {
                note(
                    &mut trace,
                    pattern,
                    &format!(
                        "needs the particle {:?}",
                        block.particle.as_deref().unwrap_or("")
                    ),
                );
                continue;
            }
            candidates.push((specificity, order, pattern, block.particle.is_some()));
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, _, pattern, _) in candidates {
        match try_pattern(tree, p, pattern, (negated, passive), one_sided) {
            Ok(firing) => {
                note(
                    &mut trace,
                    pattern,
                    &format!("fired: {}", firing.code.as_str()),
                );
                return Some(firing);
            }
            Err(reason) => note(&mut trace, pattern, &reason),
        }
    }
    None
}

fn note(trace: &mut Option<&mut Vec<String>>, pattern: &Pattern, what: &str) {
    if let Some(t) = trace.as_deref_mut() {
        t.push(format!(
            "  pattern {} ({}) {what}",
            pattern.id, pattern.location
        ));
    }
}

fn try_pattern<'p, 'd>(
    tree: &Tree<'d>,
    p: usize,
    pattern: &'p Pattern,
    (negated, passive): (bool, bool),
    one_sided: bool,
) -> Result<Firing<'p, 'd>, String> {
    let wants_negation = pattern.conditions.contains(&Condition::Negated);
    if negated && !wants_negation {
        return Err("not tried: the verb is negated".into());
    }
    if wants_negation && !negated {
        return Err("failed: needs a negated verb".into());
    }
    let mut consumes_complement = false;
    for condition in &pattern.conditions {
        match condition {
            Condition::Negated => {}
            Condition::Actor(Role::Xcomp) => {
                consumes_complement = true;
                if tree.role(p, &Role::Xcomp).is_empty() {
                    return Err("failed: no complement clause".into());
                }
            }
            Condition::Actor(role) => {
                consumes_complement |= matches!(role, Role::XcompObj | Role::XcompPrep(_));
                if tree.role_actors(p, role).is_empty() {
                    return Err(format!("failed: no actor as {}", role.name()));
                }
            }
            Condition::Modifiers(role, lists) => {
                if !tree
                    .role(p, role)
                    .iter()
                    .any(|&h| tree.has_modifiers(h, lists))
                {
                    return Err(format!("failed: {} lacks its modifiers", role.name()));
                }
            }
            Condition::Lemma(role, words) => {
                consumes_complement |=
                    matches!(role, Role::Xcomp | Role::XcompObj | Role::XcompPrep(_));
                let heads = tree.with_conjuncts(tree.lemma_heads(p, role));
                // The written form counts too ("LINKED"), except for a
                // complement, whose particle must not be lost ("give up").
                let matches = |h: usize| {
                    words.binary_search(&tree.phrasal_lemma(h, role)).is_ok()
                        || (*role != Role::Xcomp && tree.word_in(h, words))
                };
                if !heads.into_iter().any(matches) {
                    return Err(format!("failed: {} is not one of its words", role.name()));
                }
            }
        }
    }
    let sources = tree.role_actors(p, &pattern.source);
    if sources.is_empty() {
        return Err(format!(
            "failed: no source actor as {}",
            pattern.source.name()
        ));
    }
    let target_roles: Vec<Role> = match &pattern.target {
        Some(Role::Any) => tree.any_roles(p),
        Some(role) => vec![role.clone()],
        None => default_targets(pattern),
    };
    let code = match (&pattern.passive, passive) {
        (Some(code), true) => code.clone(),
        _ => pattern.code.clone(),
    };
    let targets = match target_roles
        .iter()
        .map(|r| tree.role_actors(p, r))
        .find(|t| !t.is_empty())
    {
        Some(targets) => targets,
        None if sources.len() > 1 && is_cooperation(&code) => sources.clone(),
        None if one_sided => Vec::new(),
        None => return Err("failed: no target actor".to_owned()),
    };
    let pairs_itself = |s: &&Actor| targets.iter().all(|t| t.code == s.code);
    if !targets.is_empty() && sources.iter().all(pairs_itself) {
        return Err("failed: the source is its only target".to_owned());
    }
    consumes_complement |= target_roles
        .iter()
        .chain(std::iter::once(&pattern.source))
        .any(|r| matches!(r, Role::XcompObj | Role::XcompPrep(_)));
    Ok(Firing {
        predicate: p,
        pattern,
        code,
        sources,
        targets,
        consumes_complement,
    })
}

/// Consultation and cooperation (CAMEO roots 04 to 06): several sources with
/// no target did it with each other ("Greece and Turkey met"), as PETRARCH
/// codes them, each way. Intentions (03) are left out: "Japan, Korea and India
/// pledged loans" is to a third party.
fn is_cooperation(code: &CameoCode) -> bool {
    matches!(code.root(), "04" | "05" | "06")
}

fn default_targets(pattern: &Pattern) -> Vec<Role> {
    let mut roles = vec![Role::Obj, Role::Iobj];
    for condition in &pattern.conditions {
        if let Condition::Actor(role @ (Role::Prep(_) | Role::XcompObj | Role::XcompPrep(_))) =
            condition
        {
            roles.push(role.clone());
        }
    }
    roles
}

/// Applies intent and threat codes, drops what another predicate consumed, and
/// builds the events.
fn finish(
    tree: &Tree<'_>,
    firings: Vec<Firing<'_, '_>>,
    coding: &Coding<'_>,
    mut trace: Option<&mut Vec<String>>,
) -> Vec<Event> {
    let (dict, cameo) = (coding.dict, coding.cameo);
    let consumed: Vec<usize> = firings
        .iter()
        .filter(|f| f.consumes_complement)
        .filter_map(|f| tree.complement(f.predicate))
        .collect();
    let modal_heads: Vec<usize> = firings
        .iter()
        .filter_map(|f| modal_head(tree, f.predicate))
        .collect();
    let mut events = Vec::new();
    for mut firing in firings {
        if consumed.contains(&firing.predicate) {
            trace_line(
                &mut trace,
                format!("{}: coded by its governing verb", firing.pattern.id),
            );
            continue;
        }
        if modal_heads.contains(&firing.predicate) && !firing.consumes_complement {
            trace_line(
                &mut trace,
                format!("{}: its complement is coded instead", firing.pattern.id),
            );
            continue;
        }
        let Some(code) = modal_code(tree, firing.predicate, &firing.code, dict) else {
            trace_line(
                &mut trace,
                format!(
                    "{}: not coded, an intention CAMEO has no intent code for",
                    firing.pattern.id
                ),
            );
            continue;
        };
        firing.code = code;
        events.extend(build_events(tree, &firing, dict, cameo));
        if let Some(reverse) = reverse_firing(tree, &firing, dict) {
            events.extend(build_events(tree, &reverse, dict, cameo));
        }
    }
    events
}

/// The reverse event of an active verb whose pattern has a `reverse` code:
/// the target did that to the source ("Egypt hosted Jordan" → Jordan 042).
fn reverse_firing<'p, 'd>(
    tree: &Tree<'_>,
    firing: &Firing<'p, 'd>,
    dict: &EventDictionary,
) -> Option<Firing<'p, 'd>> {
    let code = firing.pattern.reverse.as_ref()?;
    // Sources that are their own targets (cooperation among several) are
    // already coded each way.
    let among_themselves = firing.targets.len() == firing.sources.len()
        && firing
            .targets
            .iter()
            .zip(&firing.sources)
            .all(|(t, s)| std::ptr::eq(*t, *s));
    if tree.is_passive(firing.predicate) || firing.targets.is_empty() || among_themselves {
        return None;
    }
    Some(Firing {
        predicate: firing.predicate,
        pattern: firing.pattern,
        code: modal_code(tree, firing.predicate, code, dict)?,
        sources: firing.targets.clone(),
        targets: firing.sources.clone(),
        consumes_complement: firing.consumes_complement,
    })
}

fn trace_line(trace: &mut Option<&mut Vec<String>>, line: String) {
    if let Some(t) = trace.as_deref_mut() {
        t.push(line);
    }
}

/// The intent or threat word that governs `p` ("plans to **meet**", "the
/// threat to **invade**"), if any.
fn modal_head(tree: &Tree<'_>, p: usize) -> Option<usize> {
    let head = tree.head(p)?;
    let lemma = tree.lemma(head);
    let verb = tree.complement(head) == Some(p)
        && (tree.is_subject_control(head) || tree.is_going_to(head));
    let noun = tree.deprel(p).starts_with("acl") && INTENT_NOUNS.contains(&lemma);
    (verb || noun).then_some(head)
}

/// The code under the predicate's modality: an intent code under "plans to",
/// "wants to" (none when CAMEO has no intent code for it: "wanted to attack"
/// is no attack; but "sought to" is an attempt, coded as done), a threat code
/// under "threatens to", an intent code where there is one under "will".
fn modal_code(
    tree: &Tree<'_>,
    p: usize,
    code: &CameoCode,
    dict: &EventDictionary,
) -> Option<CameoCode> {
    if let Some(head) = modal_head(tree, p) {
        let rule = if matches!(tree.lemma(head), "threaten" | "threat") {
            dict.threat(code)
        } else {
            dict.intent(code)
        };
        let attempt = ATTEMPT_VERBS.contains(&tree.lemma(head))
            || matches!(tree.lemma(head), "attempt" | "bid" | "effort");
        return rule.cloned().or_else(|| attempt.then(|| code.clone()));
    }
    let future = tree
        .children(p)
        .iter()
        .any(|&c| tree.deprel(c) == "aux" && FUTURE_AUXILIARIES.contains(&tree.lemma(c)))
        || tree.is_to_be_done(p);
    if future {
        Some(dict.intent(code).cloned().unwrap_or_else(|| code.clone()))
    } else {
        Some(code.clone())
    }
}

fn build_events(
    tree: &Tree<'_>,
    firing: &Firing<'_, '_>,
    dict: &EventDictionary,
    cameo: &CameoTable,
) -> Vec<Event> {
    let doc = tree.doc;
    let sentence = &doc.sentences[tree.index];
    let text = doc.text(sentence.span).to_owned();
    let issues = crate::issues::tags(tree, dict);
    let verb_span = doc.tokens[firing.predicate].span;
    let info = cameo.get(&firing.code);
    let mut events = Vec::new();
    // A one-sided firing (no target) gives one event per source.
    let targets: Vec<Option<&Actor>> = if firing.targets.is_empty() {
        vec![None]
    } else {
        firing.targets.iter().copied().map(Some).collect()
    };
    for &source in &firing.sources {
        for &target in &targets {
            if target.is_some_and(|t| source.code == t.code || std::ptr::eq(source, t)) {
                continue;
            }
            let countries: Vec<&str> = [Some(source), target]
                .into_iter()
                .flatten()
                .filter_map(|a| a.country.as_deref())
                .collect();
            let location =
                dyad_places::event_location(doc, tree.index, firing.predicate, &countries)
                    .map(|(location, _)| location);
            events.push(Event {
                story_id: doc.story.id.clone(),
                sentence: tree.index,
                date: doc.story.date,
                source: Some(mention(doc, source)),
                target: target.map(|t| mention(doc, t)),
                cameo: firing.code.clone(),
                quad_class: info.map_or(0, |i| i.quad_class),
                goldstein: info.map_or(0.0, |i| i.goldstein),
                plover: info.and_then(|i| i.plover.clone()),
                issues: issues.clone(),
                location,
                verb: Some(Evidence {
                    text: doc.text(verb_span).to_owned(),
                    span: verb_span,
                }),
                rule: firing.pattern.id.clone(),
                negated: false,
                text: text.clone(),
            });
        }
    }
    events
}

fn mention(doc: &Document, actor: &Actor) -> ActorMention {
    ActorMention {
        code: actor.code.clone(),
        country: actor.country.clone(),
        sectors: actor.sectors.clone(),
        text: doc.text(actor.span).to_owned(),
        span: actor.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cooperation_is_roots_04_to_06() {
        assert!(is_cooperation(&CameoCode::new("040").unwrap()));
        assert!(!is_cooperation(&CameoCode::new("0331").unwrap()));
        assert!(is_cooperation(&CameoCode::new("0631").unwrap()));
        assert!(!is_cooperation(&CameoCode::new("120").unwrap()));
    }
}
