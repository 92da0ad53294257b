//! The event dictionaries: classes, verb blocks with patterns and examples, intent
//! rules, issue tags and discards, in the format of docs/events.md, compiled once
//! into an immutable [`EventDictionary`].

use crate::cameo::CameoTable;
use crate::error::{DictError, DictErrors, Location};
use dyad_doc::{ActorCode, CameoCode, Date};
use dyad_text::normalize;
use std::collections::{BTreeMap, HashMap};

/// Where a pattern takes an actor from, or what it looks at.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// The subject (the `by` agent in the passive).
    Subj,
    /// The direct object (the subject in the passive).
    Obj,
    /// The indirect object.
    Iobj,
    /// An oblique or nominal modifier introduced by this preposition.
    Prep(String),
    /// The clausal complement ("urged X to **stop**").
    Xcomp,
    /// The complement's direct object.
    XcompObj,
    /// An oblique of the complement introduced by this preposition.
    XcompPrep(String),
    /// The subject of a copular complement clause ("conceded that **Serbia**
    /// is a difficult partner"), which has no event of its own.
    ClauseSubj,
    /// As a target only: the first of the direct object, the indirect object,
    /// any oblique or nominal modifier (in sentence order), the complement's
    /// object and its obliques that holds an actor.
    Any,
}

impl Role {
    fn parse(text: &str) -> Option<Role> {
        Some(match text {
            "subj" => Role::Subj,
            "obj" => Role::Obj,
            "iobj" => Role::Iobj,
            "xcomp" => Role::Xcomp,
            "xcomp.obj" => Role::XcompObj,
            "ccomp.subj" => Role::ClauseSubj,
            "any" => Role::Any,
            _ => match text.strip_prefix("xcomp.") {
                Some(prep) if is_word(prep) => Role::XcompPrep(prep.to_owned()),
                Some(_) => return None,
                None if is_word(text) => Role::Prep(text.to_owned()),
                None => return None,
            },
        })
    }

    /// The role as written in the dictionary.
    pub fn name(&self) -> String {
        match self {
            Role::Subj => "subj".into(),
            Role::Obj => "obj".into(),
            Role::Iobj => "iobj".into(),
            Role::Prep(p) => p.clone(),
            Role::Xcomp => "xcomp".into(),
            Role::XcompObj => "xcomp.obj".into(),
            Role::XcompPrep(p) => format!("xcomp.{p}"),
            Role::ClauseSubj => "ccomp.subj".into(),
            Role::Any => "any".into(),
        }
    }
}

fn is_word(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// One condition of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// The role holds an actor.
    Actor(Role),
    /// The role's head word has one of these lemmas (normalised).
    Lemma(Role, Vec<String>),
    /// The words before the role's head word, in its phrase: the last list
    /// holds the word right before the head, each earlier list a word further
    /// left, in order, others may come between (`obj.mods=new,@tietypes` for
    /// "new economic relations" and "new global economic relations"). A word
    /// matches by its lemma or its written form.
    Modifiers(Role, Vec<Vec<String>>),
    /// The verb is negated.
    Negated,
}

/// One pattern of a verb block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// `lemma/N`.
    pub id: String,
    /// The code when the pattern fires.
    pub code: CameoCode,
    /// The code when the verb is passive, if different.
    pub passive: Option<CameoCode>,
    /// The code of the reverse event (target → source) the active verb also
    /// gives ("Egypt hosted Jordan": 043, and Jordan 042 Egypt).
    pub reverse: Option<CameoCode>,
    /// All must hold.
    pub conditions: Vec<Condition>,
    /// Where the source comes from.
    pub source: Role,
    /// Where the target comes from; `None` picks the first actor among obj, iobj
    /// and the prepositions named in the conditions.
    pub target: Option<Role>,
    /// Where it was written.
    pub location: Location,
}

impl Pattern {
    /// How specific the pattern is: the number of its conditions.
    pub fn specificity(&self) -> usize {
        self.conditions.len() + usize::from(self.target.is_some())
    }
}

/// A verb lemma (with an optional particle) and its patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbBlock {
    /// The verb's lemma, normalised.
    pub lemma: String,
    /// A particle or preposition that must depend on the verb ("out" in "carry out").
    pub particle: Option<String>,
    /// In order of writing.
    pub patterns: Vec<Pattern>,
    /// Where the block starts.
    pub location: Location,
}

impl VerbBlock {
    /// The block's heading, `verb LEMMA [PARTICLE]`, as examples name it.
    pub fn name(&self) -> String {
        block_name(&self.lemma, self.particle.as_deref())
    }
}

fn block_name(lemma: &str, particle: Option<&str>) -> String {
    match particle {
        Some(p) => format!("verb {lemma} {p}"),
        None => format!("verb {lemma}"),
    }
}

/// An example sentence and the event it must give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// Expected source code, `None` for `-`.
    pub source: Option<ActorCode>,
    /// Expected CAMEO code.
    pub code: CameoCode,
    /// Expected target code, `None` for `-`.
    pub target: Option<ActorCode>,
    /// The story date to code it on.
    pub date: Option<Date>,
    /// Which block it belongs to (`verb meet`) and where it is.
    pub block: String,
    /// Where it was written.
    pub location: Location,
}

/// An issue tag and the phrases (lemma sequences) that raise it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// `ARMS`, `NUCLEAR`, …
    pub name: String,
    /// Each phrase as normalised lemmas.
    pub phrases: Vec<Vec<String>>,
}

/// Words that together mark a story as out of scope: a story whose sentences
/// hold at least `at_least` different phrases of the set is not coded. Each
/// word alone is too common to discard a sentence ("match", "coach", "goal"),
/// several together are a sports report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorySignals {
    /// The set's name (`sport`).
    pub name: String,
    /// How many different phrases discard the story.
    pub at_least: usize,
    /// The phrases, as lemma sequences.
    pub phrases: Vec<Vec<String>>,
}

/// The compiled dictionaries, shared by every thread.
#[derive(Debug, Clone, Default)]
pub struct EventDictionary {
    verbs: HashMap<String, Vec<VerbBlock>>,
    /// Regular inflections of every verb lemma ("resumed" → resume), for words
    /// the lemmatizer has not seen and lemmatizes wrongly ("resum").
    forms: HashMap<String, String>,
    intent: Vec<(String, CameoCode)>,
    threat: Vec<(String, CameoCode)>,
    issues: Vec<Issue>,
    discards: Vec<Vec<String>>,
    signals: Vec<StorySignals>,
    /// For each first word of a discard phrase, the phrases that start with it
    /// (indexes into `discards`, ascending): a sentence's words look up their
    /// phrases instead of every phrase being slid along every sentence.
    discard_starts: HashMap<String, Vec<usize>>,
    examples: Vec<Example>,
    classes: BTreeMap<String, Vec<String>>,
}

impl EventDictionary {
    /// Reads dictionary files, given as (name, text) in order, checking codes
    /// against `cameo`. Every error is collected.
    pub fn load(
        sources: &[(String, String)],
        cameo: &CameoTable,
    ) -> Result<EventDictionary, DictErrors> {
        let mut loader = Loader::default();
        for (file, text) in sources {
            loader.read(file, text);
        }
        loader.finish(cameo)
    }

    /// The blocks for a verb lemma (normalised).
    pub fn verb(&self, lemma: &str) -> &[VerbBlock] {
        self.verbs.get(lemma).map_or(&[], Vec::as_slice)
    }

    /// The blocks of the lemma whose regular inflection `form` (normalised)
    /// is ("resumed", "patrolled", "carries"); a form that is itself a lemma
    /// is no inflection.
    pub fn verb_inflected_as(&self, form: &str) -> &[VerbBlock] {
        self.forms.get(form).map_or(&[], |lemma| self.verb(lemma))
    }

    /// `file:line: verb LEMMA [PARTICLE]` for every block without an example
    /// line, sorted.
    pub fn blocks_without_example(&self) -> Vec<String> {
        let with_examples: std::collections::HashSet<&str> =
            self.examples.iter().map(|e| e.block.as_str()).collect();
        let mut missing: Vec<String> = self
            .blocks()
            .filter(|block| !with_examples.contains(block.name().as_str()))
            .map(|block| format!("{}: {}", block.location, block.name()))
            .collect();
        missing.sort();
        missing
    }

    /// Every verb block.
    pub fn blocks(&self) -> impl Iterator<Item = &VerbBlock> {
        self.verbs.values().flatten()
    }

    /// Number of verb lemmas and of patterns.
    pub fn counts(&self) -> (usize, usize) {
        let patterns = self
            .verbs
            .values()
            .flatten()
            .map(|b| b.patterns.len())
            .sum();
        (self.verbs.len(), patterns)
    }

    /// Every example sentence.
    pub fn examples(&self) -> &[Example] {
        &self.examples
    }

    /// The issue tags.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// Discard phrases.
    pub fn discards(&self) -> &[Vec<String>] {
        &self.discards
    }

    /// Story-level signal sets (`signals` lines).
    pub fn story_signals(&self) -> &[StorySignals] {
        &self.signals
    }

    /// The discard phrases that start with `word`, as indexes into
    /// [`EventDictionary::discards`], ascending.
    pub(crate) fn discards_starting_with(&self, word: &str) -> &[usize] {
        self.discard_starts.get(word).map_or(&[], Vec::as_slice)
    }

    /// The code under intent ("will meet" → 036), if a rule covers `code`.
    pub fn intent(&self, code: &CameoCode) -> Option<&CameoCode> {
        longest_prefix(&self.intent, code)
    }

    /// The code under "threaten to", if a rule covers `code`.
    pub fn threat(&self, code: &CameoCode) -> Option<&CameoCode> {
        longest_prefix(&self.threat, code)
    }

    /// The classes, expanded.
    pub fn classes(&self) -> &BTreeMap<String, Vec<String>> {
        &self.classes
    }

    /// Every pattern code in use, for checks.
    pub fn codes(&self) -> impl Iterator<Item = &CameoCode> {
        self.verbs
            .values()
            .flatten()
            .flat_map(|b| b.patterns.iter())
            .flat_map(|p| {
                std::iter::once(&p.code)
                    .chain(p.passive.as_ref())
                    .chain(p.reverse.as_ref())
            })
    }
}

/// Every regular inflection of the lemmas that is not itself a lemma, mapped
/// to its lemma; a form two lemmas could give goes to the first in order.
fn inflections(verbs: &HashMap<String, Vec<VerbBlock>>) -> HashMap<String, String> {
    let mut lemmas: Vec<&String> = verbs.keys().collect();
    lemmas.sort();
    let mut forms = HashMap::new();
    for lemma in lemmas {
        for form in regular_forms(lemma) {
            if !verbs.contains_key(&form) {
                forms.entry(form).or_insert_with(|| lemma.clone());
            }
        }
    }
    forms
}

/// The -s, -ed and -ing forms English spelling rules could give `lemma`, with
/// and without a doubled final consonant ("patrol" → patrolled, patroled).
fn regular_forms(lemma: &str) -> Vec<String> {
    const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u'];
    let Some(last) = lemma.chars().last() else {
        return Vec::new();
    };
    let stem = &lemma[..lemma.len() - last.len_utf8()];
    let before_last = stem.chars().last();
    let mut forms = Vec::new();
    if last == 'e' {
        forms.extend([format!("{lemma}s"), format!("{lemma}d")]);
        if !stem.ends_with(['e', 'o', 'y']) {
            forms.push(format!("{stem}ing"));
        }
        forms.push(format!("{lemma}ing"));
    } else if last == 'y' && before_last.is_some_and(|c| !VOWELS.contains(&c)) {
        forms.extend([
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{lemma}ing"),
        ]);
    } else {
        let sibilant =
            lemma.ends_with(['s', 'x', 'z', 'o']) || lemma.ends_with("ch") || lemma.ends_with("sh");
        forms.push(if sibilant {
            format!("{lemma}es")
        } else {
            format!("{lemma}s")
        });
        forms.extend([format!("{lemma}ed"), format!("{lemma}ing")]);
        let doubles = !VOWELS.contains(&last)
            && !matches!(last, 'w' | 'x' | 'y')
            && before_last.is_some_and(|c| VOWELS.contains(&c));
        if doubles {
            forms.extend([format!("{lemma}{last}ed"), format!("{lemma}{last}ing")]);
        }
    }
    if lemma.ends_with('c') {
        forms.extend([format!("{lemma}ked"), format!("{lemma}king")]);
    }
    forms
}

fn longest_prefix<'a>(rules: &'a [(String, CameoCode)], code: &CameoCode) -> Option<&'a CameoCode> {
    rules
        .iter()
        .filter(|(prefix, _)| code.as_str().starts_with(prefix.as_str()))
        .max_by_key(|(prefix, _)| prefix.len())
        .map(|(_, to)| to)
}

/// A pattern as read, before classes are expanded.
struct RawPattern {
    pattern: Pattern,
    lists: Vec<(Role, Vec<String>)>,
    modifiers: Vec<(Role, Vec<Vec<String>>)>,
}

#[derive(Default)]
struct Loader {
    errors: Vec<DictError>,
    classes: BTreeMap<String, (Vec<String>, Location)>,
    blocks: Vec<(VerbBlock, Vec<RawPattern>)>,
    intent: Vec<(String, CameoCode, Location)>,
    threat: Vec<(String, CameoCode, Location)>,
    issues: Vec<(String, Vec<String>, Location)>,
    discards: Vec<(Vec<String>, Location)>,
    signals: Vec<StorySignals>,
    examples: Vec<Example>,
}

impl Loader {
    fn read(&mut self, file: &str, text: &str) {
        let mut in_block = false;
        for (n, raw) in text.lines().enumerate() {
            let location = Location {
                file: file.to_owned(),
                line: n + 1,
            };
            let line = strip_comment(raw);
            if line.trim().is_empty() {
                continue;
            }
            let indented = line.starts_with(' ') || line.starts_with('\t');
            let result = if indented && in_block {
                self.block_line(line.trim(), &location)
            } else {
                let result = self.top_line(line.trim(), &location);
                in_block = line.trim_start().starts_with("verb ") && result.is_ok();
                result
            };
            if let Err(reason) = result {
                self.errors.push(DictError { location, reason });
            }
        }
    }

    fn top_line(&mut self, line: &str, location: &Location) -> Result<(), String> {
        let (keyword, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        match keyword {
            "verb" => self.verb(rest, location),
            "class" => self.class(rest, location),
            "issue" => self.issue(rest, location),
            "discard" => {
                let phrase = words(rest);
                if phrase.is_empty() {
                    return Err("`discard` needs a word or a quoted phrase".into());
                }
                self.discards.push((phrase, location.clone()));
                Ok(())
            }
            "signals" => {
                self.signals.push(story_signals(rest)?);
                Ok(())
            }
            "threat" => {
                let (from, to) = code_rule(rest)?;
                self.threat.push((from, to, location.clone()));
                Ok(())
            }
            _ if keyword.starts_with(|c: char| c.is_ascii_digit()) => {
                let (from, to) = code_rule(line)?;
                self.intent.push((from, to, location.clone()));
                Ok(())
            }
            _ => Err(format!(
                "unknown entry {keyword:?}: a line starts with verb, class, issue, discard, signals, threat or an intent rule (`04 => 036`); pattern lines are indented under a verb"
            )),
        }
    }

    fn verb(&mut self, rest: &str, location: &Location) -> Result<(), String> {
        let parts: Vec<&str> = rest.split_whitespace().collect();
        let (lemma, particle) = match parts.as_slice() {
            [lemma] => (normalize(lemma), None),
            [lemma, particle] => (normalize(lemma), Some(normalize(particle))),
            _ => {
                return Err(
                    "`verb` takes a lemma and at most one particle: `verb carry out`".into(),
                )
            }
        };
        self.blocks.push((
            VerbBlock {
                lemma,
                particle,
                patterns: Vec::new(),
                location: location.clone(),
            },
            Vec::new(),
        ));
        Ok(())
    }

    fn class(&mut self, rest: &str, location: &Location) -> Result<(), String> {
        let (name, members) = rest
            .split_once(':')
            .ok_or("a class is `class NAME: word word @other`")?;
        let name = name.trim();
        let valid = name.starts_with(|c: char| c.is_alphabetic())
            && name.chars().all(|c| c.is_alphanumeric() || c == '_');
        if !valid {
            return Err(format!(
                "class name {name:?} must be letters, digits and _, starting with a letter"
            ));
        }
        let members: Vec<String> = members.split_whitespace().map(member).collect();
        if members.is_empty() {
            return Err(format!("class {name} has no members"));
        }
        if self
            .classes
            .insert(name.to_owned(), (members, location.clone()))
            .is_some()
        {
            return Err(format!("class {name} is defined twice"));
        }
        Ok(())
    }

    fn issue(&mut self, rest: &str, location: &Location) -> Result<(), String> {
        let (name, phrases) = rest
            .split_once(':')
            .ok_or("an issue is `issue NAME: word \"two words\"`")?;
        let name = name.trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
            return Err(format!(
                "issue name {name:?} must be upper-case letters and _"
            ));
        }
        for phrase in quoted_items(phrases) {
            self.issues
                .push((name.to_owned(), phrase, location.clone()));
        }
        Ok(())
    }

    fn block_line(&mut self, line: &str, location: &Location) -> Result<(), String> {
        let (block, raw) = self.blocks.last_mut().expect("in a block");
        if let Some(example) = line.strip_prefix("example:") {
            let example =
                parse_example(example, &block.lemma, block.particle.as_deref(), location)?;
            self.examples.push(example);
            return Ok(());
        }
        let number = raw.len() + 1;
        let id = match &block.particle {
            Some(p) => format!("{}_{p}/{number}", block.lemma),
            None => format!("{}/{number}", block.lemma),
        };
        raw.push(parse_pattern(line, id, location)?);
        Ok(())
    }

    fn finish(mut self, cameo: &CameoTable) -> Result<EventDictionary, DictErrors> {
        let classes = self.expand_classes();
        let mut verbs: HashMap<String, Vec<VerbBlock>> = HashMap::new();
        for (mut block, raw) in std::mem::take(&mut self.blocks) {
            for raw in raw {
                if let Some(pattern) = self.compile(raw, &classes, cameo) {
                    block.patterns.push(pattern);
                }
            }
            if block.patterns.is_empty() {
                self.errors.push(DictError {
                    location: block.location.clone(),
                    reason: format!("verb {} has no patterns", block.lemma),
                });
            }
            verbs.entry(block.lemma.clone()).or_default().push(block);
        }
        let intent_rules = std::mem::take(&mut self.intent);
        let intent = self.code_rules(intent_rules, cameo);
        let threat_rules = std::mem::take(&mut self.threat);
        let threat = self.code_rules(threat_rules, cameo);
        let issues = group_issues(std::mem::take(&mut self.issues), &classes);
        if !self.errors.is_empty() {
            return Err(DictErrors(self.errors));
        }
        let forms = inflections(&verbs);
        let discards: Vec<Vec<String>> = self.discards.into_iter().map(|(d, _)| d).collect();
        Ok(EventDictionary {
            verbs,
            forms,
            intent,
            threat,
            issues,
            signals: self.signals,
            discard_starts: index_by_first_word(&discards),
            discards,
            examples: self.examples,
            classes,
        })
    }

    /// Classes with `@other` members replaced by the other class's members.
    fn expand_classes(&mut self) -> BTreeMap<String, Vec<String>> {
        let mut expanded = BTreeMap::new();
        for name in self.classes.keys() {
            let mut seen = vec![name.clone()];
            let mut members = Vec::new();
            if let Err(reason) = self.expand(name, &mut seen, &mut members) {
                let location = self.classes[name].1.clone();
                self.errors.push(DictError { location, reason });
            }
            members.sort();
            members.dedup();
            expanded.insert(name.clone(), members);
        }
        expanded
    }

    fn expand(
        &self,
        name: &str,
        seen: &mut Vec<String>,
        out: &mut Vec<String>,
    ) -> Result<(), String> {
        let (members, _) = self
            .classes
            .get(name)
            .ok_or(format!("unknown class @{name}"))?;
        for member in members {
            match member.strip_prefix('@') {
                Some(other) if seen.iter().any(|s| s == other) => {
                    return Err(format!("class {name} includes itself through @{other}"));
                }
                Some(other) => {
                    seen.push(other.to_owned());
                    self.expand(other, seen, out)?;
                }
                None => out.push(member.clone()),
            }
        }
        Ok(())
    }

    fn compile(
        &mut self,
        raw: RawPattern,
        classes: &BTreeMap<String, Vec<String>>,
        cameo: &CameoTable,
    ) -> Option<Pattern> {
        let RawPattern {
            mut pattern,
            lists,
            modifiers,
        } = raw;
        let mut ok = true;
        let codes = std::iter::once(&pattern.code)
            .chain(pattern.passive.as_ref())
            .chain(pattern.reverse.as_ref());
        for code in codes {
            if !cameo.contains(code.as_str()) {
                self.errors.push(DictError {
                    location: pattern.location.clone(),
                    reason: format!("CAMEO code {} is not in the CAMEO table", code.as_str()),
                });
                ok = false;
            }
        }
        for (role, list) in lists {
            match expand_list(&list, classes) {
                Ok(words) => pattern.conditions.push(Condition::Lemma(role, words)),
                Err(reason) => {
                    self.errors.push(DictError {
                        location: pattern.location.clone(),
                        reason,
                    });
                    ok = false;
                }
            }
        }
        for (role, lists) in modifiers {
            let expanded: Result<Vec<Vec<String>>, String> =
                lists.iter().map(|l| expand_list(l, classes)).collect();
            match expanded {
                Ok(lists) => pattern.conditions.push(Condition::Modifiers(role, lists)),
                Err(reason) => {
                    self.errors.push(DictError {
                        location: pattern.location.clone(),
                        reason,
                    });
                    ok = false;
                }
            }
        }
        ok.then_some(pattern)
    }

    fn code_rules(
        &mut self,
        rules: Vec<(String, CameoCode, Location)>,
        cameo: &CameoTable,
    ) -> Vec<(String, CameoCode)> {
        let mut out = Vec::new();
        for (from, to, location) in rules {
            if cameo.contains(to.as_str()) {
                out.push((from, to));
            } else {
                self.errors.push(DictError {
                    location,
                    reason: format!("CAMEO code {} is not in the CAMEO table", to.as_str()),
                });
            }
        }
        out
    }
}

fn group_issues(
    issues: Vec<(String, Vec<String>, Location)>,
    classes: &BTreeMap<String, Vec<String>>,
) -> Vec<Issue> {
    let mut grouped: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for (name, phrase, _) in issues {
        let phrases = grouped.entry(name).or_default();
        match phrase.as_slice() {
            [one] if one.starts_with('@') => {
                if let Some(members) = classes.get(&one[1..]) {
                    phrases.extend(members.iter().map(|m| vec![m.clone()]));
                }
            }
            _ => phrases.push(phrase),
        }
    }
    grouped
        .into_iter()
        .map(|(name, phrases)| Issue { name, phrases })
        .collect()
}

fn expand_list(
    list: &[String],
    classes: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    for item in list {
        match item.strip_prefix('@') {
            Some(class) => words.extend(
                classes
                    .get(class)
                    .ok_or_else(|| format!("unknown class @{class}"))?
                    .iter()
                    .cloned(),
            ),
            None => words.push(item.clone()),
        }
    }
    words.sort();
    words.dedup();
    Ok(words)
}

fn strip_comment(line: &str) -> &str {
    // `#` starts a comment unless it is inside an example's quotes-free text;
    // examples may not contain `#`.
    line.split_once('#').map_or(line, |(before, _)| before)
}

fn member(word: &str) -> String {
    match word.strip_prefix('@') {
        Some(class) => format!("@{class}"),
        None => normalize(word),
    }
}

/// Words and "quoted phrases", each as normalised words.
fn quoted_items(text: &str) -> Vec<Vec<String>> {
    let mut items = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('"') {
            let (phrase, tail) = after.split_once('"').unwrap_or((after, ""));
            items.push(phrase.split_whitespace().map(normalize).collect());
            rest = tail.trim_start();
        } else {
            let (word, tail) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            items.push(vec![member(word)]);
            rest = tail.trim_start();
        }
    }
    items.retain(|i: &Vec<String>| !i.is_empty());
    items
}

fn words(text: &str) -> Vec<String> {
    quoted_items(text).into_iter().flatten().collect()
}

/// `NAME N: word "two words" …`
fn story_signals(text: &str) -> Result<StorySignals, String> {
    const FORM: &str = "signals are `signals NAME N: word \"two words\" …`, N the number of different ones that discard a story";
    let (head, phrases) = text.split_once(':').ok_or(FORM)?;
    let (name, at_least) = head.trim().split_once(char::is_whitespace).ok_or(FORM)?;
    let at_least: usize = at_least.trim().parse().map_err(|_| FORM)?;
    let phrases = quoted_items(phrases);
    if at_least == 0 || phrases.len() < at_least {
        return Err(format!(
            "signals {name}: needs N from 1 to the number of phrases ({})",
            phrases.len()
        ));
    }
    Ok(StorySignals {
        name: name.to_owned(),
        at_least,
        phrases,
    })
}

fn code_rule(text: &str) -> Result<(String, CameoCode), String> {
    let (from, to) = text
        .split_once("=>")
        .ok_or("an intent rule is `CODE_PREFIX => CODE`, e.g. `04 => 036`")?;
    let from = from.trim();
    if from.is_empty() || from.len() > 4 || !from.chars().all(|c| c.is_ascii_digit()) {
        return Err(format!("{from:?} is not a CAMEO code prefix"));
    }
    let to = CameoCode::new(to.trim()).map_err(|e| e.to_string())?;
    Ok((from.to_owned(), to))
}

fn parse_pattern(line: &str, id: String, location: &Location) -> Result<RawPattern, String> {
    let (code, rest) = line
        .split_once(':')
        .ok_or("a pattern is `CODE: CONDITIONS…`, e.g. `040: subj with`")?;
    let code = CameoCode::new(code.trim()).map_err(|e| e.to_string())?;
    let mut pattern = Pattern {
        id,
        code,
        passive: None,
        reverse: None,
        conditions: Vec::new(),
        source: Role::Subj,
        target: None,
        location: location.clone(),
    };
    let mut lists = Vec::new();
    let mut modifiers = Vec::new();
    let mut tokens = rest.split_whitespace();
    while let Some(token) = tokens.next() {
        if token == "passive" {
            let code = tokens.next().ok_or("`passive` needs a code")?;
            pattern.passive = Some(CameoCode::new(code).map_err(|e| e.to_string())?);
        } else if token == "reverse" {
            let code = tokens.next().ok_or("`reverse` needs a code")?;
            pattern.reverse = Some(CameoCode::new(code).map_err(|e| e.to_string())?);
        } else if token == "not" {
            pattern.conditions.push(Condition::Negated);
        } else if let Some((key, value)) = token.split_once('=') {
            let role = |text: &str| Role::parse(text).ok_or(format!("unknown role {text:?}"));
            match key {
                "source" => pattern.source = role(value)?,
                "target" => pattern.target = Some(role(value)?),
                _ if key.ends_with(".mods") => {
                    let of = role(key.trim_end_matches(".mods"))?;
                    modifiers.push((of, modifier_lists(value, key)?));
                }
                _ => {
                    let list: Vec<String> = value
                        .split('|')
                        .map(member)
                        .filter(|w| !w.is_empty())
                        .collect();
                    if list.is_empty() {
                        return Err(format!("{key}= needs words or a @class"));
                    }
                    lists.push((role(key)?, list));
                }
            }
        } else {
            let role = Role::parse(token).ok_or(format!("unknown condition {token:?}"))?;
            pattern.conditions.push(Condition::Actor(role));
        }
    }
    for role in std::iter::once(&pattern.source).chain(pattern.target.as_ref()) {
        if *role == Role::Xcomp {
            return Err("a source or target must be a nominal role, not xcomp".into());
        }
    }
    if pattern.source == Role::Any
        || pattern
            .conditions
            .iter()
            .any(|c| matches!(c, Condition::Actor(Role::Any)))
        || lists.iter().any(|(r, _)| *r == Role::Any)
        || modifiers.iter().any(|(r, _)| *r == Role::Any)
    {
        return Err("`any` is a target only: `target=any`".into());
    }
    Ok(RawPattern {
        pattern,
        lists,
        modifiers,
    })
}

/// `new,@tietypes|cultural` → one word list per modifier, in order.
fn modifier_lists(value: &str, key: &str) -> Result<Vec<Vec<String>>, String> {
    let lists: Vec<Vec<String>> = value
        .split(',')
        .map(|words| {
            words
                .split('|')
                .map(member)
                .filter(|w| !w.is_empty())
                .collect()
        })
        .collect();
    if lists.iter().any(Vec::is_empty) {
        return Err(format!("{key}= needs words or a @class for every modifier"));
    }
    Ok(lists)
}

fn parse_example(
    text: &str,
    lemma: &str,
    particle: Option<&str>,
    location: &Location,
) -> Result<Example, String> {
    let (sentence, expected) = text
        .rsplit_once("=>")
        .ok_or("an example is `example: SENTENCE => SOURCE CODE TARGET [@ DATE]`")?;
    let (expected, date) = match expected.split_once('@') {
        Some((e, d)) => (e, Some(Date::parse(d.trim()).map_err(|e| e.to_string())?)),
        None => (expected, None),
    };
    let parts: Vec<&str> = expected.split_whitespace().collect();
    let [source, code, target] = parts.as_slice() else {
        return Err("expected `SOURCE CODE TARGET` after =>, with - for a missing actor".into());
    };
    let actor = |code: &str| -> Result<Option<ActorCode>, String> {
        if code == "-" {
            Ok(None)
        } else {
            ActorCode::new(code).map(Some).map_err(|e| e.to_string())
        }
    };
    Ok(Example {
        text: sentence.trim().to_owned(),
        source: actor(source)?,
        code: CameoCode::new(code).map_err(|e| e.to_string())?,
        target: actor(target)?,
        date,
        block: block_name(lemma, particle),
        location: location.clone(),
    })
}

/// Indexes of `phrases` by their first word, ascending; empty phrases match
/// nothing and are left out.
fn index_by_first_word(phrases: &[Vec<String>]) -> HashMap<String, Vec<usize>> {
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, phrase) in phrases.iter().enumerate() {
        if let Some(first) = phrase.first() {
            index.entry(first.clone()).or_default().push(i);
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cameo() -> CameoTable {
        CameoTable::parse(
            "040\tConsult\t1.0\t1\tCONSULT\t\t\n036\tIntent to meet\t4.0\t1\tAGREE\t\t\n163\tEmbargo\t-8\t4\tSANCTION\t\t\n",
            "cameo.tsv",
        )
        .unwrap()
    }

    fn load(text: &str) -> Result<EventDictionary, DictErrors> {
        EventDictionary::load(&[("verbs.txt".into(), text.into())], &cameo())
    }

    #[test]
    fn blocks_patterns_classes_and_examples_load() {
        let dict = load(
            "class sanctions: sanction embargo\nclass measures: @sanctions tariff\n\
             verb meet\n  040: subj obj\n  040: subj with  # met with\n  example: A met B. => USA 040 TUR @ 2021-03-23\n\
             verb impose\n  163: obj=@measures target=on passive 163\n04 => 036\n",
        )
        .unwrap();
        assert_eq!(dict.counts(), (2, 3));
        let meet = &dict.verb("meet")[0];
        assert_eq!(meet.patterns[1].id, "meet/2");
        assert_eq!(
            meet.patterns[1].conditions,
            vec![
                Condition::Actor(Role::Subj),
                Condition::Actor(Role::Prep("with".into()))
            ]
        );
        let impose = &dict.verb("impose")[0].patterns[0];
        assert_eq!(impose.target, Some(Role::Prep("on".into())));
        assert_eq!(
            impose.conditions,
            vec![Condition::Lemma(
                Role::Obj,
                vec!["embargo".into(), "sanction".into(), "tariff".into()]
            )]
        );
        assert_eq!(
            dict.examples()[0].date,
            Some(Date::parse("2021-03-23").unwrap())
        );
        assert_eq!(
            dict.intent(&CameoCode::new("040").unwrap())
                .unwrap()
                .as_str(),
            "036"
        );
    }

    #[test]
    fn every_error_names_its_line() {
        let errors = load(
            "verb meet\n  999: subj obj\n  040: subj frob=\nclass x: @nothing\nnonsense here\n",
        )
        .unwrap_err()
        .0;
        let lines: Vec<usize> = errors.iter().map(|e| e.location.line).collect();
        assert!(lines.contains(&2), "{errors:?}"); // unknown code
        assert!(lines.contains(&3), "{errors:?}"); // empty list
        assert!(lines.contains(&4), "{errors:?}"); // unknown class
        assert!(lines.contains(&5), "{errors:?}"); // unknown entry
    }

    #[test]
    fn story_signals_load_with_their_threshold() {
        let dict = load("signals sport 2: match \"free kick\" coach\n").unwrap();
        let sets = dict.story_signals();
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].name, "sport");
        assert_eq!(sets[0].at_least, 2);
        assert_eq!(sets[0].phrases[1], vec!["free", "kick"]);
    }

    #[test]
    fn story_signals_need_a_reachable_threshold() {
        for bad in [
            "signals sport 4: match coach\n",
            "signals sport: match\n",
            "signals sport 0: match\n",
        ] {
            let errors = load(bad).unwrap_err().0;
            assert_eq!(errors[0].location.line, 1, "{bad}: {errors:?}");
        }
    }

    #[test]
    fn regular_forms_follow_english_spelling() {
        let forms = |lemma: &str| regular_forms(lemma);
        assert!(forms("resume").contains(&"resumed".to_owned()));
        assert!(forms("resume").contains(&"resuming".to_owned()));
        assert!(forms("patrol").contains(&"patrolled".to_owned()));
        assert!(forms("carry").contains(&"carries".to_owned()));
        assert!(forms("carry").contains(&"carried".to_owned()));
        assert!(forms("push").contains(&"pushes".to_owned()));
        assert!(forms("panic").contains(&"panicked".to_owned()));
        assert!(forms("agree").contains(&"agreeing".to_owned()));
        assert!(forms("boycott").contains(&"boycotted".to_owned()));
        assert!(forms("stop").contains(&"stopped".to_owned()));
        assert!(forms("hope").contains(&"hoping".to_owned()));
        assert!(forms("depart").contains(&"departs".to_owned()));
    }

    #[test]
    fn a_verb_is_found_by_its_inflected_form() {
        let dict = load("verb resume\n  040: subj obj\nverb resum\n  036: subj obj\n").unwrap();
        assert_eq!(dict.verb_inflected_as("resumes")[0].lemma, "resume");
        // A lemma written as such is not an inflection of another.
        assert!(dict.verb_inflected_as("resum").is_empty());
        assert!(dict.verb_inflected_as("resumption").is_empty());
    }
}
