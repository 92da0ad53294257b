//! From words to actor codes: longest-match lookup in each sentence, date-aware
//! choice among the entries a phrase can name, composition of a country with
//! sectors, and the document-memory rules.
//!
//! Without a parse, phrases that touch (or are joined by a possessive `'s`, or
//! "minister of Turkey") belong together. With a parse, phrases belong together
//! when they hang off the same nominal head through `amod`, `compound`, `flat`,
//! `nmod:poss`, `det` or `case`.

use crate::compile::{ActorDictionary, Hit};
use crate::dict::{AliasKind, Entry, EntryKind, Gender, Placement};
use crate::memory::{Memory, Person, Place, Recall, Remembered};
use dyad_doc::{Actor, ActorCode, Date, Document, Resolution, Span};
use std::ops::Range;

/// An actor with the reasons it got its code, for `dyad actor`.
#[derive(Clone, Debug)]
pub struct Explained {
    /// The mention.
    pub actor: Actor,
    /// Why: which alias matched, which date rule applied, what was composed.
    pub why: String,
    /// The person entry behind the mention, for memory.
    pub(crate) person: Option<usize>,
}

/// What a story's mentions resolve to, and what was left ambiguous.
#[derive(Clone, Debug, Default)]
pub struct Explanation {
    /// Resolved mentions in text order.
    pub actors: Vec<Explained>,
    /// Phrases that matched but could not be resolved, with the reason.
    pub unresolved: Vec<(Range<usize>, String)>,
}

/// One matched phrase, interpreted.
#[derive(Clone, Debug)]
enum Part {
    Country {
        code: String,
        entry: usize,
        seat: bool,
        /// Matched as an adjective or demonym ("Iraqi", "Turks").
        adjective: bool,
    },
    Sector {
        entry: usize,
    },
    Generic,
    Principal {
        code: ActorCode,
        entry: String,
        why: String,
        person: Option<usize>,
        how: Resolution,
    },
}

#[derive(Clone, Debug)]
struct Piece {
    tokens: Range<usize>,
    part: Part,
}

/// Resolves every actor mention in `doc`.
pub fn resolve(dict: &ActorDictionary, doc: &Document) -> Explanation {
    let mut out = Explanation::default();
    let mut memory = Memory::default();
    let date = doc.story.date;
    for sentence in &doc.sentences {
        let range = sentence.tokens.clone();
        let refused = out.unresolved.len();
        let pieces = pieces(dict, doc, range.clone(), date, &memory, &mut out);
        for (tokens, _) in &out.unresolved[refused..] {
            if tokens.len() == 1 && given_name_before(doc, tokens.start).is_some() {
                let place = place_of(doc, tokens.start - 1..tokens.end);
                memory.remember_stranger(&doc.tokens[tokens.start].norm, place);
            }
        }
        let groups = group(dict, doc, &pieces);
        let mut covered = vec![false; range.len()];
        for group in &groups {
            for t in group.first().unwrap().tokens.start..group.last().unwrap().tokens.end {
                covered[t - range.start] = true;
            }
        }
        let mut next_group = groups.iter().peekable();
        for t in range.clone() {
            while let Some(g) = next_group.next_if(|g| g[0].tokens.start <= t) {
                if let Some(name) = inside_a_name(doc, g, &covered, range.clone()) {
                    out.unresolved.push((
                        g[0].tokens.start..g[g.len() - 1].tokens.end,
                        format!("part of the name of a company or place, {name:?}"),
                    ));
                    continue;
                }
                if let Some(found) = resolve_group(dict, doc, g, &memory) {
                    remember(dict, doc, &mut memory, &found);
                    out.actors.push(found);
                }
            }
            if !covered[t - range.start] {
                if let Some(found) = from_memory_alone(doc, t, &memory, &mut out) {
                    remember(dict, doc, &mut memory, &found);
                    out.actors.push(found);
                }
            }
        }
    }
    out.actors.sort_by_key(|e| e.actor.tokens.start);
    share_sectors(doc, &mut out.actors);
    out
}

/// "The ambassadors of Chile, Peru and Bolivia": with a parse, countries
/// coordinated with the country of a composed mention take its sectors
/// (`CHLGOV`, then `PERGOV` and `BOLGOV` instead of `PER` and `BOL`).
fn share_sectors(doc: &Document, actors: &mut [Explained]) {
    if !doc.is_parsed() {
        return;
    }
    for i in 0..actors.len() {
        let composed = &actors[i].actor;
        // A country (the code's first three letters) with suffix sectors.
        let code = composed.code.as_str();
        let composed_of_country = composed.how == Resolution::Composition
            && code.len() > 3
            && !code.starts_with("---")
            && composed
                .country
                .as_deref()
                .is_none_or(|c| code.starts_with(c));
        if !composed_of_country {
            continue;
        }
        let suffix = code[3..].to_owned();
        let (tokens, sectors) = (composed.tokens.clone(), composed.sectors.clone());
        for other in actors.iter_mut() {
            // A bare country: its code is just the three letters (a PETRARCH
            // actor lists them as its one part).
            let bare = &other.actor;
            let country = bare.code.as_str().to_owned();
            if bare.how != Resolution::Dictionary
                || country.len() != 3
                || bare.sectors.len() > 1
                || !conjoined_with(doc, bare.tokens.end - 1, &tokens)
            {
                continue;
            }
            let Ok(code) = ActorCode::new(&format!("{country}{suffix}")) else {
                continue;
            };
            other.why.push_str(&format!(
                "; {suffix} from the coordinated {:?}",
                words(doc, &tokens)
            ));
            // The parts after the country are the sectors; PETRARCH actors
            // without a dyad country list the country part too.
            let mut parts = sectors.clone();
            if other.actor.country.is_none() && !parts.is_empty() {
                parts[0] = country;
            }
            other.actor.code = code;
            other.actor.sectors = parts;
            other.actor.how = Resolution::Composition;
        }
    }
}

/// Whether word `t` is coordinated (`conj`, directly or down a chain) with a
/// word of `tokens`.
fn conjoined_with(doc: &Document, mut t: usize, tokens: &Range<usize>) -> bool {
    for _ in 0..8 {
        let word = &doc.syntax[t];
        match word.head {
            Some(head) if word.deprel == "conj" => {
                if tokens.contains(&head) {
                    return true;
                }
                t = head;
            }
            _ => return false,
        }
    }
    false
}

/// Longest matches, left to right, interpreted on the story's date.
fn pieces(
    dict: &ActorDictionary,
    doc: &Document,
    range: Range<usize>,
    date: Date,
    memory: &Memory,
    out: &mut Explanation,
) -> Vec<Piece> {
    let mut found = Vec::new();
    let mut at = range.start;
    while at < range.end {
        match longest(dict, doc, at, range.end) {
            Some((end, hits)) => {
                match interpret(dict, doc, at..end, &hits, date, memory) {
                    Ok(part) => found.push(Piece {
                        tokens: at..end,
                        part,
                    }),
                    Err(why) => out.unresolved.push((at..end, why)),
                }
                at = end;
            }
            None => at += 1,
        }
    }
    found
}

/// The longest alias starting at word `at`, with the hits that fit the text's
/// capitalisation.
fn longest(
    dict: &ActorDictionary,
    doc: &Document,
    at: usize,
    end: usize,
) -> Option<(usize, Vec<Hit>)> {
    let form = doc.text(doc.tokens[at].span);
    let mut node = 0u32;
    let mut best = None;
    for t in at..end {
        let norm = doc.tokens[t].norm.as_str();
        // A middle initial inside a name: "Antony J. Blinken", "George W. Bush".
        if t > at && t + 1 < end && is_initial(norm) && node != 0 {
            continue;
        }
        let Some(next) = dict.word_id(norm).and_then(|id| dict.step(node, id)) else {
            break;
        };
        node = next;
        let hits = dict.hits_at(node);
        if hits.iter().any(|h| h.case.accepts(form)) {
            best = Some((t + 1, node));
        }
    }
    best.map(|(end, node)| {
        let hits = dict
            .hits_at(node)
            .iter()
            .copied()
            .filter(|h| h.case.accepts(form))
            .collect();
        (end, hits)
    })
}

/// "J." — one letter and a full stop.
fn is_initial(norm: &str) -> bool {
    let mut chars = norm.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_alphabetic())
}

/// True when the word after `tokens` is capitalised and not the end of the
/// sentence: "Antony" before "Blinken" is a given name, not A. K. Antony.
fn before_a_name(doc: &Document, tokens: &Range<usize>) -> bool {
    let Some(next) = doc.tokens.get(tokens.end) else {
        return false;
    };
    let same_sentence = doc.sentence_of(tokens.end) == doc.sentence_of(tokens.start);
    let form = doc.text(next.span);
    same_sentence
        && form.chars().next().is_some_and(char::is_uppercase)
        && form.chars().any(char::is_lowercase)
}

/// Decides what a matched phrase is on `date`.
fn interpret(
    dict: &ActorDictionary,
    doc: &Document,
    tokens: Range<usize>,
    hits: &[Hit],
    date: Date,
    memory: &Memory,
) -> Result<Part, String> {
    let entries = dict.entries();
    let principals: Vec<&Hit> = hits
        .iter()
        .filter(|h| {
            matches!(
                entries[h.entry as usize].kind,
                EntryKind::Person | EntryKind::Organisation | EntryKind::Actor
            )
        })
        .collect();
    let words = || {
        tokens
            .clone()
            .map(|t| doc.tokens[t].norm.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let people_only = principals
        .iter()
        .all(|h| entries[h.entry as usize].kind == EntryKind::Person);
    if !principals.is_empty() && tokens.len() == 1 && people_only && before_a_name(doc, &tokens) {
        return Err(format!(
            "{:?} is followed by a name: a given name, not a surname",
            words()
        ));
    }
    if !principals.is_empty() {
        if tokens.len() == 1 && people_only {
            match memory.surname(&doc.tokens[tokens.start].norm) {
                Recall::One(item) => {
                    return Ok(Part::Principal {
                        code: item.code.clone(),
                        entry: item.entry.clone(),
                        why: format!(
                            "surname {:?} of {} named earlier in the story",
                            words(),
                            item.entry
                        ),
                        person: item.person.as_ref().map(|p| p.entry),
                        how: Resolution::Memory,
                    })
                }
                Recall::Ambiguous => {
                    return Err(format!(
                        "surname {:?} is shared by two people named earlier in the story, \
                         or by one no dictionary knows",
                        words()
                    ))
                }
                Recall::Unknown => {}
            }
        }
        let principals = if tokens.len() == 1 && people_only {
            surname_principals(dict, doc, tokens.start, &principals, date, &words())?
        } else {
            principals
        };
        let part = choose_principal(entries, &principals, date, &words())?;
        // A PETRARCH actor whose code is a bare country ("TURKISH" [TUR]) composes
        // with sectors like a dyad country does.
        if let Part::Principal {
            code, person: None, ..
        } = &part
        {
            if code.as_str().len() == 3 {
                let entry = principals[0].entry as usize;
                return Ok(Part::Country {
                    code: code.to_string(),
                    entry,
                    seat: false,
                    adjective: false,
                });
            }
        }
        return Ok(part);
    }
    let first = |kind: EntryKind| hits.iter().find(|h| entries[h.entry as usize].kind == kind);
    if let Some(hit) = first(EntryKind::Country) {
        let entry = &entries[hit.entry as usize];
        return Ok(Part::Country {
            code: entry.id.clone(),
            entry: hit.entry as usize,
            seat: hit.kind == AliasKind::Seat,
            adjective: hit.kind == AliasKind::Adjective,
        });
    }
    if let Some(hit) = first(EntryKind::Sector) {
        return Ok(Part::Sector {
            entry: hit.entry as usize,
        });
    }
    Ok(Part::Generic)
}

/// The people a one-word person alias (a surname, not from memory) may name: not
/// after a given name ("Michael Howard" is not John Howard), and, for people
/// out of office on `date`, only when the story names their country elsewhere
/// ("Boys" in a story about the Proud Boys is not a New Zealand governor-general
/// of the 1990s).
fn surname_principals<'h>(
    dict: &ActorDictionary,
    doc: &Document,
    at: usize,
    principals: &[&'h Hit],
    date: Date,
    words: &str,
) -> Result<Vec<&'h Hit>, String> {
    if let Some(given) = given_name_before(doc, at) {
        return Err(format!(
            "{words:?} follows the given name {given:?}: another person of that surname"
        ));
    }
    let entries = dict.entries();
    let mut countries: Option<Vec<String>> = None;
    let kept: Vec<&Hit> = principals
        .iter()
        .copied()
        .filter(|hit| {
            let entry = &entries[hit.entry as usize];
            entry.roles.iter().any(|r| r.range.contains(date))
                || entry.country.as_ref().is_some_and(|c| {
                    countries
                        .get_or_insert_with(|| story_countries(dict, doc))
                        .contains(c)
                })
        })
        .collect();
    if kept.is_empty() {
        return Err(format!(
            "{words:?} alone names someone out of office on {date}, and the story names \
             none of their countries"
        ));
    }
    Ok(kept)
}

/// The capitalised word right before `at` when it is a given name: in the same
/// sentence, not a title, and (with a parse) joined to the surname as one name.
fn given_name_before(doc: &Document, at: usize) -> Option<String> {
    let before = at.checked_sub(1)?;
    if doc.sentence_of(before) != doc.sentence_of(at) {
        return None;
    }
    // Without a parse, a capitalised first word may be any word ("Yesterday
    // Howard said"); with one, the name relation decides.
    let first_word = doc.sentences[doc.sentence_of(at)?].tokens.start == before;
    if first_word && !doc.is_parsed() {
        return None;
    }
    let form = doc.text(doc.tokens[before].span);
    let capitalised = form.chars().next().is_some_and(char::is_uppercase)
        && form.chars().skip(1).all(char::is_lowercase)
        && form.chars().count() > 1;
    if !capitalised || dyad_text::is_person_title(&doc.tokens[before].norm) {
        return None;
    }
    if doc.is_parsed() {
        let (given, surname) = (&doc.syntax[before], &doc.syntax[at]);
        let joined = (surname.head == Some(before) && surname.deprel.starts_with("flat"))
            || (given.head == Some(at) && matches!(given.deprel.as_str(), "compound" | "flat"));
        if !joined {
            return None;
        }
    }
    Some(form.to_owned())
}

/// The codes of the countries a story names (names, adjectives, seats, and
/// organisations of one country), read only when a surname needs them.
fn story_countries(dict: &ActorDictionary, doc: &Document) -> Vec<String> {
    let entries = dict.entries();
    let mut codes: Vec<String> = Vec::new();
    for sentence in &doc.sentences {
        let mut at = sentence.tokens.start;
        while at < sentence.tokens.end {
            let Some((end, hits)) = longest(dict, doc, at, sentence.tokens.end) else {
                at += 1;
                continue;
            };
            for hit in hits {
                if let Some(code) = country_named(dict, &entries[hit.entry as usize]) {
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                }
            }
            at = end;
        }
    }
    codes
}

/// The country an entry names: a country, or an organisation of one ("the FBI"
/// names the United States). People are left out: their surnames are what is
/// being checked.
fn country_named(dict: &ActorDictionary, entry: &Entry) -> Option<String> {
    match entry.kind {
        EntryKind::Country => Some(entry.id.clone()),
        EntryKind::Organisation | EntryKind::Actor => {
            let first = entry.code.as_ref()?.parts().next()?;
            dict.country(first).map(|_| first.to_owned())
        }
        _ => None,
    }
}

/// Among the people and organisations a phrase can name, the one that holds on
/// `date`; ambiguity is reported, not guessed.
fn choose_principal(
    entries: &[Entry],
    hits: &[&Hit],
    date: Date,
    words: &str,
) -> Result<Part, String> {
    let mut options: Vec<(ActorCode, usize, String, bool)> = Vec::new();
    for hit in hits {
        let entry = &entries[hit.entry as usize];
        if let Some((code, why, in_role)) = code_on(entry, date) {
            options.push((code, hit.entry as usize, why, in_role));
        }
    }
    if options.iter().any(|o| o.3) {
        options.retain(|o| o.3);
    }
    options.sort_by(|a, b| a.0.cmp(&b.0));
    options.dedup_by(|a, b| a.0 == b.0);
    match options.len() {
        0 => Err(format!("{words:?} names no one with a code on {date}")),
        1 => {
            let (code, index, why, _) = options.pop().unwrap();
            let entry = &entries[index];
            Ok(Part::Principal {
                code,
                entry: entry.wikidata.clone().unwrap_or_else(|| entry.id.clone()),
                why: format!(
                    "{words:?} is {} ({}:{}): {why}",
                    entry.name, entry.file, entry.line
                ),
                person: (entry.kind == EntryKind::Person).then_some(index),
                how: Resolution::Dictionary,
            })
        }
        _ => Err(format!(
            "{words:?} can name {} different actors on {date}: {}",
            options.len(),
            options
                .iter()
                .map(|o| entries[o.1].name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// An entry's code on `date`, why, and whether a dated role gave it.
pub fn code_on(entry: &Entry, date: Date) -> Option<(ActorCode, String, bool)> {
    if let Some(role) = entry.roles.iter().find(|r| r.range.contains(date)) {
        let title = if role.title.is_empty() {
            String::new()
        } else {
            format!("{} ", role.title)
        };
        return Some((
            role.code.clone(),
            format!("{title}{} holds on {date}", role.range),
            true,
        ));
    }
    if let Some(code) = &entry.code {
        return Some((code.clone(), "undated code".into(), false));
    }
    if entry.kind != EntryKind::Person || entry.roles.is_empty() {
        return None;
    }
    let country = entry.country.clone()?;
    let code = ActorCode::new(&format!("{country}ELI")).ok()?;
    Some((
        code,
        format!(
            "outside every role on {date}, so coded as elite of {country}, never with an old role"
        ),
        false,
    ))
}

/// Splits pieces into the groups that name one actor.
fn group<'p>(dict: &ActorDictionary, doc: &Document, pieces: &'p [Piece]) -> Vec<&'p [Piece]> {
    let mut groups = Vec::new();
    let mut start = 0;
    for i in 1..=pieces.len() {
        if i == pieces.len() || !joins(dict, doc, &pieces[start..i], &pieces[i]) {
            groups.push(&pieces[start..i]);
            start = i;
        }
    }
    groups.retain(|g| !g.is_empty());
    groups
}

fn joins(dict: &ActorDictionary, doc: &Document, group: &[Piece], next: &Piece) -> bool {
    let has = |f: fn(&Part) -> bool| group.iter().any(|p| f(&p.part));
    let is_country = |p: &Part| matches!(p, Part::Country { .. });
    let is_principal = |p: &Part| matches!(p, Part::Principal { .. });
    let is_sector = |p: &Part| matches!(p, Part::Sector { .. } | Part::Generic);
    let last = group.last().unwrap();
    let gap: Vec<&str> = (last.tokens.end..next.tokens.start)
        .map(|t| doc.tokens[t].norm.as_str())
        .collect();
    // The parse can join what is apart ("the minister of Turkey's foreign
    // affairs"), but never separates touching words: the tagger trained on web
    // text often misreads runs of capitalised names ("Turkish Foreign Minister
    // Mevlut Cavusoglu"), where adjacency is the safer guide.
    if doc.is_parsed() {
        let same_phrase = np_root(doc, last.tokens.end - 1) == np_root(doc, next.tokens.end - 1)
            || np_root(doc, last.tokens.end - 1) == next.tokens.end - 1;
        if same_phrase
            && !(is_principal(&next.part) && has(is_principal))
            && !(is_country(&next.part) && has(is_country))
        {
            return true;
        }
    }
    // "the ministers of Turkey", and with a parse that hangs "in Turkey" on
    // the noun ("activists in Turkey", not "met troops in Turkey", "its
    // ambassador in Turkey" nor "troops in Estonia"): sector nouns without a
    // country take the one named there. "from" is left alone: "tanks from Korea" are bought there.
    let of_country = (gap == ["of"]
        || (gap == ["in"] && modifies(doc, next, last) && !sent_abroad(dict, last)))
        && is_country(&next.part)
        && !has(is_country)
        && !has(is_principal);
    if of_country {
        return true;
    }
    let touching = gap.is_empty() || gap == ["'s"] || gap == ["'"];
    touching
        && match &next.part {
            Part::Country { .. } => false,
            Part::Principal { .. } => !has(is_principal),
            Part::Sector { .. } | Part::Generic => !has(is_principal) || has(is_sector),
        }
}

/// Troops and field hospitals are often another country's, sent there
/// ("garrisoned troops in Estonia"): "in COUNTRY" does not give them its code.
fn sent_abroad(dict: &ActorDictionary, piece: &Piece) -> bool {
    matches!(piece.part, Part::Sector { entry } if matches!(dict.entries()[entry].id.as_str(), "MIL" | "HLH"))
}

/// Whether, in the parse, `piece` is a nominal modifier of a word of `of`.
fn modifies(doc: &Document, piece: &Piece, of: &Piece) -> bool {
    if !doc.is_parsed() {
        return false;
    }
    let word = &doc.syntax[piece.tokens.end - 1];
    word.deprel.starts_with("nmod")
        && word
            .head
            .is_some_and(|h| of.tokens.contains(&h) && !has_possessor(doc, h))
}

/// Whether noun `t` has a possessor ("**its** ambassador"), whose country it is.
fn has_possessor(doc: &Document, t: usize) -> bool {
    let Some(sentence) = doc.sentence_of(t) else {
        return false;
    };
    doc.sentences[sentence]
        .tokens
        .clone()
        .any(|c| doc.syntax[c].head == Some(t) && doc.syntax[c].deprel.starts_with("nmod:poss"))
}

/// The nominal head a word's phrase hangs from.
fn np_root(doc: &Document, mut t: usize) -> usize {
    for _ in 0..8 {
        let word = &doc.syntax[t];
        let inside = matches!(
            word.deprel.as_str(),
            "amod"
                | "compound"
                | "flat"
                | "flat:name"
                | "flat:foreign"
                | "nmod:poss"
                | "det"
                | "det:poss"
                | "case"
                | "nummod"
        );
        match word.head {
            Some(head) if inside => t = head,
            _ => break,
        }
    }
    t
}

/// A country alone at the start of a longer proper name that no dictionary
/// knows ("US Airways", "London Stock Exchange", "Scottish Water", "South
/// China Sea") is part of that name, not the country: the name, when so. The
/// name is the run of capitalised words after it that no piece covers (the
/// tagger trained on web text parses such names unreliably).
fn inside_a_name(
    doc: &Document,
    group: &[Piece],
    covered: &[bool],
    sentence: Range<usize>,
) -> Option<String> {
    if !group.iter().all(|p| matches!(p.part, Part::Country { .. })) {
        return None;
    }
    let after = group.last()?.tokens.end;
    let name_word = |t: usize| {
        let form = doc.text(doc.tokens[t].span);
        !covered[t - sentence.start]
            && form.chars().next().is_some_and(char::is_uppercase)
            && form.chars().any(char::is_lowercase)
            && form.chars().all(|c| c.is_alphabetic() || c == '-')
    };
    let end = (after..sentence.end)
        .find(|&t| !name_word(t))
        .unwrap_or(sentence.end);
    // "Iraqi Kurds", "Bosnian Muslims": a demonym before one plural name is a
    // people of that country, not a name.
    let people = end == after + 1
        && matches!(
            group[0].part,
            Part::Country {
                adjective: true,
                ..
            }
        )
        && doc.text(doc.tokens[after].span).ends_with('s');
    (end > after && !people).then(|| {
        let start = group[0].tokens.start;
        doc.text(Span::new(
            doc.tokens[start].span.start,
            doc.tokens[end - 1].span.end,
        ))
        .to_owned()
    })
}

/// The code of a group of pieces.
fn resolve_group(
    dict: &ActorDictionary,
    doc: &Document,
    group: &[Piece],
    memory: &Memory,
) -> Option<Explained> {
    let entries = dict.entries();
    let tokens = group[0].tokens.start..group.last().unwrap().tokens.end;
    let mut country: Option<(&str, usize, bool)> = None;
    let mut sectors: Vec<usize> = Vec::new();
    let mut principal = None;
    let mut generic = false;
    for piece in group {
        match &piece.part {
            Part::Country {
                code, entry, seat, ..
            } => country = Some((code, *entry, *seat)),
            Part::Sector { entry } => sectors.push(*entry),
            Part::Generic => generic = true,
            Part::Principal { .. } => principal = Some(&piece.part),
        }
    }
    if let Some(Part::Principal {
        code,
        entry,
        why,
        how,
        person,
    }) = principal
    {
        let mut code = code.clone();
        let mut why = why.clone();
        if let (Some((c, _, _)), true) = (country, code.as_str().starts_with("---")) {
            code = ActorCode::new(&format!("{c}{}", &code.as_str()[3..])).ok()?;
            why.push_str(&format!("; country {c} from the words before it"));
        }
        let mut found = explained(dict, doc, tokens, code, entry.clone(), *how, why);
        found.person = *person;
        return Some(found);
    }
    if let Some((c, entry, seat)) = country {
        let country_entry = &entries[entry];
        if !sectors.is_empty() {
            let (code, names) = compose(entries, c, &sectors);
            let why = format!("{} ({}) + {names}", country_entry.name, c);
            return Some(explained(
                dict,
                doc,
                tokens,
                code,
                format!("{c}+{names}"),
                Resolution::Composition,
                why,
            ));
        }
        if generic {
            if let Some(item) = memory.latest_of_country(c) {
                let why = format!(
                    "{:?}: the latest {c} actor named in the story",
                    words(doc, &tokens)
                );
                return Some(explained(
                    dict,
                    doc,
                    tokens,
                    item.code.clone(),
                    item.entry.clone(),
                    Resolution::Memory,
                    why,
                ));
            }
        }
        let (code, why) = if seat {
            (
                format!("{c}GOV"),
                format!("seat of government of {}", country_entry.name),
            )
        } else {
            (c.to_owned(), format!("country {}", country_entry.name))
        };
        return Some(explained(
            dict,
            doc,
            tokens,
            ActorCode::new(&code).ok()?,
            c.to_owned(),
            Resolution::Dictionary,
            why,
        ));
    }
    if sectors.is_empty() {
        return None;
    }
    let first_sector = entries[sectors[0]]
        .code
        .as_ref()?
        .parts()
        .next()?
        .to_owned();
    let after_the = tokens.start > 0 && doc.tokens[tokens.start - 1].norm == "the";
    if after_the {
        if let Some(item) = memory.latest_person_with_sector(&first_sector) {
            let why = format!(
                "\"the {}\": the latest {first_sector} person named in the story",
                words(doc, &tokens)
            );
            return Some(explained(
                dict,
                doc,
                tokens,
                item.code.clone(),
                item.entry.clone(),
                Resolution::Memory,
                why,
            ));
        }
    }
    let (code, names) = compose(entries, "---", &sectors);
    let why = format!("{names} of no stated country");
    Some(explained(
        dict,
        doc,
        tokens,
        code,
        format!("---+{names}"),
        Resolution::Dictionary,
        why,
    ))
}

fn words(doc: &Document, tokens: &Range<usize>) -> String {
    tokens
        .clone()
        .map(|t| doc.tokens[t].norm.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `TUR` + sectors → `TURGOV`, with prefix sectors (`IGO~`) in front.
fn compose(entries: &[Entry], country: &str, sectors: &[usize]) -> (ActorCode, String) {
    let mut front = String::new();
    let mut back = String::new();
    let mut names = Vec::new();
    for &s in sectors {
        let entry = &entries[s];
        let Some(code) = &entry.code else { continue };
        let target = match entry.placement {
            Placement::Suffix => &mut back,
            Placement::Prefix => &mut front,
        };
        for part in code.parts() {
            if !target.as_bytes().chunks(3).any(|c| c == part.as_bytes()) {
                target.push_str(part);
            }
        }
        names.push(entry.id.clone());
    }
    let code = ActorCode::new(&format!("{front}{country}{back}")).expect("parts of valid codes");
    (code, names.join("+"))
}

fn explained(
    dict: &ActorDictionary,
    doc: &Document,
    tokens: Range<usize>,
    code: ActorCode,
    entry: String,
    how: Resolution,
    why: String,
) -> Explained {
    let span = Span::new(
        doc.tokens[tokens.start].span.start,
        doc.tokens[tokens.end - 1].span.end,
    );
    let first = code.parts().next().unwrap_or("---");
    let (country, sectors): (Option<String>, Vec<String>) = if dict.country(first).is_some() {
        (
            Some(first.to_owned()),
            code.parts().skip(1).map(str::to_owned).collect(),
        )
    } else {
        (
            None,
            code.parts()
                .filter(|p| *p != "---")
                .map(str::to_owned)
                .collect(),
        )
    };
    Explained {
        actor: Actor {
            tokens,
            span,
            code,
            country,
            sectors,
            entry,
            how,
        },
        why,
        person: None,
    }
}

/// Adds a resolved mention to memory; people are remembered with their surname,
/// the last word of the mention ("cavusoglu").
fn remember(dict: &ActorDictionary, doc: &Document, memory: &mut Memory, found: &Explained) {
    let actor = &found.actor;
    let person = found.person.map(|index| Person {
        surname: doc.tokens[actor.tokens.end - 1].norm.clone(),
        gender: dict.entries()[index].gender,
        entry: index,
    });
    memory.remember(
        Remembered {
            entry: actor.entry.clone(),
            code: actor.code.clone(),
            country: actor.country.clone(),
            person,
        },
        place_of(doc, actor.tokens.clone()),
    );
}

/// The sentence of a mention, and whether its phrase ("Gen Musharraf") is the
/// subject of its clause.
fn place_of(doc: &Document, tokens: Range<usize>) -> Place {
    let subject = doc.is_parsed()
        && tokens
            .clone()
            .any(|t| is_subject(doc, t) || is_subject(doc, np_root(doc, t)));
    Place {
        sentence: doc.sentence_of(tokens.start).unwrap_or(0),
        subject,
    }
}

/// A word no dictionary phrase matched: a surname the story named before, or
/// "he"/"she" as a subject.
fn from_memory_alone(
    doc: &Document,
    t: usize,
    memory: &Memory,
    out: &mut Explanation,
) -> Option<Explained> {
    let norm = doc.tokens[t].norm.as_str();
    let gender = match norm {
        "he" => Some(Gender::Male),
        "she" => Some(Gender::Female),
        _ => None,
    };
    let tokens = t..t + 1;
    if let Some(gender) = gender {
        if !is_subject(doc, t) {
            return None;
        }
        let item = memory.latest_person(gender)?;
        let why = format!(
            "{norm:?} as the subject of a clause: the latest matching person, {}",
            item.entry
        );
        return Some(memory_actor(doc, tokens, item, Resolution::Pronoun, why));
    }
    let capital = doc
        .text(doc.tokens[t].span)
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    if !capital || before_a_name(doc, &tokens) {
        return None;
    }
    match memory.surname(norm) {
        Recall::One(item) => {
            let why = format!(
                "surname {norm:?} of {} named earlier in the story",
                item.entry
            );
            Some(memory_actor(doc, tokens, item, Resolution::Memory, why))
        }
        Recall::Ambiguous => {
            out.unresolved.push((
                tokens,
                format!("surname {norm:?} is shared by two people named earlier in the story"),
            ));
            None
        }
        Recall::Unknown => None,
    }
}

fn memory_actor(
    doc: &Document,
    tokens: Range<usize>,
    item: &Remembered,
    how: Resolution,
    why: String,
) -> Explained {
    let span = doc.tokens[tokens.start].span;
    let sectors = item
        .code
        .parts()
        .skip(usize::from(item.country.is_some()))
        .map(str::to_owned)
        .collect();
    Explained {
        actor: Actor {
            tokens,
            span,
            code: item.code.clone(),
            country: item.country.clone(),
            sectors,
            entry: item.entry.clone(),
            how,
        },
        why,
        person: item.person.as_ref().map(|p| p.entry),
    }
}

/// Is word `t` the subject of its clause? With a parse, its relation says; without,
/// it must open a clause (sentence start, or after a comma, quote or conjunction).
fn is_subject(doc: &Document, t: usize) -> bool {
    if doc.is_parsed() {
        return matches!(doc.syntax[t].deprel.as_str(), "nsubj" | "nsubj:pass");
    }
    let sentence = doc.sentence_of(t).map(|s| doc.sentences[s].tokens.start);
    if sentence == Some(t) {
        return true;
    }
    matches!(
        doc.tokens[t - 1].norm.as_str(),
        "," | "\""
            | "''"
            | "``"
            | ";"
            | "and"
            | "but"
            | "that"
            | "when"
            | "because"
            | "while"
            | "after"
            | "before"
            | "if"
            | "as"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::ActorDictionaryBuilder;
    use dyad_doc::{Feats, Story, Upos, WordSyntax};

    const DICT: &str = "\
country TUR Turkey
  adjectives: Turkish
  seats: Ankara
country GRC Greece
  adjectives: Greek
country RUS Russia
  adjectives: Russian
  seats: Kremlin
organisation USAGOV State Department
sector GOV government
  nouns: officials | minister | foreign minister
sector MIL military
  nouns: troops | army
sector OPP opposition
  nouns: protesters
generic side
  nouns: side
person Q249206 Mevlüt Çavuşoğlu
  country: TUR
  gender: male
  role: TURGOV 2015-11-24..2023-06-03 Minister of Foreign Affairs
person Q7821917 Antony Blinken
  names: Blinken
  country: USA
  gender: male
  role: USAGOV 2021-01-26..2025-01-21 Secretary of State
person Q1 Ed Miliband
  country: GBR
  role: GBRGOV 2008-10-03..2010-05-11 Secretary of State for Energy
person Q2 David Miliband
  country: GBR
  role: GBRGOV 2007-06-28..2010-05-11 Foreign Secretary
country USA United States
country GBR United Kingdom
";

    fn dict() -> ActorDictionary {
        ActorDictionaryBuilder::new()
            .text("t.txt", DICT)
            .build()
            .unwrap()
    }

    fn doc(text: &str, date: &str) -> Document {
        let mut doc = Document::new(Story {
            id: "t".into(),
            date: Date::parse(date).unwrap(),
            source: None,
            title: None,
            text: text.into(),
        });
        dyad_text::Segmenter::new().segment(&mut doc);
        doc
    }

    /// (words, code, how) for every mention.
    fn code(dict: &ActorDictionary, doc: &Document) -> Vec<(String, String, Resolution)> {
        resolve(dict, doc)
            .actors
            .iter()
            .map(|e| {
                (
                    doc.text(e.actor.span).to_owned(),
                    e.actor.code.to_string(),
                    e.actor.how,
                )
            })
            .collect()
    }

    fn codes(text: &str, date: &str) -> Vec<String> {
        code(&dict(), &doc(text, date))
            .into_iter()
            .map(|(_, c, _)| c)
            .collect()
    }

    #[test]
    fn roles_hold_only_inside_their_dates() {
        assert_eq!(codes("Blinken spoke.", "2021-01-26"), ["USAGOV"]);
        assert_eq!(codes("Blinken spoke.", "2025-01-20"), ["USAGOV"]);
        assert_eq!(
            codes("Antony Blinken spoke.", "2025-01-21"),
            ["USAELI"],
            "after: elite, never the old role"
        );
        assert_eq!(
            codes("Antony Blinken spoke.", "2020-06-01"),
            ["USAELI"],
            "before"
        );
    }

    #[test]
    fn a_surname_alone_names_someone_out_of_office_only_beside_their_country() {
        assert!(codes("Blinken spoke.", "2020-06-01").is_empty());
        assert_eq!(
            codes("Blinken spoke about the United States.", "2020-06-01"),
            ["USAELI", "USA"]
        );
        assert_eq!(
            codes("Blinken spoke.", "2021-06-01"),
            ["USAGOV"],
            "in office"
        );
    }

    #[test]
    fn a_country_at_the_start_of_an_unknown_name_is_that_name() {
        assert!(codes("United States Airways cut jobs.", "2021-06-01").is_empty());
        assert_eq!(
            codes("The United States Mint said so.", "2021-06-01"),
            Vec::<String>::new()
        );
        assert_eq!(
            codes("United States officials left.", "2021-06-01"),
            ["USAGOV"]
        );
    }

    #[test]
    fn a_surname_after_another_given_name_is_another_person() {
        assert!(codes("Then Peter Blinken spoke.", "2021-06-01").is_empty());
        assert_eq!(codes("Then Mr Blinken spoke.", "2021-06-01"), ["USAGOV"]);
        assert!(
            codes("Then Peter Blinken spoke. Mr Blinken left.", "2021-06-01").is_empty(),
            "the later surname is the stranger's"
        );
    }

    #[test]
    fn a_full_mention_takes_its_modifiers_along() {
        let found = code(
            &dict(),
            &doc(
                "Turkish Foreign Minister Mevlüt Çavuşoğlu arrived.",
                "2021-03-23",
            ),
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "Turkish Foreign Minister Mevlüt Çavuşoğlu");
        assert_eq!(found[0].1, "TURGOV");
        assert_eq!(found[0].2, Resolution::Dictionary);
    }

    #[test]
    fn countries_compose_with_sectors() {
        assert_eq!(
            codes("Russian troops and Greek protesters clashed.", "2021-03-23"),
            ["RUSMIL", "GRCOPP"]
        );
        assert_eq!(codes("Turkish officials met.", "2021-03-23"), ["TURGOV"]);
        assert_eq!(
            codes("Turkey's foreign minister met.", "2021-03-23"),
            ["TURGOV"]
        );
        assert_eq!(
            codes("The foreign minister of Turkey met.", "2021-03-23"),
            ["TURGOV"]
        );
        assert_eq!(
            codes("Ankara and the Kremlin said no.", "2021-03-23"),
            ["TURGOV", "RUSGOV"]
        );
        assert_eq!(
            codes("The State Department said no.", "2021-03-23"),
            ["USAGOV"]
        );
        assert_eq!(codes("Officials said no.", "2021-03-23"), ["---GOV"]);
        assert_eq!(
            codes("Protesters in Turkey met troops of Greece.", "2021-03-23"),
            ["---OPP", "TUR", "GRCMIL"],
            "without a parse, only `of` joins a country to sector nouns"
        );
        assert_eq!(
            codes("Turkey said troops left.", "2021-03-23"),
            ["TUR", "---MIL"],
            "a verb keeps them apart"
        );
    }

    #[test]
    fn later_partial_mentions_resolve_through_memory() {
        let found = code(
            &dict(),
            &doc(
                "Mevlüt Çavuşoğlu met Russian troops. Cavusoglu said the minister and the Turkish side agreed. He left.",
                "2021-03-23",
            ),
        );
        let hows: Vec<_> = found
            .iter()
            .map(|(w, c, h)| (w.as_str(), c.as_str(), *h))
            .collect();
        assert_eq!(
            hows,
            [
                ("Mevlüt Çavuşoğlu", "TURGOV", Resolution::Dictionary),
                ("Russian troops", "RUSMIL", Resolution::Composition),
                ("Cavusoglu", "TURGOV", Resolution::Memory),
                ("minister", "TURGOV", Resolution::Memory),
                ("Turkish side", "TURGOV", Resolution::Memory),
                ("He", "TURGOV", Resolution::Pronoun),
            ]
        );
    }

    #[test]
    fn a_surname_two_people_in_the_story_share_stays_ambiguous() {
        let d = dict();
        let story = doc(
            "Ed Miliband met David Miliband. Miliband said no.",
            "2009-01-01",
        );
        let found = code(&d, &story);
        assert_eq!(found.len(), 2, "{found:?}");
        let unresolved = resolve(&d, &story).unresolved;
        assert!(
            unresolved
                .iter()
                .any(|(_, why)| why.contains("shared by two people")),
            "{unresolved:?}"
        );
    }

    #[test]
    fn nothing_resolves_without_an_earlier_mention() {
        assert!(
            codes("Cavusoglu said the minister left. He agreed.", "2021-03-23")
                .contains(&"---GOV".to_owned())
        );
        assert_eq!(codes("He left.", "2021-03-23"), Vec::<String>::new());
    }

    fn word(upos: Upos, head: Option<usize>, deprel: &str) -> WordSyntax {
        WordSyntax {
            upos,
            xpos: String::new(),
            lemma: String::new(),
            feats: Feats::default(),
            head,
            deprel: deprel.into(),
        }
    }

    #[test]
    fn with_a_parse_noun_phrases_decide_what_belongs_together() {
        let d = dict();
        // "Turkish troops Greek protesters fought ." read as two noun phrases.
        let mut story = doc("Turkish troops Greek protesters fought.", "2021-03-23");
        story.syntax = vec![
            word(Upos::Adj, Some(1), "amod"),
            word(Upos::Noun, Some(4), "nsubj"),
            word(Upos::Adj, Some(3), "amod"),
            word(Upos::Noun, Some(1), "conj"),
            word(Upos::Verb, None, "root"),
            word(Upos::Punct, Some(4), "punct"),
        ];
        assert!(story.is_parsed());
        let found: Vec<_> = code(&d, &story).into_iter().map(|(_, c, _)| c).collect();
        assert_eq!(found, ["TURMIL", "GRCOPP"]);
        // "Turkish troops" with the adjective misattached by the parser: the words
        // touch, so they still compose.
        let mut story = doc("Turkish troops left.", "2021-03-23");
        story.syntax = vec![
            word(Upos::Adj, Some(2), "advmod"),
            word(Upos::Noun, Some(2), "nsubj"),
            word(Upos::Verb, None, "root"),
            word(Upos::Punct, Some(2), "punct"),
        ];
        let found: Vec<_> = code(&d, &story).into_iter().map(|(_, c, _)| c).collect();
        assert_eq!(found, ["TURMIL"]);
    }

    #[test]
    fn with_a_parse_in_and_coordinated_countries_compose() {
        let d = dict();
        // "Protesters in Turkey and Greece left ." with "in Turkey" on the noun.
        let mut story = doc("Protesters in Turkey and Greece left.", "2021-03-23");
        story.syntax = vec![
            word(Upos::Noun, Some(5), "nsubj"),
            word(Upos::Adp, Some(2), "case"),
            word(Upos::Propn, Some(0), "nmod"),
            word(Upos::Cconj, Some(4), "cc"),
            word(Upos::Propn, Some(2), "conj"),
            word(Upos::Verb, None, "root"),
            word(Upos::Punct, Some(5), "punct"),
        ];
        let found: Vec<_> = code(&d, &story).into_iter().map(|(_, c, _)| c).collect();
        assert_eq!(found, ["TUROPP", "GRCOPP"]);
        // Troops there are often another country's: they keep no country.
        let mut troops = doc("Troops in Turkey and Greece left.", "2021-03-23");
        troops.syntax = story.syntax.clone();
        let found: Vec<_> = code(&d, &troops).into_iter().map(|(_, c, _)| c).collect();
        assert_eq!(found, ["---MIL", "TUR", "GRC"]);
    }

    #[test]
    fn with_a_parse_only_a_subject_pronoun_resolves() {
        let d = dict();
        let mut story = doc("Blinken arrived. They thanked him. He left.", "2022-01-01");
        assert_eq!(story.tokens.len(), 10);
        let mut syntax = vec![
            word(Upos::Propn, Some(1), "nsubj"),
            word(Upos::Verb, None, "root"),
            word(Upos::Punct, Some(1), "punct"),
        ];
        syntax.extend([
            word(Upos::Pron, Some(4), "nsubj"),
            word(Upos::Verb, None, "root"),
            word(Upos::Pron, Some(4), "obj"),
            word(Upos::Punct, Some(4), "punct"),
        ]);
        syntax.extend([
            word(Upos::Pron, Some(8), "nsubj"),
            word(Upos::Verb, None, "root"),
            word(Upos::Punct, Some(8), "punct"),
        ]);
        story.syntax = syntax;
        let found = code(&d, &story);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            (found[1].0.as_str(), found[1].2),
            ("He", Resolution::Pronoun)
        );
    }

    #[test]
    fn middle_initials_are_skipped_and_given_names_are_not_surnames() {
        let d = ActorDictionaryBuilder::new()
            .text("t.txt", "person Q1 Antony Blinken\n  names: Blinken\n  role: USAGOV 2021-01-26.. x\nperson Q2 A. K. Antony\n  names: Antony\n  role: INDGOV 2021-01-01.. y\n")
            .build()
            .unwrap();
        let found = code(
            &d,
            &doc(
                "Antony J. Blinken met Antony. Antony Smith left.",
                "2022-01-01",
            ),
        );
        let words: Vec<_> = found.iter().map(|(w, c, _)| format!("{w}={c}")).collect();
        assert_eq!(words, ["Antony J. Blinken=USAGOV", "Antony=INDGOV"]);
    }

    #[test]
    fn actor_at_finds_the_mention_covering_a_word() {
        let d = dict();
        let mut story = doc("Yesterday Russian troops moved.", "2021-03-23");
        story.actors = resolve(&d, &story)
            .actors
            .into_iter()
            .map(|e| e.actor)
            .collect();
        assert!(story.actor_at(0).is_none());
        assert_eq!(story.actor_at(2).unwrap().code.as_str(), "RUSMIL");
        assert_eq!(story.actor_at(1).unwrap().country.as_deref(), Some("RUS"));
        assert_eq!(story.actor_at(2).unwrap().sectors, ["MIL"]);
    }
}
