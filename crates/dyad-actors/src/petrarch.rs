//! Import of PETRARCH (TABARI) actor and agent dictionaries, so users keep the
//! dictionaries they have.
//!
//! Actors: a block is a name line (`JOHN_KERRY_`, optionally `[CODE]`), `+SYNONYM`
//! lines, and date-restricted codes on their own (usually tab-indented) lines:
//! `[USAGOV >130201]` (from that day on), `[USA <090120]` (before it),
//! `[USAGOVLEG 850103-130201]` (from the first day, before the second). Dates are
//! `YYMMDD` (`00`–`30` → 20YY) or `YYYYMMDD`, as PETRARCH reads them.
//!
//! Agents: `PHRASE {PLURAL} [~CODE]` lines; `~GOV` goes after the country,
//! `IGO~` before it; the plural is made PETRARCH's way (`Y` → `IES`, `S` → `SES`,
//! else `S`) unless `{…}` gives it (`{}`: none); `!PERSON! = MAN, MEN` defines a
//! substitution set used as `CONGRESS!PERSON!`.
//!
//! Comments follow PETRARCH: lines starting with `#` or `<!`, text after `#`, and
//! `<!-- … -->` blocks.

use crate::compile::ImportStats;
use crate::dict::{Alias, AliasKind, DateRange, Entry, EntryKind, Placement, Role};
use crate::error::Error;
use dyad_doc::{ActorCode, Date};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

type Read = (Vec<Entry>, ImportStats, Vec<Error>);

/// Lines of a PETRARCH file with comments removed, numbered from 1.
fn content_lines(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (index, raw) in text.lines().enumerate() {
        let mut line = raw.to_owned();
        if in_comment {
            match line.find("-->") {
                Some(at) => {
                    line = line[at + 3..].to_owned();
                    in_comment = false;
                }
                None => continue,
            }
        }
        if line.starts_with('#')
            || line.starts_with("<!") && !line.contains("-->") && !line.starts_with("<!--")
        {
            continue;
        }
        if let Some(at) = line.find('#') {
            line.truncate(at);
        }
        while let Some(at) = line.find("<!--") {
            match line[at..].find("-->") {
                Some(end) => line.replace_range(at..at + end + 3, ""),
                None => {
                    line.truncate(at);
                    in_comment = true;
                }
            }
        }
        if !line.trim().is_empty() {
            out.push((index + 1, line));
        }
    }
    out
}

/// Words of a PETRARCH phrase: split on blanks and underscores.
fn phrase_words(text: &str) -> Vec<String> {
    text.split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// PETRARCH writes names in capitals; dyad reads an all-capital alias as an
/// acronym. `SECRETARY KERRY` → `Secretary Kerry`, so it needs a capital only.
fn name_case(words: &[String]) -> String {
    let mut out = String::new();
    for word in words {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut chars = word.chars();
        out.extend(chars.next());
        out.extend(chars.flat_map(char::to_lowercase));
    }
    out
}

/// A PETRARCH date, `YYMMDD` or `YYYYMMDD`.
fn petrarch_date(text: &str) -> Option<Date> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    // PETRARCH reads up to 7 characters as YYMMDD (so a typo'd 7th digit is ignored).
    let (year, rest) = if digits.len() > 7 {
        (digits[..4].parse::<u16>().ok()?, &digits[4..8])
    } else if digits.len() >= 6 {
        let yy = digits[..2].parse::<u16>().ok()?;
        (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &digits[2..6])
    } else {
        return None;
    };
    Date::from_ymd(year, rest[..2].parse().ok()?, rest[2..4].parse().ok()?)
}

/// `USAGOV >130201` → the code and its date range (None: undated). A stray
/// blank after `>` or `<` is tolerated, and a bare date means "from then on".
fn bracket(content: &str) -> Option<(ActorCode, Option<DateRange>)> {
    let mut parts = content.split_whitespace();
    let code = ActorCode::new(parts.next()?).ok()?;
    let dates: String = parts.collect();
    if dates.is_empty() {
        return Some((code, None));
    }
    let dates = dates.as_str();
    let range = if dates.bytes().all(|b| b.is_ascii_digit()) {
        DateRange {
            start: Some(petrarch_date(dates)?),
            end: None,
        }
    } else if let Some(d) = dates.strip_prefix('>') {
        DateRange {
            start: Some(petrarch_date(d)?),
            end: None,
        }
    } else if let Some(d) = dates.strip_prefix('<') {
        DateRange {
            start: None,
            end: Some(petrarch_date(d)?),
        }
    } else {
        let (a, b) = dates.split_once('-')?;
        DateRange {
            start: Some(petrarch_date(a)?),
            end: Some(petrarch_date(b)?),
        }
    };
    Some((code, Some(range)))
}

/// Every `[...]` group in `text`, and the text before the first.
fn brackets(text: &str) -> (&str, Vec<&str>) {
    let head = text.find('[').map_or(text, |at| &text[..at]);
    let mut groups = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let close = rest[open..].find(']').map_or(rest.len(), |c| open + c);
        groups.push(&rest[open + 1..close]);
        rest = &rest[(close + 1).min(rest.len())..];
    }
    (head, groups)
}

/// Reads a PETRARCH actor dictionary.
pub fn read_actors(path: &Path) -> Result<Read, Error> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::new(&name, 0, e))?;
    Ok(actors_from_text(&name, &text))
}

fn actors_from_text(name: &str, text: &str) -> Read {
    let mut entries: Vec<Entry> = Vec::new();
    let mut errors = Vec::new();
    let mut stats = ImportStats {
        file: name.to_owned(),
        ..ImportStats::default()
    };
    let mut phrases: HashSet<Vec<String>> = HashSet::new();
    for (line_no, line) in content_lines(text) {
        let trimmed = line.trim();
        let (head, groups) = brackets(trimmed);
        let is_date_line = trimmed.starts_with('[');
        let is_synonym = trimmed.starts_with('+');
        if !is_date_line && !is_synonym {
            let words = phrase_words(head);
            let display = words.join(" ");
            entries.push(Entry::new(
                EntryKind::Actor,
                &display,
                &display,
                name,
                line_no,
            ));
            stats.entries += 1;
        }
        let Some(entry) = entries.last_mut() else {
            errors.push(Error::syntax(
                name,
                line_no,
                "a synonym or date line before any actor",
            ));
            continue;
        };
        if !is_date_line {
            let words = phrase_words(head.trim_start_matches('+'));
            if !words.is_empty() {
                phrases.insert(words.clone());
                entry.aliases.push(Alias {
                    text: name_case(&words),
                    kind: AliasKind::Name,
                    line: line_no,
                });
            }
        }
        for group in groups {
            if group.split_whitespace().nth(1).is_some() {
                stats.dated_codes += 1;
            }
            match bracket(group) {
                Some((code, None)) => entry.code = Some(code),
                Some((code, Some(range))) => {
                    entry.roles.push(Role { code, range, title: String::new(), line: line_no });
                }
                None => errors.push(Error::syntax(name, line_no, format!("cannot read the code [{group}]: expected [CODE], [CODE >YYMMDD], [CODE <YYMMDD] or [CODE YYMMDD-YYMMDD]"))),
            }
        }
    }
    stats.phrases = phrases.len();
    entries.retain(|e| e.code.is_some() || !e.roles.is_empty());
    (entries, stats, errors)
}

/// Reads a PETRARCH agent dictionary.
pub fn read_agents(path: &Path) -> Result<Read, Error> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::new(&name, 0, e))?;
    Ok(agents_from_text(&name, &text))
}

fn agents_from_text(name: &str, text: &str) -> Read {
    let mut errors = Vec::new();
    let mut stats = ImportStats {
        file: name.to_owned(),
        ..ImportStats::default()
    };
    let mut markers: HashMap<String, Vec<String>> = HashMap::new();
    let mut by_code: BTreeMap<String, Entry> = BTreeMap::new();
    let mut phrases: HashSet<Vec<String>> = HashSet::new();
    for (line_no, line) in content_lines(text) {
        if line.contains('!') && line.contains('=') {
            if let Some((marker, list)) = define_marker(&line) {
                markers.insert(marker, list);
            } else {
                errors.push(Error::syntax(
                    name,
                    line_no,
                    "a substitution set is `!NAME! = A, B, C`",
                ));
            }
            continue;
        }
        let Some((agent, rest)) = line.split_once('[') else {
            errors.push(Error::syntax(
                name,
                line_no,
                "an agent needs a code, as in `TROOP [~MIL]`",
            ));
            continue;
        };
        let raw_code = rest.split(']').next().unwrap_or("").trim();
        let (placement, bare) = match (raw_code.strip_prefix('~'), raw_code.strip_suffix('~')) {
            (Some(c), _) => (Placement::Suffix, c),
            (None, Some(c)) => (Placement::Prefix, c),
            (None, None) => (Placement::Suffix, raw_code),
        };
        let Some(forms) = agent_forms(agent, &markers) else {
            errors.push(Error::syntax(
                name,
                line_no,
                "unknown substitution marker or missing `}`",
            ));
            continue;
        };
        // PETRARCH stores the phrases whatever the code looks like; count them so.
        stats.entries += 1;
        let words: Vec<Vec<String>> = forms
            .iter()
            .map(|f| phrase_words(f))
            .filter(|w| !w.is_empty())
            .collect();
        phrases.extend(words.iter().cloned());
        let Ok(code) = ActorCode::new(bare) else {
            errors.push(Error::syntax(
                name,
                line_no,
                format!("cannot read the agent code [{raw_code}]"),
            ));
            continue;
        };
        let key = raw_code.to_owned();
        let entry = by_code.entry(key).or_insert_with(|| {
            let mut e = Entry::new(EntryKind::Sector, bare, raw_code, name, line_no);
            e.code = Some(code.clone());
            e.placement = placement;
            e
        });
        for words in words {
            entry.aliases.push(Alias {
                text: words.join(" "),
                kind: AliasKind::Noun,
                line: line_no,
            });
        }
    }
    stats.phrases = phrases.len();
    (by_code.into_values().collect(), stats, errors)
}

fn define_marker(line: &str) -> Option<(String, Vec<String>)> {
    let start = line.find('!')? + 1;
    let end = start + line[start..].find('!')?;
    let (_, list) = line[end..].split_once('=')?;
    let items = list
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    Some((line[start..end].to_owned(), items))
}

/// The phrases one agent line stores: singular and plural, or each substitution.
fn agent_forms(agent: &str, markers: &HashMap<String, Vec<String>>) -> Option<Vec<String>> {
    if let Some(start) = agent.find('!') {
        let end = start + 1 + agent[start + 1..].find('!')?;
        let items = markers.get(&agent[start + 1..end])?;
        let (before, after) = (&agent[..start], agent[end + 1..].trim_end());
        return Some(
            items
                .iter()
                .map(|item| format!("{before}{item}{after}"))
                .collect(),
        );
    }
    if let Some(open) = agent.find('{') {
        let close = open + agent[open..].find('}')?;
        let singular = agent[..open].trim().to_owned();
        let plural = agent[open + 1..close].trim().to_owned();
        return Some(if plural.is_empty() {
            vec![singular]
        } else {
            vec![singular, plural]
        });
    }
    let singular = agent.trim().to_owned();
    let plural = if let Some(stem) = singular.strip_suffix('Y') {
        format!("{stem}IES")
    } else if singular.ends_with('S') {
        format!("{singular}ES")
    } else {
        format!("{singular}S")
    };
    Some(vec![singular, plural])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_blocks_synonyms_and_date_restrictions() {
        let text = "# comment\nJOHN_KERRY_ # vague\n+SECRETARY_KERRY_\n\t[USAGOVLEG 850103-130201]\n\t[USAGOV >130201]\n\nAFGHANISTAN_  [AFG]\n+KABUL_\n";
        let (entries, stats, errors) = actors_from_text("t", text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((stats.entries, stats.phrases, stats.dated_codes), (2, 4, 2));
        let kerry = &entries[0];
        assert_eq!(kerry.aliases[1].text, "Secretary Kerry");
        let d = |t| Date::parse(t).unwrap();
        assert_eq!(kerry.roles[0].range.start, Some(d("1985-01-03")));
        assert_eq!(kerry.roles[1].range.start, Some(d("2013-02-01")));
        assert!(
            kerry.roles[0].range.contains(d("2013-01-31"))
                && !kerry.roles[0].range.contains(d("2013-02-01"))
        );
        assert_eq!(entries[1].code.as_ref().unwrap().as_str(), "AFG");
    }

    #[test]
    fn agents_get_petrarch_plurals_and_substitutions() {
        let text = "!PERSON! = MAN, MEN, WOMAN\nCONGRESS!PERSON! [~LEG]\nARMY [~MIL]\nPOLICE {} [~COP]\nBOSS [~BUS]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\nOBSERVERS_IN [IGO~]\nNO_CODE_HERE\n";
        let (entries, stats, errors) = agents_from_text("t", text);
        assert_eq!(errors.len(), 1, "the line without a code");
        assert_eq!(stats.entries, 6);
        let nouns = |code: &str| -> Vec<String> {
            entries
                .iter()
                .find(|e| e.name == code)
                .unwrap()
                .aliases
                .iter()
                .map(|a| a.text.clone())
                .collect()
        };
        assert_eq!(
            nouns("~LEG"),
            ["CONGRESSMAN", "CONGRESSMEN", "CONGRESSWOMAN"]
        );
        assert_eq!(nouns("~MIL"), ["ARMY", "ARMIES"]);
        assert_eq!(nouns("~COP"), ["POLICE"]);
        assert_eq!(nouns("~BUS"), ["BOSS", "BOSSES"]);
        assert_eq!(nouns("~GOVATG"), ["ATTORNEY GENERAL", "ATTORNEYS GENERAL"]);
        assert_eq!(
            entries.iter().find(|e| e.name == "IGO~").unwrap().placement,
            Placement::Prefix
        );
        assert_eq!(stats.phrases, 3 + 2 + 1 + 2 + 2 + 2);
    }
}
