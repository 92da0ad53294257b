//! `dyad explain`: how a text is coded — the parse, the actors, every pattern
//! tried and why it fired or did not.

use super::Outcome;
use crate::cli::ExplainArgs;
use anyhow::Result;
use dyad_doc::{Document, Story};
use dyad_engine::Stage;
use dyad_places::PlaceStage;
use dyad_text::Segmenter;

pub fn run(args: ExplainArgs) -> Result<Outcome> {
    let analyzer = super::parse::load_analyzer(None)?;
    let actors = super::dict::stage(&args.dicts)?;
    let events = super::verbs::stage(&args.verbs)?;
    let mut doc = Document::new(Story {
        id: "text".into(),
        date: args.date,
        source: None,
        title: None,
        text: args.text,
    });
    Segmenter::new().segment(&mut doc);
    analyzer.analyze_document(&mut doc);
    actors.process(&mut doc);
    PlaceStage::default().process(&mut doc);
    print_parse(&doc);
    println!("actors:");
    for actor in &doc.actors {
        println!(
            "  {:?} = {} ({})",
            doc.text(actor.span),
            actor.code,
            actor.how
        );
    }
    if doc.actors.is_empty() {
        println!("  none");
    }
    println!("coding:");
    for line in events.explain(&doc) {
        println!("  {line}");
    }
    Ok(Outcome::Clean)
}

fn print_parse(doc: &Document) {
    println!("parse:");
    for sentence in &doc.sentences {
        for t in sentence.tokens.clone() {
            let word = &doc.syntax[t];
            let head = word.head.map_or(0, |h| h - sentence.tokens.start + 1);
            println!(
                "  {:>3} {:<16} {:<12} {:<6} {:<4} {:>3} {}",
                t - sentence.tokens.start + 1,
                doc.text(doc.tokens[t].span),
                word.lemma,
                word.upos,
                word.xpos,
                head,
                word.deprel
            );
        }
    }
}
