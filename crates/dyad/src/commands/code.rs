//! `dyad code`: stories in, events out.

use super::parse::load_analyzer;
use super::run::{run_stories, DocumentSink};
use super::Outcome;
use crate::cli::{CodeArgs, EventFormatArg};
use anyhow::Result;
use dyad_doc::Document;
use dyad_engine::CoderBuilder;
use dyad_io::write::{EventFormat, EventWriter};
use dyad_nlp::ParseStage;
use dyad_places::PlaceStage;
use std::io::{self, Write};

pub fn run(args: CodeArgs) -> Result<Outcome> {
    let actors = super::dict::stage(&args.dicts)?;
    let coder = CoderBuilder::new()
        .stage(ParseStage::new(load_analyzer(None)?))
        // Actors use the parse; places read the parser's tags.
        .stage(actors)
        .stage(PlaceStage::default())
        .stage(super::verbs::stage(&args.verbs)?)
        .build();
    let format = match args.format {
        EventFormatArg::Jsonl => EventFormat::Jsonl,
        EventFormatArg::Csv => EventFormat::Csv,
        EventFormatArg::Tsv => EventFormat::Tsv,
    };
    let stages = coder.stage_names().join(", ");
    let emits_events = coder.emits_events();
    run_stories(
        "code",
        args.input,
        &args.run,
        &coder,
        |out| EventWriter::new(out, format).map(EventSink),
        |summary| {
            Some(if emits_events {
                format!("code: {} events written; stages: {stages}", summary.events)
            } else {
                format!(
                    "code: stages run: {stages}; no event stage is installed yet, so no events were coded"
                )
            })
        },
    )
}

struct EventSink(EventWriter<Box<dyn Write>>);

impl DocumentSink for EventSink {
    fn write(&mut self, doc: &Document) -> io::Result<()> {
        doc.events.iter().try_for_each(|event| self.0.write(event))
    }

    fn finish(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}
