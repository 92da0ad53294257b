//! `dyad code`: stories in, events out.

use super::parse::load_analyzer;
use super::run::{run_stories, DocumentSink};
use super::Outcome;
use crate::cli::{CodeArgs, EventFormatArg};
use anyhow::Result;
use dyad_doc::Document;
use dyad_engine::{Coder, CoderBuilder, Summary};
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
    let outcome = code(args, &coder);
    // Freeing the dictionaries, gazetteer and model entry by entry costs more than
    // coding a hundred stories, and the process ends here: the system takes the
    // memory back at once.
    std::mem::forget(coder);
    outcome
}

fn code(args: CodeArgs, coder: &Coder) -> Result<Outcome> {
    // A database or a Parquet file: see commands/store.rs.
    if args.store.db.is_some() || matches!(args.format, EventFormatArg::Parquet) {
        return super::store::code(args, coder, describe(coder));
    }
    let format = event_format(args.format).expect("parquet is written by commands/store.rs");
    run_stories(
        "code",
        args.input,
        &args.run,
        coder,
        |out| EventSink::new(out, format),
        describe(coder),
    )
}

/// The text format of `format`; `None` for Parquet, which is not a stream.
pub(super) fn event_format(format: EventFormatArg) -> Option<EventFormat> {
    match format {
        EventFormatArg::Jsonl => Some(EventFormat::Jsonl),
        EventFormatArg::Csv => Some(EventFormat::Csv),
        EventFormatArg::Tsv => Some(EventFormat::Tsv),
        EventFormatArg::Parquet => None,
    }
}

fn describe(coder: &Coder) -> impl FnOnce(&Summary) -> Option<String> {
    let stages = coder.stage_names().join(", ");
    let emits_events = coder.emits_events();
    move |summary| {
        Some(if emits_events {
            format!("code: {} events written; stages: {stages}", summary.events)
        } else {
            format!(
                "code: stages run: {stages}; no event stage is installed yet, so no events were coded"
            )
        })
    }
}

pub(super) struct EventSink(EventWriter<Box<dyn Write>>);

impl EventSink {
    pub(super) fn new(out: Box<dyn Write>, format: EventFormat) -> io::Result<Self> {
        EventWriter::new(out, format).map(EventSink)
    }
}

impl DocumentSink for EventSink {
    fn write(&mut self, doc: &Document) -> io::Result<()> {
        doc.events.iter().try_for_each(|event| self.0.write(event))
    }

    fn finish(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}
