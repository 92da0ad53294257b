//! Import of PETRARCH-2 verb dictionaries (the syntax of `CAMEO.2.0.txt`),
//! translated into dyad's own verb-pattern text (docs/events.md) so that one
//! loader and one matcher serve both. The mapping and what it loses are in
//! docs/events.md, "PETRARCH import".
//!
//! ```text
//! &CURRENCY            synset           → class NAME_currency: money dollar …
//! +DOLLAR
//! --- ASK [---] ---    block            → one `verb` block per member verb
//! ASK [020]            member, own code → `verb ask` with a default `020:` pattern
//! +ASK_FOR {…} [020]   compound verb    → `verb ask for`
//! - * AID [023]        pattern          → `023: obj=aid`
//! - * (FOR &WEAPON) [0232]              → `0232: for=@NAME_weapon`
//! - + * (FROM $) [080]                  → `080: from source=from target=subj`
//! - % * [050]                           → `050: subj target=subj` (coordinated subjects)
//! - * (BY) [043:042]                    → `043: by reverse 042`
//! ```

use crate::cameo::CameoTable;
use dyad_doc::CameoCode;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

/// What an import read, wrote and could not use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportStats {
    /// The file, as named.
    pub file: String,
    /// `&SYNSET` blocks read (written as classes).
    pub synsets: usize,
    /// `+WORD` members of synsets.
    pub synset_members: usize,
    /// `--- NAME [CODE] ---` verb blocks.
    pub verb_blocks: usize,
    /// Member verb lines of the blocks.
    pub verbs: usize,
    /// Member verbs that dyad cannot express (words before the verb: `KLM_NOP_+RST`).
    pub verbs_skipped: usize,
    /// Pattern lines (`- … * … [code]`).
    pub patterns: usize,
    /// Pattern lines translated (each written once per member verb of its block).
    pub patterns_imported: usize,
    /// Pattern lines whose code is PETRARCH's "no event" `---`, or empty.
    pub no_code: usize,
    /// Codes that are not in the CAMEO table (`075A`, `174L`, `903`): each
    /// pattern or verb skipped for it counts once.
    pub not_cameo: usize,
    /// Patterns with only a passive code (`[:173]`), which dyad cannot restrict
    /// to the passive.
    pub passive_only: usize,
    /// Verb transformations (`~ a (a b ATTACK) SAY = a b 015`), not imported.
    pub transformations: usize,
    /// Pattern words with no place in dyad's conditions (second nouns, phrase
    /// modifiers, a `$`/`+` after a noun), dropped from their pattern.
    pub dropped_words: usize,
    /// `verb` blocks written.
    pub blocks_written: usize,
    /// Pattern lines written.
    pub lines_written: usize,
    /// Lines that could not be read, as `file:line: why`.
    pub problems: Vec<String>,
}

/// Bare words after `*` read as a particle of the verb ("set **out** views").
const PARTICLES: &[&str] = &[
    "out", "up", "down", "off", "back", "away", "forward", "aside", "together", "apart",
];
/// Bare words after `*` that introduce the noun after them ("agree **on** solution").
const PREPOSITIONS: &[&str] = &[
    "about", "against", "along", "among", "at", "before", "behind", "between", "by", "for", "from",
    "in", "into", "of", "on", "over", "through", "to", "toward", "towards", "under", "upon",
    "with", "within",
];
/// Words that make a pattern require a negated verb.
const NEGATIONS: &[&str] = &["not", "neither", "never", "no"];

/// Translates the PETRARCH-2 verb dictionary `text` (named `file` in messages)
/// into dyad's verb-pattern format, checking codes against the shipped CAMEO table.
pub fn petrarch_to_dyad(text: &str, file: &str) -> (String, ImportStats) {
    let table = crate::shipped_cameo_table();
    petrarch_to_dyad_with(text, file, &table)
}

/// As [`petrarch_to_dyad`], with the CAMEO table given.
pub fn petrarch_to_dyad_with(text: &str, file: &str, cameo: &CameoTable) -> (String, ImportStats) {
    let mut import = Import {
        file: file.to_owned(),
        prefix: class_prefix(file),
        cameo,
        stats: ImportStats {
            file: file.to_owned(),
            ..ImportStats::default()
        },
        synsets: BTreeMap::new(),
        blocks: Vec::new(),
    };
    import.read(text);
    let out = import.write();
    (out, import.stats)
}

/// The numeric codes (2 to 4 digits) in the `[…]` fields of the PETRARCH
/// verb dictionary `text` that `cameo` does not have, in order of first use:
/// what [`CameoTable::add_outside`] needs to keep a suite's own codes.
pub fn outside_codes(text: &str, cameo: &CameoTable) -> Vec<CameoCode> {
    let mut found: Vec<CameoCode> = Vec::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        for field in line.split('[').skip(1) {
            let Some((codes, _)) = field.split_once(']') else {
                continue;
            };
            for code in codes
                .split(':')
                .filter_map(|c| CameoCode::new(c.trim()).ok())
            {
                if !cameo.contains(code.as_str()) && !found.contains(&code) {
                    found.push(code);
                }
            }
        }
    }
    found
}

/// A token of a pattern line.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    /// A word or `{phrase}`, lower case; the head is the last word.
    Words(Vec<String>),
    /// `&SYNSET`.
    Class(String),
    /// `(PREP …)`.
    Prep(String, Vec<Item>),
    Source,
    Target,
    Skip,
    Compound,
    Star,
}

struct Member {
    lemma: String,
    particle: Option<String>,
    /// A noun written into the verb (`TAKE_NOTE`): an `obj=` condition.
    noun: Option<String>,
    code: Option<(String, Option<String>)>,
    line: usize,
}

struct Block {
    name: String,
    line: usize,
    members: Vec<Member>,
    /// (particle, conditions, line).
    patterns: Vec<(Option<String>, String, usize)>,
    default_code: String,
}

struct Import<'t> {
    file: String,
    prefix: String,
    cameo: &'t CameoTable,
    stats: ImportStats,
    /// Synset name (as written, without `&`) → members.
    synsets: BTreeMap<String, Vec<String>>,
    blocks: Vec<Block>,
}

/// `CAMEO.2.0.txt` → `cameo20`: a tag that keeps the classes of different
/// imports apart.
fn class_prefix(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let base = base.strip_suffix(".txt").unwrap_or(base);
    let tag: String = base
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(char::to_lowercase)
        .collect();
    if tag.starts_with(|c: char| c.is_ascii_alphabetic()) {
        tag
    } else {
        format!("p{tag}")
    }
}

impl Import<'_> {
    fn problem(&mut self, line: usize, why: impl std::fmt::Display) {
        self.stats
            .problems
            .push(format!("{}:{line}: {why}", self.file));
    }

    fn read(&mut self, text: &str) {
        let mut in_synsets = true;
        let mut synset: Option<String> = None;
        for (index, raw) in text.lines().enumerate() {
            let n = index + 1;
            if raw.starts_with("####### VERB PATTERNS") {
                in_synsets = false;
                continue;
            }
            if raw.starts_with("<!") {
                self.problem(
                    n,
                    "`<!` lines are not read (PETRARCH stops reading patterns there)",
                );
                continue;
            }
            let line = raw.split('#').next().unwrap_or("");
            if line.trim().is_empty() {
                continue;
            }
            if line.starts_with("---") {
                self.block_header(line, n);
                synset = None;
            } else if let Some(pattern) = line.strip_prefix('-') {
                self.stats.patterns += 1;
                if self.blocks.is_empty() {
                    self.problem(n, "a pattern before any `--- VERB [code] ---` block");
                    continue;
                }
                self.pattern(pattern, n);
            } else if in_synsets && line.starts_with('&') {
                let name = line.trim().trim_start_matches('&').to_owned();
                self.stats.synsets += 1;
                self.synsets.entry(name.clone()).or_default();
                synset = Some(name);
            } else if in_synsets && line.starts_with('+') && synset.is_some() {
                self.stats.synset_members += 1;
                let word = line.trim()[1..].to_owned();
                let name = synset.clone().unwrap_or_default();
                self.synsets.entry(name).or_default().push(word);
            } else if line.starts_with('~') {
                self.stats.transformations += 1;
            } else {
                self.member(line, n);
            }
        }
    }

    fn block_header(&mut self, line: &str, n: usize) {
        self.stats.verb_blocks += 1;
        let parts: Vec<&str> = line.split_whitespace().collect();
        let name = parts.get(1).copied().unwrap_or("").to_owned();
        let code = parts
            .get(2)
            .filter(|c| c.starts_with('['))
            .map_or("[---]", |c| c);
        if name.is_empty() || name == "---" {
            self.problem(n, "a block header is `--- VERB [CODE] ---`");
        }
        self.blocks.push(Block {
            name,
            line: n,
            members: Vec::new(),
            patterns: Vec::new(),
            default_code: code.trim_matches(|c| c == '[' || c == ']').to_owned(),
        });
    }

    /// A member verb line: `WORD {FORMS} [CODE]`, `+ASK_FOR {…} [CODE]`.
    fn member(&mut self, line: &str, n: usize) {
        self.stats.verbs += 1;
        let cleaned = line.replace(['{', '}'], " ").replace('[', " [");
        let mut words: Vec<&str> = cleaned.split_whitespace().collect();
        let own_code = match words.last() {
            Some(w) if w.starts_with('[') => {
                let code = w.trim_matches(|c| c == '[' || c == ']').to_owned();
                words.pop();
                Some(code)
            }
            _ => None,
        };
        let Some(&stem) = words.first() else {
            self.problem(n, "a verb line without a verb");
            return;
        };
        let Some(default_code) = self.blocks.last().map(|b| b.default_code.clone()) else {
            self.problem(n, "a verb line before any `--- VERB [code] ---` block");
            return;
        };
        if !stem
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '_' | '+' | '-' | '\''))
        {
            self.problem(
                n,
                format!("{stem:?} is not a verb: a verb line is `VERB {{FORMS}} [CODE]`; a pattern line starts with `-`"),
            );
            return;
        }
        let (front, verb, back) = match stem.split_once('+') {
            Some((front, rest)) => {
                let mut parts = rest.split('_').filter(|w| !w.is_empty());
                let verb = parts.next().unwrap_or("");
                (front.trim_matches('_'), verb, parts.collect::<Vec<_>>())
            }
            None => {
                let mut parts = stem.split('_').filter(|w| !w.is_empty());
                let verb = parts.next().unwrap_or("");
                ("", verb, parts.collect::<Vec<_>>())
            }
        };
        if !front.is_empty() || back.len() > 1 || verb.is_empty() {
            self.stats.verbs_skipped += 1;
            self.problem(
                n,
                format!("verb {stem:?}: dyad matches a verb with at most one word after it"),
            );
            return;
        }
        let code_text = own_code.unwrap_or(default_code);
        let code = self.code(&code_text, n, false);
        let (particle, noun) = match back.first().map(|w| w.to_lowercase()) {
            Some(w) if PARTICLES.contains(&w.as_str()) || PREPOSITIONS.contains(&w.as_str()) => {
                (Some(w), None)
            }
            Some(w) => (None, Some(w)),
            None => (None, None),
        };
        let member = Member {
            lemma: verb.to_lowercase(),
            particle,
            noun,
            code,
            line: n,
        };
        self.blocks
            .last_mut()
            .expect("a block")
            .members
            .push(member);
    }

    /// A code field: `040`, `042:043`, `:173`, `---`. None when there is no
    /// usable active code (counted).
    fn code(&mut self, text: &str, n: usize, pattern: bool) -> Option<(String, Option<String>)> {
        let (active, passive) = text.split_once(':').unwrap_or((text, ""));
        let usable = |code: &str| -> Result<Option<String>, ()> {
            let code = code.trim();
            if code.is_empty() || code.chars().all(|c| c == '-') {
                Ok(None)
            } else if self.cameo.contains(code) {
                Ok(Some(code.to_owned()))
            } else {
                Err(())
            }
        };
        let active_code = usable(active);
        let passive_code = usable(passive);
        match (active_code, passive_code) {
            (Ok(Some(a)), Ok(p)) => Some((a, p)),
            (Ok(Some(a)), Err(())) => {
                self.stats.not_cameo += 1;
                self.problem(
                    n,
                    format!("passive code in [{text}] is not a CAMEO code; kept {a}"),
                );
                Some((a, None))
            }
            (Err(()), _) => {
                self.stats.not_cameo += 1;
                if pattern {
                    self.problem(n, format!("[{text}] is not a CAMEO code; pattern skipped"));
                }
                None
            }
            (Ok(None), Ok(Some(_))) if pattern => {
                self.stats.passive_only += 1;
                None
            }
            (Ok(None), _) => {
                if pattern {
                    self.stats.no_code += 1;
                }
                None
            }
        }
    }

    fn pattern(&mut self, text: &str, n: usize) {
        let Some(open) = text.rfind('[') else {
            self.problem(n, "a pattern ends with its code: `- * WORD [040]`");
            return;
        };
        let Some(close) = text[open..].find(']') else {
            self.problem(n, "the code's `]` is missing");
            return;
        };
        let code_text = text[open + 1..open + close].to_owned();
        let body = &text[..open];
        let items = match tokenize(body) {
            Ok(items) => items,
            Err(why) => {
                self.problem(n, why);
                return;
            }
        };
        let Some(star) = items.iter().position(|i| *i == Item::Star) else {
            self.problem(n, "a pattern needs `*` where the verb goes");
            return;
        };
        let Some((code, passive)) = self.code(&code_text, n, true) else {
            return;
        };
        match self.translate(&items[..star], &items[star + 1..]) {
            Ok((particle, mut conditions)) => {
                if let Some(p) = passive {
                    write!(conditions, " reverse {p}").expect("a string");
                }
                self.stats.patterns_imported += 1;
                let line = format!("{code}:{conditions}");
                self.blocks
                    .last_mut()
                    .expect("a block")
                    .patterns
                    .push((particle, line, n));
            }
            Err(why) => self.problem(n, why),
        }
    }

    /// The conditions (with a leading blank each) for the words before and
    /// after `*`, and the particle the pattern needs.
    fn translate(
        &mut self,
        before: &[Item],
        after: &[Item],
    ) -> Result<(Option<String>, String), String> {
        let mut out = Conditions::default();
        for item in before {
            match item {
                Item::Target => out.target = Some("subj".into()),
                Item::Source | Item::Skip | Item::Star => {}
                Item::Compound => out.compound = true,
                Item::Words(w) if w.len() == 1 && NEGATIONS.contains(&w[0].as_str()) => {
                    out.negated = true
                }
                Item::Words(_) | Item::Class(_) => {
                    if out.subj.is_none() {
                        out.subj = Some(self.phrase(item, "subj", &mut out)?);
                    } else {
                        self.stats.dropped_words += 1;
                    }
                }
                Item::Prep(prep, inner) => self.prep(prep, inner, &mut out)?,
            }
        }
        let mut index = 0;
        while index < after.len() {
            let item = &after[index];
            index += 1;
            match item {
                Item::Words(w) if w.len() == 1 && NEGATIONS.contains(&w[0].as_str()) => {
                    out.negated = true
                }
                Item::Words(w)
                    if w.len() == 1
                        && PARTICLES.contains(&w[0].as_str())
                        && out.particle.is_none()
                        && out.obj.is_none() =>
                {
                    out.particle = Some(w[0].clone());
                }
                Item::Words(w)
                    if w.len() == 1
                        && PREPOSITIONS.contains(&w[0].as_str())
                        && matches!(after.get(index), Some(Item::Words(_) | Item::Class(_))) =>
                {
                    let noun = after[index].clone();
                    index += 1;
                    self.prep(&w[0], &[noun], &mut out)?;
                }
                Item::Words(_) | Item::Class(_) => {
                    if out.obj.is_none() && out.source.as_deref() != Some("obj") {
                        out.obj = Some(self.phrase(item, "obj", &mut out)?);
                    } else {
                        self.stats.dropped_words += 1;
                    }
                }
                Item::Prep(prep, inner) => self.prep(prep, inner, &mut out)?,
                Item::Target => {
                    if out.obj.is_some() {
                        self.stats.dropped_words += 1;
                    }
                }
                Item::Source => {
                    if out.obj.is_some() || out.source.is_some() {
                        self.stats.dropped_words += 1;
                    } else {
                        out.source = Some("obj".into());
                    }
                }
                Item::Compound => out.compound = true,
                Item::Skip | Item::Star => {}
            }
        }
        Ok((out.particle.clone(), out.render()))
    }

    fn prep(&mut self, prep: &str, inner: &[Item], out: &mut Conditions) -> Result<(), String> {
        if !prep.chars().all(|c| c.is_alphabetic() || c == '-') {
            return Err(format!("({prep} …): {prep:?} is not a preposition"));
        }
        let mut noun = false;
        let mut actor = false;
        for item in inner {
            match item {
                Item::Target => {
                    out.target = Some(prep.to_owned());
                    actor = true;
                }
                Item::Source => {
                    out.source = Some(prep.to_owned());
                    actor = true;
                }
                Item::Skip | Item::Star | Item::Compound => {}
                Item::Prep(..) => return Err("a `(…)` inside a `(…)`".into()),
                Item::Words(_) | Item::Class(_) if !noun => {
                    let list = self.phrase(item, prep, out)?;
                    out.lemmas.push((prep.to_owned(), list));
                    noun = true;
                }
                Item::Words(_) | Item::Class(_) => self.stats.dropped_words += 1,
            }
        }
        if actor || !noun {
            out.actors.push(prep.to_owned());
        }
        Ok(())
    }

    /// A noun or `{phrase}` or `&SYNSET` in `role`: its head as a `|` list or
    /// `@class`; the words before the head of a `{phrase}` become a
    /// `ROLE.mods=` condition in `out`.
    fn phrase(&mut self, item: &Item, role: &str, out: &mut Conditions) -> Result<String, String> {
        match item {
            Item::Class(name) => self.class_ref(name),
            Item::Words(words) => {
                let (head, modifiers) = words.split_last().ok_or("an empty `{}`")?;
                if !modifiers.is_empty() {
                    let lists: Result<Vec<String>, String> =
                        modifiers.iter().map(|w| self.word_list(w)).collect();
                    out.mods.push((role.to_owned(), lists?.join(",")));
                }
                self.word_list(head)
            }
            _ => Err("expected a word".into()),
        }
    }

    /// One word (`&SYNSET` as its class) as a `|` list or `@class`.
    fn word_list(&self, word: &str) -> Result<String, String> {
        match word.strip_prefix('&') {
            Some(class) => self.class_ref(&class.to_uppercase()),
            None => Ok(lemma_forms(word).join("|")),
        }
    }

    fn class_ref(&self, name: &str) -> Result<String, String> {
        if self.synsets.contains_key(name) {
            Ok(format!("@{}", self.class_name(name)))
        } else {
            Err(format!("undefined synset &{name}"))
        }
    }

    fn class_name(&self, synset: &str) -> String {
        let name: String = synset
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        format!("{}_{}", self.prefix, name.trim_matches('_'))
    }

    fn write(&mut self) -> String {
        let mut out = format!(
            "# Imported from the PETRARCH-2 verb dictionary {} by dyad (docs/events.md, \"PETRARCH import\").\n",
            self.file
        );
        for (name, members) in &self.synsets {
            let mut words: Vec<String> = members
                .iter()
                .filter_map(|m| {
                    let m = m.trim().trim_end_matches('_');
                    m.split(['_', ' '])
                        .rfind(|w| !w.is_empty())
                        .map(str::to_owned)
                })
                .flat_map(|w| lemma_forms(&w.to_lowercase()))
                .collect();
            words.sort();
            words.dedup();
            if words.is_empty() {
                continue;
            }
            writeln!(out, "class {}: {}", self.class_name(name), words.join(" "))
                .expect("a string");
        }
        let blocks = std::mem::take(&mut self.blocks);
        for block in &blocks {
            for member in &block.members {
                self.write_member(&mut out, block, member);
            }
        }
        self.blocks = blocks;
        out
    }

    fn write_member(&mut self, out: &mut String, block: &Block, member: &Member) {
        let light = member
            .noun
            .as_ref()
            .map(|n| format!(" obj={}", lemma_forms(n).join("|")));
        let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
        let mut group = |particle: Option<String>, line: String| match groups
            .iter_mut()
            .find(|(p, _)| *p == particle)
        {
            Some((_, lines)) => {
                if !lines.contains(&line) {
                    lines.push(line);
                }
            }
            None => groups.push((particle, vec![line])),
        };
        for (particle, line, _) in &block.patterns {
            let particle = match (&member.particle, particle) {
                (Some(own), Some(_)) => {
                    self.stats.dropped_words += 1;
                    Some(own.clone())
                }
                (own, theirs) => own.clone().or_else(|| theirs.clone()),
            };
            let line = match &light {
                Some(light) if !line.contains(" obj=") => {
                    let (code, rest) = line.split_once(':').expect("a code");
                    format!("{code}:{light}{rest}")
                }
                _ => line.clone(),
            };
            group(particle, line);
        }
        // The member's default comes last: on a tie the block's patterns win,
        // as PETRARCH codes the default only when no pattern matches.
        if let Some((code, passive)) = &member.code {
            let mut line = format!("{code}:{} target=any", light.clone().unwrap_or_default());
            if let Some(p) = passive {
                write!(line, " reverse {p}").expect("a string");
            }
            group(member.particle.clone(), line);
        }
        for (particle, lines) in groups {
            let head = match &particle {
                Some(p) => format!("verb {} {p}", member.lemma),
                None => format!("verb {}", member.lemma),
            };
            writeln!(
                out,
                "{head}  # {}:{} in block {} (line {})",
                self.file, member.line, block.name, block.line
            )
            .expect("a string");
            self.stats.blocks_written += 1;
            for line in lines {
                self.stats.lines_written += 1;
                writeln!(out, "  {line}").expect("a string");
            }
        }
    }
}

#[derive(Default)]
struct Conditions {
    particle: Option<String>,
    subj: Option<String>,
    obj: Option<String>,
    lemmas: Vec<(String, String)>,
    /// (role, `ROLE.mods=` value) for the modifiers of `{…}` phrases.
    mods: Vec<(String, String)>,
    actors: Vec<String>,
    source: Option<String>,
    target: Option<String>,
    negated: bool,
    compound: bool,
}

impl Conditions {
    fn render(&self) -> String {
        let mut out = String::new();
        if let Some(subj) = &self.subj {
            write!(out, " subj={subj}").expect("a string");
        }
        if let Some(obj) = &self.obj {
            write!(out, " obj={obj}").expect("a string");
        }
        let mut seen = HashSet::new();
        for (prep, list) in &self.lemmas {
            write!(out, " {prep}={list}").expect("a string");
        }
        for (role, lists) in &self.mods {
            write!(out, " {role}.mods={lists}").expect("a string");
        }
        for prep in &self.actors {
            if seen.insert(prep) {
                write!(out, " {prep}").expect("a string");
            }
        }
        if let Some(source) = &self.source {
            if source != "subj" {
                write!(out, " source={source}").expect("a string");
            }
        }
        match (&self.target, self.compound) {
            (Some(target), _) => write!(out, " target={target}").expect("a string"),
            // `subj` makes it outrank the verb's default pattern; it fires
            // only when the subjects are several (no event pairs one with itself).
            (None, true) => out.push_str(" subj target=subj"),
            // PETRARCH takes the target from the object or a prepositional
            // phrase of the verb phrase; a named preposition keeps dyad's order.
            (None, false) if self.actors.is_empty() => out.push_str(" target=any"),
            (None, false) => {}
        }
        if self.negated {
            out.push_str(" not");
        }
        out
    }
}

/// A PETRARCH word (upper case, often plural) as the lemmas it may stand for:
/// itself and its singular guesses ("RALLIES" → rallies, rally).
fn lemma_forms(word: &str) -> Vec<String> {
    let word = word.trim_end_matches('_').to_lowercase();
    let mut forms = vec![word.clone()];
    if let Some(stem) = word.strip_suffix("ies") {
        forms.push(format!("{stem}y"));
        forms.push(format!("{stem}ie"));
    } else if let Some(stem) = word.strip_suffix("es") {
        forms.push(stem.to_owned());
        forms.push(format!("{stem}e"));
    } else if let Some(stem) = word.strip_suffix('s') {
        if !stem.ends_with('s') && stem.len() > 1 {
            forms.push(stem.to_owned());
        }
    }
    forms.retain(|f| !f.is_empty());
    forms.dedup();
    forms
}

/// Splits a pattern's body into items.
fn tokenize(body: &str) -> Result<Vec<Item>, String> {
    let spaced = body
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace('{', " { ")
        .replace('}', " } ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut at = 0;
    let items = items(&tokens, &mut at, None)?;
    if at < tokens.len() {
        return Err(format!("unexpected {:?}", tokens[at]));
    }
    Ok(items)
}

fn items(tokens: &[&str], at: &mut usize, until: Option<&str>) -> Result<Vec<Item>, String> {
    let mut out = Vec::new();
    while *at < tokens.len() {
        let token = tokens[*at];
        *at += 1;
        match token {
            t if Some(t) == until => return Ok(out),
            ")" | "}" => return Err(format!("an unmatched {token:?}")),
            "(" => {
                if until.is_some() {
                    return Err("a `(…)` inside a `(…)`".into());
                }
                let prep = tokens.get(*at).ok_or("an unclosed `(`")?;
                if matches!(*prep, ")" | "(" | "{" | "}") {
                    return Err("`(` must be followed by a preposition".into());
                }
                *at += 1;
                let inner = items(tokens, at, Some(")"))?;
                out.push(Item::Prep(prep.to_lowercase(), inner));
            }
            "{" => {
                let mut words = Vec::new();
                loop {
                    let word = tokens.get(*at).ok_or("an unclosed `{`")?;
                    *at += 1;
                    if *word == "}" {
                        break;
                    }
                    words.extend(
                        word.split('_')
                            .filter(|w| !w.is_empty())
                            .map(str::to_lowercase),
                    );
                }
                out.push(Item::Words(words));
            }
            "*" => out.push(Item::Star),
            "$" => out.push(Item::Source),
            "+" => out.push(Item::Target),
            "^" => out.push(Item::Skip),
            "%" => out.push(Item::Compound),
            t if t.starts_with('&') => out.push(Item::Class(t[1..].to_owned())),
            t => out.push(Item::Words(
                t.split('_')
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect(),
            )),
        }
    }
    match until {
        Some(close) => Err(format!(
            "an unclosed `{}`",
            if close == ")" { "(" } else { "{" }
        )),
        None => Ok(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::{Condition, EventDictionary, Role};

    fn cameo() -> CameoTable {
        let rows = [
            "020", "023", "040", "042", "043", "050", "073", "080", "111", "163", "173",
        ];
        let text: String = rows
            .iter()
            .map(|c| format!("{c}\tX\t1.0\t1\tCONSULT\t\t\n"))
            .collect();
        CameoTable::parse(&text, "cameo.tsv").unwrap()
    }

    fn import(text: &str) -> (String, ImportStats, EventDictionary) {
        let cameo = cameo();
        let (dyad, stats) = petrarch_to_dyad_with(text, "test.txt", &cameo);
        let dict = EventDictionary::load(&[("test.txt (imported)".into(), dyad.clone())], &cameo)
            .unwrap_or_else(|e| panic!("{e:?}\n{dyad}"));
        (dyad, stats, dict)
    }

    const SNIPPET: &str = "\
# a comment
####### SYNONYM SETS #######
&AID_TYPES
+RELIEF
+FOOD_AID  # a phrase: its head
&CURRENCY
+DOLLAR
####### VERB PATTERNS #######
---  ASK   [---]  ---
+ASK_FOR {+ASKED_FOR +ASKING_FOR} [020]
ASK     [020]
REQUEST  # no own code: the block's, which is none
- * &AID_TYPES                      [023]   # ASK
- * (FOR &CURRENCY)                 [023]
- + * (FROM $)                      [080]
- * SUPPORT (TO +)                  [020]
#- * IGNORED [111]
---  MEET   [040:040]  ---
MEET {MEETS MET MEETING}
- * (BY)                            [043:042]
- % *                               [050]
- * OFF TALKS                       [163]
- * CARD                            [---]
- * FOO                             [075A]
- * (AT HEARING)                    [:173]
~ a (a b ATTACK) SAY = a b 015
";

    #[test]
    fn synsets_become_classes_and_blocks_become_verbs() {
        let (dyad, stats, dict) = import(SNIPPET);
        assert_eq!(stats.synsets, 2, "{dyad}");
        assert_eq!(stats.synset_members, 3);
        assert_eq!(stats.verb_blocks, 2);
        assert_eq!(stats.verbs, 4);
        assert_eq!(stats.patterns, 10);
        assert_eq!(stats.patterns_imported, 7);
        assert_eq!(stats.no_code, 1);
        assert_eq!(stats.not_cameo, 1);
        assert_eq!(stats.passive_only, 1);
        assert_eq!(stats.transformations, 1);
        assert!(dyad.contains("class test_aid_types: aid relief"), "{dyad}");
        // The member with a code gets a default pattern, after the block's
        // patterns; the one without does not.
        let ask = &dict.verb("ask");
        let plain = ask.iter().find(|b| b.particle.is_none()).unwrap();
        let default = plain.patterns.last().unwrap();
        assert_eq!(default.code.as_str(), "020");
        assert!(default.conditions.is_empty());
        assert_eq!(default.target, Some(Role::Any));
        let request = &dict.verb("request")[0];
        assert_eq!(request.patterns.len(), 4);
        assert!(ask.iter().any(|b| b.particle.as_deref() == Some("for")));
        // A synset after * is a condition on the object's lemma.
        assert_eq!(
            request.patterns[0].conditions,
            vec![Condition::Lemma(
                Role::Obj,
                vec!["aid".into(), "relief".into()]
            )]
        );
    }

    #[test]
    fn source_target_and_prepositions_are_placed() {
        let (_, _, dict) = import(SNIPPET);
        let request = &dict.verb("request")[0];
        let currency = &request.patterns[1];
        assert_eq!(
            currency.conditions,
            vec![Condition::Lemma(
                Role::Prep("for".into()),
                vec!["dollar".into()]
            )]
        );
        let free = &request.patterns[2];
        assert_eq!(free.source, Role::Prep("from".into()));
        assert_eq!(free.target, Some(Role::Subj));
        let support = &request.patterns[3];
        assert_eq!(support.target, Some(Role::Prep("to".into())));
        assert!(support
            .conditions
            .contains(&Condition::Actor(Role::Prep("to".into()))));
    }

    #[test]
    fn reverse_codes_compounds_and_particles() {
        let (_, _, dict) = import(SNIPPET);
        let meet = dict.verb("meet");
        let plain = meet.iter().find(|b| b.particle.is_none()).unwrap();
        // [040:040]: the reverse event is a meeting too.
        assert_eq!(
            plain
                .patterns
                .last()
                .unwrap()
                .reverse
                .as_ref()
                .map(|c| c.as_str()),
            Some("040")
        );
        let by = &plain.patterns[0];
        assert_eq!(by.code.as_str(), "043");
        assert_eq!(by.reverse.as_ref().map(|c| c.as_str()), Some("042"));
        assert_eq!(by.passive, None);
        let compound = &plain.patterns[1];
        assert_eq!(compound.target, Some(Role::Subj));
        let off = meet
            .iter()
            .find(|b| b.particle.as_deref() == Some("off"))
            .unwrap();
        assert_eq!(off.patterns[0].code.as_str(), "163");
    }

    #[test]
    fn bad_lines_are_reported_with_file_and_line() {
        let text = "--- ASK [020] ---\nASK\n* (TO QUESTION) [111]\n- * (FOR [020]\n- * NOSTAR\n- * &NOWHERE [020]\n";
        let (_, stats, _) = import(text);
        let problems = stats.problems.join("\n");
        assert!(problems.contains("test.txt:3:"), "{problems}");
        assert!(problems.contains("test.txt:4:"), "{problems}");
        assert!(problems.contains("test.txt:5:"), "{problems}");
        assert!(
            problems.contains("test.txt:6: undefined synset &NOWHERE"),
            "{problems}"
        );
        assert_eq!(stats.patterns, 3);
        assert_eq!(stats.patterns_imported, 0);
    }

    #[test]
    fn phrase_modifiers_become_mods_conditions() {
        let text = "&CURRENCY\n+DOLLAR\n####### VERB PATTERNS #######\n--- ASK [020] ---\nASK\n- * {NEW &CURRENCY AID} [023]\n";
        let (dyad, stats, dict) = import(text);
        assert!(
            dyad.contains("023: obj=aid obj.mods=new,@test_currency"),
            "{dyad}"
        );
        assert_eq!(stats.dropped_words, 0);
        let modifiers =
            Condition::Modifiers(Role::Obj, vec![vec!["new".into()], vec!["dollar".into()]]);
        assert!(dict.verb("ask")[0].patterns[0]
            .conditions
            .contains(&modifiers));
    }

    #[test]
    fn codes_outside_cameo_are_listed_once() {
        let text = "--- ASK [020] ---\nASK [903]\n- * FOO [903:904] # [905]\n- * BAR [174L]\n";
        let codes: Vec<String> = outside_codes(text, &cameo())
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect();
        assert_eq!(codes, vec!["903", "904"]);
        let mut table = cameo();
        table.add_outside(&CameoCode::new("903").unwrap());
        let (_, stats) = petrarch_to_dyad_with(text, "t.txt", &table);
        assert_eq!(stats.patterns_imported, 1);
    }

    #[test]
    fn plural_words_match_their_lemmas() {
        assert_eq!(lemma_forms("RALLIES"), vec!["rallies", "rally", "rallie"]);
        assert_eq!(lemma_forms("TIES"), vec!["ties", "ty", "tie"]);
        assert_eq!(lemma_forms("TALKS"), vec!["talks", "talk"]);
        assert_eq!(lemma_forms("CASH_"), vec!["cash"]);
        assert_eq!(lemma_forms("PRESS"), vec!["press"]);
    }
}
