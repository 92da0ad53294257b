//! `dyad eval tokenize`: segmentation scored against a UD treebank.

use anyhow::{Context, Result};
use dyad_io::conllu::ConlluReader;
use dyad_text::eval::{evaluate, GoldSentence};
use dyad_text::Segmenter;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// Scores the segmenter against `gold` and prints token and sentence F1.
pub fn tokenize(gold: &Path, rules_only: bool) -> Result<()> {
    let segmenter = if rules_only {
        Segmenter::rules_only()
    } else {
        Segmenter::new()
    };
    let score = evaluate(&segmenter, gold_sentences(gold)?);
    println!("gold:      {}", gold.display());
    println!(
        "splitter:  {}",
        segmenter
            .sentence_model_provenance()
            .map_or("rules only".to_owned(), |p| format!("rules + model ({p})"))
    );
    println!("tokens:    {}", score.tokens);
    println!("sentences: {}", score.sentences);
    if score.unlocated_tokens > 0 {
        println!(
            "({} gold tokens not found in their `# text`, counted as missed)",
            score.unlocated_tokens
        );
    }
    Ok(())
}

/// The sentences of a CoNLL-U file with their `# text`, tokens and breaks.
pub fn gold_sentences(path: &Path) -> Result<Vec<GoldSentence>> {
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut sentences = Vec::new();
    for sentence in ConlluReader::new(BufReader::new(file)) {
        let sentence = sentence.with_context(|| format!("in {}", path.display()))?;
        let text = sentence.comment("text").with_context(|| {
            format!(
                "{}:{}: sentence has no `# text` line",
                path.display(),
                sentence.line
            )
        })?;
        sentences.push(GoldSentence {
            text: text.to_owned(),
            tokens: sentence.tokens().iter().map(|t| t.to_string()).collect(),
            new_document: sentence.starts_document(),
            new_paragraph: sentence.starts_paragraph() || sentence.starts_document(),
        });
    }
    Ok(sentences)
}
