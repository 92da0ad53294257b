//! The model as a whole: training on the tiny treebank in tests/data, the file
//! format, and what a parsed document looks like.

use dyad_doc::{Date, Document, Story, Upos};
use dyad_nlp::eval::{evaluate_gold, evaluate_raw};
use dyad_nlp::treebank::{read_treebank, TreeSentence};
use dyad_nlp::{train, Analyzer, ModelError, TrainSettings};
use dyad_text::Segmenter;

fn tiny() -> Vec<TreeSentence> {
    read_treebank(include_str!("data/tiny.conllu").as_bytes()).unwrap()
}

fn settings() -> TrainSettings {
    TrainSettings {
        seed: 7,
        tagger_epochs: 8,
        parser_epochs: 8,
        labeler_epochs: 8,
        folds: 3,
    }
}

fn trained() -> Analyzer {
    train(&tiny(), "tiny.conllu#test", settings(), &|_| {})
}

#[test]
fn training_is_deterministic_and_the_file_round_trips() {
    let first = trained().to_bytes();
    let second = trained().to_bytes();
    assert_eq!(first, second, "same data and seed give the same bytes");
    let back = Analyzer::from_bytes(&first).unwrap();
    assert_eq!(back.to_bytes(), first);
    assert!(back.provenance().contains("tiny.conllu#test"));
    assert!(back.provenance().contains("seed=7"));
}

#[test]
fn a_model_learns_its_training_sentences() {
    let analyzer = trained();
    let scores = evaluate_gold(&analyzer, &tiny(), false, None);
    assert!(scores.percent(scores.upos) > 95.0, "{scores}");
    assert!(scores.percent(scores.uas) > 90.0, "{scores}");
    let raw = evaluate_raw(&analyzer, &Segmenter::new(), &tiny());
    assert_eq!(raw.words.f1(), 100.0, "{raw}");
    assert_eq!(raw.sentences.f1(), 100.0, "{raw}");
}

#[test]
fn bad_model_files_are_errors_not_panics() {
    let bytes = trained().to_bytes();
    assert!(matches!(
        Analyzer::from_bytes(b"hello"),
        Err(ModelError::NotAModel)
    ));
    let mut other_version = bytes.clone();
    other_version[8] = 99;
    assert!(matches!(
        Analyzer::from_bytes(&other_version),
        Err(ModelError::Version { found: 99 })
    ));
    for cut in [12, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            matches!(
                Analyzer::from_bytes(&bytes[..cut]),
                Err(ModelError::Corrupt(_))
            ),
            "cut at {cut}"
        );
    }
    let mut extra = bytes;
    extra.push(0);
    assert!(Analyzer::from_bytes(&extra).is_err());
}

#[test]
fn a_parsed_document_has_one_tree_per_sentence_over_document_indexes() {
    let analyzer = Analyzer::shipped().unwrap();
    let mut doc = Document::new(Story {
        id: "s".into(),
        date: Date::parse("2021-03-23").unwrap(),
        source: None,
        title: None,
        text: "Blinken pressed Turkey to give up the S-400 missiles. \
               The talks were held in Brussels."
            .into(),
    });
    Segmenter::new().segment(&mut doc);
    analyzer.analyze_document(&mut doc);
    assert!(doc.is_parsed());
    for sentence in &doc.sentences {
        let roots = sentence
            .tokens
            .clone()
            .filter(|&i| doc.syntax[i].head.is_none())
            .count();
        assert_eq!(roots, 1);
        for i in sentence.tokens.clone() {
            if let Some(head) = doc.syntax[i].head {
                assert!(sentence.tokens.contains(&head), "head outside the sentence");
                assert_ne!(head, i);
            } else {
                assert_eq!(doc.syntax[i].deprel, "root");
            }
        }
    }
    let word = |text: &str| {
        let i = doc
            .tokens
            .iter()
            .position(|t| doc.text(t.span) == text)
            .unwrap();
        &doc.syntax[i]
    };
    assert_eq!(word("pressed").lemma, "press");
    assert_eq!(word("pressed").upos, Upos::Verb);
    assert_eq!(word("Turkey").upos, Upos::Propn);
    assert_eq!(word("held").feats.get("Voice"), Some("Pass"));
    assert_eq!(word("talks").deprel, "nsubj:pass");
    assert_eq!(word("Blinken").deprel, "nsubj");
}

#[test]
fn the_shipped_model_says_where_it_came_from() {
    let analyzer = Analyzer::shipped().unwrap();
    assert!(analyzer.provenance().contains("en_ewt-ud-train.conllu#"));
    assert!(analyzer
        .provenance()
        .contains(&format!("format={}", dyad_nlp::FORMAT_VERSION)));
}
