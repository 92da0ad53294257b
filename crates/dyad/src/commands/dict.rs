//! `dyad dict check`, and the dictionary loading that `code` and `actor` share.

use super::Outcome;
use crate::cli::DictArgs;
use anyhow::Result;
use dyad_actors::{check, ActorDictionary, ActorDictionaryBuilder, ActorStage};

/// Loads the dictionaries `args` asks for.
pub fn load(args: &DictArgs) -> Result<ActorDictionary> {
    let mut builder = ActorDictionaryBuilder::new();
    if !args.no_default_actors {
        builder = builder.defaults();
    }
    for path in &args.actors {
        builder = builder.file(path);
    }
    for path in &args.actors_petrarch {
        builder = builder.petrarch_actors(path);
    }
    for path in &args.agents_petrarch {
        builder = builder.petrarch_agents(path);
    }
    Ok(builder.build()?)
}

/// The actor stage over the dictionaries `args` asks for.
pub fn stage(args: &DictArgs) -> Result<ActorStage> {
    load(args).map(ActorStage::new)
}

/// Prints every finding as `file:line: message`; findings make the exit status 1.
pub fn check(args: &DictArgs) -> Result<Outcome> {
    let dict = load(args)?;
    let findings = check::check(&dict);
    for finding in &findings {
        println!("{finding}");
    }
    for import in dict.imports() {
        eprintln!(
            "dict check: {}: {} entries, {} phrases, {} date-restricted codes",
            import.file, import.entries, import.phrases, import.dated_codes
        );
    }
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for entry in dict.entries() {
        match kinds.iter_mut().find(|(k, _)| *k == entry.kind.keyword()) {
            Some((_, n)) => *n += 1,
            None => kinds.push((entry.kind.keyword(), 1)),
        }
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    eprintln!(
        "dict check: {} entries ({}), {} phrases; {} finding{}",
        dict.entries().len(),
        kinds.join(", "),
        dict.phrase_count(),
        findings.len(),
        if findings.len() == 1 { "" } else { "s" }
    );
    Ok(if findings.is_empty() {
        Outcome::Clean
    } else {
        Outcome::SomeRejected
    })
}
