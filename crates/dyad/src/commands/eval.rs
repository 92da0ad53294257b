//! `dyad eval tokenize`: segmentation scored against a UD treebank.

use anyhow::{Context, Result};
use dyad_io::conllu::ConlluReader;
use dyad_text::eval::{evaluate, GoldSentence};
use dyad_text::Segmenter;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// Scores the segmenter against `gold` and prints token and sentence F1.
pub fn tokenize(gold: &Path) -> Result<()> {
    let file = File::open(gold).with_context(|| format!("cannot open {}", gold.display()))?;
    let mut sentences = Vec::new();
    for sentence in ConlluReader::new(BufReader::new(file)) {
        let sentence = sentence.with_context(|| format!("in {}", gold.display()))?;
        let text = sentence.comment("text").with_context(|| {
            format!(
                "{}:{}: sentence has no `# text` line",
                gold.display(),
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
    let score = evaluate(&Segmenter::new(), sentences);
    println!("gold:      {}", gold.display());
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
