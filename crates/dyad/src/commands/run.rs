//! What `code` and `split` share: opening input and output, progress, the summary.

use super::Outcome;
use crate::cli::{InputArgs, InputFormatArg, RunArgs};
use anyhow::{Context, Result};
use dyad_doc::{Document, Story};
use dyad_engine::{Coder, Runner, Summary};
use dyad_io::read::{read_stories, Input, InputFormat, JsonFields, ReadOptions};
use std::cell::Cell;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};

/// Where coded documents go: the command's writer over the output stream.
pub trait DocumentSink {
    /// Writes what the command outputs for one document.
    fn write(&mut self, doc: &Document) -> io::Result<()>;
    /// Flushes everything.
    fn finish(&mut self) -> io::Result<()>;
}

/// Codes every story of `input` with `coder`, handing documents to the sink that
/// `make_sink` builds over the output.
pub fn run_stories<S: DocumentSink>(
    command: &str,
    input: InputArgs,
    run: &RunArgs,
    coder: &Coder,
    make_sink: impl FnOnce(Box<dyn Write>) -> io::Result<S>,
    describe: impl FnOnce(&Summary) -> Option<String>,
) -> Result<Outcome> {
    run_stories_filtered(command, input, run, coder, |_| true, make_sink, describe)
}

/// [`run_stories`], coding only the stories `keep` accepts (`--resume` skips those
/// already stored); skipped stories are neither coded nor counted as read.
pub fn run_stories_filtered<S: DocumentSink>(
    command: &str,
    input: InputArgs,
    run: &RunArgs,
    coder: &Coder,
    mut keep: impl FnMut(&Story) -> bool,
    make_sink: impl FnOnce(Box<dyn Write>) -> io::Result<S>,
    describe: impl FnOnce(&Summary) -> Option<String>,
) -> Result<Outcome> {
    let mut sink = make_sink(open_output(run)?).context("cannot write output")?;
    let records = read_stories(inputs(&input), read_options(input))
        .filter(|record| record.as_ref().map_or(true, &mut keep));
    let progress = Progress::new(run.quiet);
    let summary = Runner::new(coder, run.threads).run(
        records,
        |doc| {
            progress.tick();
            sink.write(doc)
        },
        |error| {
            progress.clear();
            eprintln!("{command}: rejected {error}");
        },
    )?;
    sink.finish().context("cannot write output")?;
    progress.clear();
    if !run.quiet {
        eprintln!("{}", summary_text(command, &summary));
        if let Some(line) = describe(&summary) {
            eprintln!("{line}");
        }
    }
    Ok(if summary.rejected_total() > 0 {
        Outcome::SomeRejected
    } else {
        Outcome::Clean
    })
}

fn open_output(run: &RunArgs) -> Result<Box<dyn Write>> {
    Ok(match &run.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}

fn inputs(input: &InputArgs) -> Vec<Input> {
    if input.paths.is_empty() {
        vec![Input::Stdin]
    } else {
        input.paths.iter().cloned().map(Input::Path).collect()
    }
}

pub(super) fn read_options(input: InputArgs) -> ReadOptions {
    ReadOptions {
        format: match input.input_format {
            InputFormatArg::Auto => InputFormat::Auto,
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
            InputFormatArg::Xml => InputFormat::PetrarchXml,
        },
        fields: JsonFields {
            id: input.id_field,
            text: input.text_field,
            date: input.date_field,
            title: input.title_field,
            source: input.source_field,
        },
        default_date: input.date,
        max_story_bytes: input.max_story_bytes,
    }
}

fn summary_text(command: &str, summary: &Summary) -> String {
    let mut text = format!(
        "{command}: {} records read, {} stories coded, {} rejected",
        summary.read,
        summary.coded,
        summary.rejected_total()
    );
    if !summary.rejected.is_empty() {
        let reasons: Vec<String> = summary
            .rejected
            .iter()
            .map(|(reason, n)| format!("{n} {}", reason.as_str()))
            .collect();
        text.push_str(&format!(" ({})", reasons.join(", ")));
    }
    text.push_str(&format!(
        "\n{command}: {} sentences, {} tokens",
        summary.sentences, summary.tokens
    ));
    text
}

/// A one-line counter on stderr, shown only when stderr is a terminal. Cells,
/// because both the document and the reject callbacks touch it.
struct Progress {
    enabled: bool,
    shown: Cell<bool>,
    stories: Cell<usize>,
}

impl Progress {
    fn new(quiet: bool) -> Self {
        Progress {
            enabled: !quiet && io::stderr().is_terminal(),
            shown: Cell::new(false),
            stories: Cell::new(0),
        }
    }

    fn tick(&self) {
        let stories = self.stories.get() + 1;
        self.stories.set(stories);
        if self.enabled && stories.is_multiple_of(64) {
            eprint!("\r{stories} stories");
            self.shown.set(true);
        }
    }

    fn clear(&self) {
        if self.shown.replace(false) {
            eprint!("\r\x1b[K");
        }
    }
}
