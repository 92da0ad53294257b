//! CoNLL-U, the Universal Dependencies treebank format: read for evaluation and
//! training, written by `dyad split` and `dyad parse`.

use std::io::BufRead;

/// One word line of a CoNLL-U sentence (ten tab-separated columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConlluWord {
    /// Position in the sentence, from 1.
    pub id: usize,
    /// Word form.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal part-of-speech tag.
    pub upos: String,
    /// Language-specific tag (Penn Treebank for English).
    pub xpos: String,
    /// Morphological features, `_` when none.
    pub feats: String,
    /// Head word id, 0 for the root; `None` when the column is `_`.
    pub head: Option<usize>,
    /// Dependency relation to the head.
    pub deprel: String,
    /// Enhanced dependencies.
    pub deps: String,
    /// Anything else (`SpaceAfter=No`, …).
    pub misc: String,
}

/// A multi-word token line (`1-2  don't`): one written token for several words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiwordToken {
    /// First word id covered.
    pub first: usize,
    /// Last word id covered.
    pub last: usize,
    /// The token as written.
    pub form: String,
}

/// One sentence: its comment lines, words and multi-word tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConlluSentence {
    /// Line number of the sentence's first line, from 1.
    pub line: usize,
    /// Comment lines without the leading `#` and surrounding spaces.
    pub comments: Vec<String>,
    /// Word lines in order (empty nodes `8.1` are skipped).
    pub words: Vec<ConlluWord>,
    /// Multi-word token lines.
    pub multiword: Vec<MultiwordToken>,
}

impl ConlluSentence {
    /// The value of a `key = value` comment, such as `text` or `sent_id`.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// Whether the sentence starts a new document (`# newdoc`).
    pub fn starts_document(&self) -> bool {
        self.comments.iter().any(|c| c.starts_with("newdoc"))
    }

    /// Whether the sentence starts a new paragraph (`# newpar`).
    pub fn starts_paragraph(&self) -> bool {
        self.comments.iter().any(|c| c.starts_with("newpar"))
    }

    /// The written tokens: multi-word tokens once, other words as themselves.
    pub fn tokens(&self) -> Vec<&str> {
        let mut tokens = Vec::with_capacity(self.words.len());
        let mut next_id = 1;
        for word in &self.words {
            if word.id < next_id {
                continue;
            }
            match self.multiword.iter().find(|m| m.first == word.id) {
                Some(m) => {
                    tokens.push(m.form.as_str());
                    next_id = m.last + 1;
                }
                None => {
                    tokens.push(word.form.as_str());
                    next_id = word.id + 1;
                }
            }
        }
        tokens
    }
}

/// A line that is not valid CoNLL-U.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConlluError {
    /// Reading failed.
    #[error("line {line}: {source}")]
    Io {
        /// Line being read.
        line: usize,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A word line without ten columns or with a bad id or head.
    #[error("line {line}: {reason}")]
    Malformed {
        /// Line number, from 1.
        line: usize,
        /// What was wrong.
        reason: String,
    },
}

/// Streams sentences from CoNLL-U text.
pub struct ConlluReader<R> {
    input: R,
    line: usize,
    buffer: String,
}

impl<R: BufRead> ConlluReader<R> {
    /// Reads from `input`.
    pub fn new(input: R) -> Self {
        ConlluReader {
            input,
            line: 0,
            buffer: String::new(),
        }
    }

    fn next_sentence(&mut self) -> Result<Option<ConlluSentence>, ConlluError> {
        let mut sentence = ConlluSentence::default();
        loop {
            self.buffer.clear();
            let read =
                self.input
                    .read_line(&mut self.buffer)
                    .map_err(|source| ConlluError::Io {
                        line: self.line + 1,
                        source,
                    })?;
            if read == 0 {
                let empty = sentence.words.is_empty() && sentence.comments.is_empty();
                return Ok((!empty).then_some(sentence));
            }
            self.line += 1;
            let text = self.buffer.trim_end_matches(['\n', '\r']);
            if sentence.line == 0 {
                sentence.line = self.line;
            }
            if text.is_empty() {
                if sentence.words.is_empty() && sentence.comments.is_empty() {
                    sentence.line = 0;
                    continue;
                }
                return Ok(Some(sentence));
            }
            if let Some(comment) = text.strip_prefix('#') {
                sentence.comments.push(comment.trim().to_owned());
                continue;
            }
            parse_word_line(text, self.line, &mut sentence)?;
        }
    }
}

impl<R: BufRead> Iterator for ConlluReader<R> {
    type Item = Result<ConlluSentence, ConlluError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_sentence().transpose()
    }
}

fn parse_word_line(
    text: &str,
    line: usize,
    sentence: &mut ConlluSentence,
) -> Result<(), ConlluError> {
    let malformed = |reason: String| ConlluError::Malformed { line, reason };
    let columns: Vec<&str> = text.split('\t').collect();
    if columns.len() != 10 {
        return Err(malformed(format!(
            "expected 10 tab-separated columns, found {}",
            columns.len()
        )));
    }
    let id = columns[0];
    if id.contains('.') {
        return Ok(());
    }
    let number = |s: &str| {
        s.parse::<usize>()
            .map_err(|_| malformed(format!("bad id {s:?}")))
    };
    if let Some((first, last)) = id.split_once('-') {
        sentence.multiword.push(MultiwordToken {
            first: number(first)?,
            last: number(last)?,
            form: columns[1].to_owned(),
        });
        return Ok(());
    }
    let head = match columns[6] {
        "_" => None,
        h => Some(
            h.parse()
                .map_err(|_| malformed(format!("bad head {h:?}")))?,
        ),
    };
    sentence.words.push(ConlluWord {
        id: number(id)?,
        form: columns[1].to_owned(),
        lemma: columns[2].to_owned(),
        upos: columns[3].to_owned(),
        xpos: columns[4].to_owned(),
        feats: columns[5].to_owned(),
        head,
        deprel: columns[7].to_owned(),
        deps: columns[8].to_owned(),
        misc: columns[9].to_owned(),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "# newdoc id = d1\n# sent_id = d1-1\n# newpar\n# text = They don't agree.\n\
1\tThey\tthey\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tagree\tagree\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
4.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n\
# text = Yes.\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n";

    #[test]
    fn reads_sentences_words_and_multiword_tokens() {
        let sentences: Vec<_> = ConlluReader::new(SAMPLE.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(sentences.len(), 2);
        let first = &sentences[0];
        assert_eq!(first.comment("text"), Some("They don't agree."));
        assert!(first.starts_document() && first.starts_paragraph());
        assert_eq!(first.words.len(), 5);
        assert_eq!(first.tokens(), ["They", "don't", "agree", "."]);
        assert_eq!(first.words[3].head, Some(0));
        assert_eq!(sentences[1].line, 13);
        assert!(!sentences[1].starts_document());
    }

    #[test]
    fn reports_the_line_of_a_bad_word() {
        let error = ConlluReader::new("# x\n1\tonly\tthree\n".as_bytes())
            .next()
            .unwrap()
            .unwrap_err();
        assert!(error.to_string().starts_with("line 2:"), "{error}");
    }
}
