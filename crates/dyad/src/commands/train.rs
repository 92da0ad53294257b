//! `dyad train sentences`: the sentence-boundary model, from a UD treebank.

use super::eval::gold_sentences;
use anyhow::{Context, Result};
use dyad_text::eval::gold_texts;
use dyad_text::Segmenter;
use std::path::Path;

/// Trains the sentence model on `train` and writes it to `output`. Training is
/// deterministic: the same treebank gives the same bytes.
pub fn sentences(train: &Path, output: &Path) -> Result<()> {
    let name = train
        .file_name()
        .map_or("?".into(), |n| n.to_string_lossy());
    let texts = gold_texts(gold_sentences(train)?);
    let model = Segmenter::rules_only().train_sentence_model(&texts, &name);
    std::fs::write(output, &model).with_context(|| format!("cannot write {}", output.display()))?;
    let trained = Segmenter::with_sentence_model(&model).map_err(anyhow::Error::msg)?;
    let provenance = trained.sentence_model_provenance().unwrap_or_default();
    eprintln!(
        "train: wrote {} ({} bytes); {provenance}",
        output.display(),
        model.len()
    );
    Ok(())
}
