//! `dyad train sentences`: the sentence-boundary model, from a UD treebank.

use super::eval::gold_sentences;
use anyhow::{Context, Result};
use dyad_text::eval::gold_texts;
use dyad_text::Segmenter;
use std::path::Path;

/// Trains the sentence model on `train` and writes it to `output`. Training is
/// deterministic: the same treebank gives the same bytes.
pub fn sentences(train: &Path, output: &Path) -> Result<()> {
    let bytes = std::fs::read(train).with_context(|| format!("cannot read {}", train.display()))?;
    let name = train
        .file_name()
        .map_or("?".into(), |n| n.to_string_lossy());
    let data = format!("trained on {name} (FNV-1a 64 {:016x})", fnv1a64(&bytes));
    let texts = gold_texts(gold_sentences(train)?);
    let model = Segmenter::rules_only().train_sentence_model(&texts, &data);
    std::fs::write(output, &model).with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!(
        "train: {} documents; wrote {} ({} bytes); {data}",
        texts.len(),
        output.display(),
        model.len()
    );
    Ok(())
}

/// A fingerprint of the training data, recorded in the model.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
