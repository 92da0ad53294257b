//! `dyad split`: stories in, sentences and tokens out.

use super::run::{run_stories, DocumentSink};
use super::Outcome;
use crate::cli::{SplitArgs, SplitFormatArg};
use anyhow::Result;
use dyad_doc::Document;
use dyad_engine::CoderBuilder;
use dyad_io::write::{write_segmented, SplitFormat};
use std::io::{self, Write};

pub fn run(args: SplitArgs) -> Result<Outcome> {
    let coder = CoderBuilder::new().build();
    let format = match args.format {
        SplitFormatArg::Jsonl => SplitFormat::Jsonl,
        SplitFormatArg::Conllu => SplitFormat::Conllu,
    };
    run_stories(
        "split",
        args.input,
        &args.run,
        &coder,
        |out| Ok(SegmentSink { out, format }),
        |_| None,
    )
}

struct SegmentSink {
    out: Box<dyn Write>,
    format: SplitFormat,
}

impl DocumentSink for SegmentSink {
    fn write(&mut self, doc: &Document) -> io::Result<()> {
        write_segmented(&mut self.out, doc, self.format)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
