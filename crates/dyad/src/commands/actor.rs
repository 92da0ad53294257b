//! `dyad actor`: what a text's mentions resolve to, and why; and the report of
//! capitalised word sequences in news that resolve to nothing.

use super::run::read_options;
use super::Outcome;
use crate::cli::{ActorArgs, InputArgs, InputFormatArg};
use anyhow::{bail, Result};
use dyad_actors::ActorStage;
use dyad_doc::{Document, Story};
use dyad_engine::Stage;
use dyad_io::read::{read_stories, Input};
use dyad_text::Segmenter;
use std::collections::HashMap;
use std::time::Instant;

pub fn run(args: ActorArgs) -> Result<Outcome> {
    let started = Instant::now();
    let stage = super::dict::stage(&args.dicts)?;
    let loaded = started.elapsed();
    if !args.unresolved_report.is_empty() {
        return unresolved_report(&stage, &args);
    }
    let Some(text) = args.text else {
        bail!("give a TEXT to resolve, or --unresolved-report FILE…");
    };
    let Some(date) = args.date else {
        bail!("give the story's --date: actor roles depend on it");
    };
    let mut doc = Document::new(Story {
        id: "text".into(),
        date,
        source: None,
        title: None,
        text,
    });
    Segmenter::new().segment(&mut doc);
    // The actor stage reads noun phrases from the parse, as in `dyad code`.
    super::parse::load_analyzer(None)?.analyze_document(&mut doc);
    let explanation = stage.explain(&doc);
    for found in &explanation.actors {
        let actor = &found.actor;
        println!(
            "{}\t{}\t{}\t{}: {}",
            doc.text(actor.span),
            actor.code,
            actor.entry,
            actor.how,
            found.why
        );
    }
    for (tokens, why) in &explanation.unresolved {
        let span = dyad_doc::Span::new(
            doc.tokens[tokens.start].span.start,
            doc.tokens[tokens.end - 1].span.end,
        );
        println!("{}\t-\t-\tunresolved: {why}", doc.text(span));
    }
    eprintln!(
        "actor: {} mentions on {}; dictionaries loaded in {} ms ({} entries)",
        explanation.actors.len(),
        date,
        loaded.as_millis(),
        stage.dictionary().entries().len()
    );
    Ok(Outcome::Clean)
}

/// Codes every story of the files and counts capitalised word sequences (not
/// counting a sentence's first word) that no actor covers.
fn unresolved_report(stage: &ActorStage, args: &ActorArgs) -> Result<Outcome> {
    let input = InputArgs {
        paths: args.unresolved_report.clone(),
        input_format: InputFormatArg::Jsonl,
        // Some news files carry no dates; the report is about coverage, and a
        // date inside the BBC set's years keeps its office-holders in role.
        date: args
            .date
            .or_else(|| dyad_doc::Date::parse("2005-01-01").ok()),
        id_field: "id".into(),
        text_field: "text".into(),
        date_field: "date".into(),
        title_field: "title".into(),
        source_field: "source".into(),
        max_story_bytes: 5 * 1024 * 1024,
    };
    let inputs = input.paths.iter().cloned().map(Input::Path).collect();
    let segmenter = Segmenter::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let (mut sentences, mut mentions, mut stage_time) = (0usize, 0usize, std::time::Duration::ZERO);
    for story in read_stories(inputs, read_options(input)) {
        let Ok(story) = story else { continue };
        let mut doc = Document::new(story);
        segmenter.segment(&mut doc);
        let started = Instant::now();
        stage.process(&mut doc);
        stage_time += started.elapsed();
        sentences += doc.sentences.len();
        mentions += doc.actors.len();
        for sequence in unresolved_sequences(&doc) {
            *counts.entry(sequence).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (sequence, n) in ranked.iter().take(args.top) {
        println!("{n}\t{sequence}");
    }
    eprintln!(
        "actor: {sentences} sentences, {mentions} actor mentions; actor stage {:.0} sentences/s",
        sentences as f64 / stage_time.as_secs_f64().max(1e-9)
    );
    Ok(Outcome::Clean)
}

/// Capitalised words that are not names: pronouns and function words that open
/// clauses after quotes, and calendar words. The report leaves them out so that
/// what remains is the coverage gap.
const NOT_NAMES: &[&str] = &[
    "i",
    "we",
    "the",
    "it",
    "if",
    "there",
    "this",
    "but",
    "they",
    "in",
    "you",
    "a",
    "he",
    "she",
    "and",
    "that",
    "what",
    "so",
    "as",
    "at",
    "for",
    "on",
    "when",
    "my",
    "our",
    "mr",
    "mrs",
    "ms",
    "dr",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "christmas",
];

fn unresolved_sequences(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for sentence in &doc.sentences {
        let mut run: Vec<&str> = Vec::new();
        for t in sentence.tokens.clone() {
            let form = doc.text(doc.tokens[t].span);
            let capital = form.chars().next().is_some_and(char::is_uppercase);
            let free = doc.actor_at(t).is_none();
            let opens = t == sentence.tokens.start
                || matches!(
                    doc.tokens[t - 1].norm.as_str(),
                    "\"" | "``" | "'" | "(" | ":" | "-" | "--"
                );
            let name_like = !NOT_NAMES.contains(&doc.tokens[t].norm.as_str());
            if capital && free && name_like && !(opens && run.is_empty()) {
                run.push(form);
            } else if !run.is_empty() {
                out.push(run.join(" "));
                run.clear();
            }
        }
        if !run.is_empty() {
            out.push(run.join(" "));
        }
    }
    out
}
