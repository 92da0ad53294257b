//! `dyad parse`, `dyad parser train` and `dyad parser eval`.

use super::run::{run_stories, DocumentSink};
use super::Outcome;
use crate::cli::ParseArgs;
use anyhow::{Context, Result};
use dyad_doc::Document;
use dyad_engine::CoderBuilder;
use dyad_io::write::{write_segmented, SplitFormat};
use dyad_nlp::eval::{evaluate_gold, evaluate_raw};
use dyad_nlp::treebank::{read_treebank, TreeSentence};
use dyad_nlp::{Analyzer, ParseStage, TrainSettings};
use dyad_text::Segmenter;
use std::io::{self, BufReader, Write};
use std::path::Path;
use std::time::Instant;

/// The model at `path`, or the shipped one.
pub fn load_analyzer(path: Option<&Path>) -> Result<Analyzer> {
    match path {
        None => Analyzer::shipped().context("the shipped parser model cannot be read"),
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            Analyzer::from_bytes(&bytes).with_context(|| format!("in {}", path.display()))
        }
    }
}

pub fn run(args: ParseArgs) -> Result<Outcome> {
    let analyzer = load_analyzer(args.model.as_deref())?;
    let coder = CoderBuilder::new().stage(ParseStage::new(analyzer)).build();
    run_stories(
        "parse",
        args.input,
        &args.run,
        &coder,
        |out| Ok(ConlluSink { out }),
        |_| None,
    )
}

struct ConlluSink {
    out: Box<dyn Write>,
}

impl DocumentSink for ConlluSink {
    fn write(&mut self, doc: &Document) -> io::Result<()> {
        write_segmented(&mut self.out, doc, SplitFormat::Conllu)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn read(path: &Path) -> Result<(Vec<TreeSentence>, Vec<u8>)> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let sentences = read_treebank(BufReader::new(bytes.as_slice()))
        .with_context(|| format!("in {}", path.display()))?;
    Ok((sentences, bytes))
}

/// Trains on `train_path`, writes the model to `output`, and scores it on `dev`.
pub fn train(
    train_path: &Path,
    dev: Option<&Path>,
    output: &Path,
    settings: TrainSettings,
) -> Result<()> {
    let started = Instant::now();
    let (sentences, bytes) = read(train_path)?;
    let name = train_path
        .file_name()
        .map_or("?".into(), |n| n.to_string_lossy());
    let data = format!("{name}#{}", dyad_nlp::fingerprint(&bytes));
    let say = |message: &str| {
        eprintln!("train [{:6.1}s] {message}", started.elapsed().as_secs_f64());
    };
    let analyzer = dyad_nlp::train(&sentences, &data, settings, &say);
    let model = analyzer.to_bytes();
    std::fs::write(output, &model).with_context(|| format!("cannot write {}", output.display()))?;
    let stats = analyzer.stats();
    say(&format!(
        "wrote {} ({} bytes; features: tagger {}, parser {}, labeler {}); {}",
        output.display(),
        model.len(),
        stats.tagger_features,
        stats.parser_features,
        stats.labeler_features,
        analyzer.provenance()
    ));
    if let Some(dev) = dev {
        let (gold, _) = read(dev)?;
        say(&format!(
            "dev, gold words: {}",
            evaluate_gold(&analyzer, &gold, false, None)
        ));
    }
    Ok(())
}

/// Scores a model on `gold`, with gold words and from raw text; writes the
/// gold-word analyses as CoNLL-U to `predictions` when asked.
pub fn eval(gold_path: &Path, model: Option<&Path>, predictions: Option<&Path>) -> Result<()> {
    let started = Instant::now();
    let analyzer = load_analyzer(model)?;
    let loaded = started.elapsed();
    let (gold, _) = read(gold_path)?;
    println!("gold:      {}", gold_path.display());
    println!(
        "model:     {} (loaded in {} ms)",
        analyzer.provenance(),
        loaded.as_millis()
    );
    let mut out = match predictions {
        Some(path) => Some(io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        )),
        None => None,
    };
    let mut write = |sentence: &TreeSentence, analysis: &[dyad_doc::WordSyntax]| {
        if let Some(out) = out.as_mut() {
            // Errors surface at the flush below.
            let _ = write_prediction(out, sentence, analysis);
        }
    };
    let scores = evaluate_gold(&analyzer, &gold, false, Some(&mut write));
    if let Some(mut out) = out {
        out.flush().context("cannot write the predictions")?;
    }
    println!("gold tokenization: {scores}");
    println!(
        "  with gold tags:  {}",
        evaluate_gold(&analyzer, &gold, true, None)
    );
    println!(
        "raw text:          {}",
        evaluate_raw(&analyzer, &Segmenter::new(), &gold)
    );
    Ok(())
}

fn write_prediction(
    out: &mut impl Write,
    sentence: &TreeSentence,
    analysis: &[dyad_doc::WordSyntax],
) -> io::Result<()> {
    if let Some(text) = &sentence.text {
        writeln!(out, "# text = {text}")?;
    }
    for (i, (gold, word)) in sentence.words.iter().zip(analysis).enumerate() {
        let feats = if word.feats.is_empty() {
            "_"
        } else {
            word.feats.as_str()
        };
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{feats}\t{}\t{}\t_\t_",
            i + 1,
            gold.form,
            word.lemma,
            word.upos,
            word.xpos,
            word.head.map_or(0, |h| h + 1),
            word.deprel
        )?;
    }
    writeln!(out)
}
