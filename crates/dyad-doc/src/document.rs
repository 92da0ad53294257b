use crate::{Actor, Date, Event, Place, Span, WordSyntax};
use std::ops::Range;

/// One news story as a reader yields it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    /// Identifier, unique within its input (a file name, a JSON `id`, an XML `id`).
    pub id: String,
    /// Publication date; actor roles and event dates are resolved against it.
    pub date: Date,
    /// Who published it (`AFP`, `wikinews`), when the input says.
    pub source: Option<String>,
    /// Headline, when the input has one.
    pub title: Option<String>,
    /// The body. Every span in the document is a byte range into this text.
    pub text: String,
}

/// A word as the later stages see it, with its place in the story text.
///
/// Tokens follow UD English EWT's conventions, so the parser trained on EWT sees
/// the words it learned from: "don't" is two words, "do" and "n't", and "Bush's"
/// is "Bush" and "'s"; such words carry [`Token::fused`] after the first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Bytes of the story text this word covers.
    pub span: Span,
    /// The form used for matching: lower-case, diacritics folded, quotes and dashes
    /// unified (`Çavuşoğlu` → `cavusoglu`).
    pub norm: String,
    /// True when this word and the one before it are written as one token
    /// (UD's multi-word token), as "n't" in "don't".
    pub fused: bool,
}

/// A sentence: its span and the range of its words in [`Document::tokens`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Bytes of the story text, from the first word's start to the last word's end.
    pub span: Span,
    /// Indexes into [`Document::tokens`].
    pub tokens: Range<usize>,
}

/// A story and everything the pipeline's stages have added to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The story as read.
    pub story: Story,
    /// Sentences in text order, added by segmentation.
    pub sentences: Vec<Sentence>,
    /// All words of the story in text order, added by segmentation.
    pub tokens: Vec<Token>,
    /// The parse of each word, parallel to `tokens`; empty until the parse stage runs.
    pub syntax: Vec<WordSyntax>,
    /// Actor mentions sorted by their first word, added by the actor stage.
    pub actors: Vec<Actor>,
    /// Coded events, in sentence order, added by the event stage.
    pub events: Vec<Event>,
    /// Places named in the story, in text order, added by the place stage.
    pub places: Vec<Place>,
}

impl Document {
    /// A document with nothing added yet.
    pub fn new(story: Story) -> Document {
        Document {
            story,
            sentences: Vec::new(),
            tokens: Vec::new(),
            syntax: Vec::new(),
            actors: Vec::new(),
            events: Vec::new(),
            places: Vec::new(),
        }
    }

    /// The story text that `span` covers.
    pub fn text(&self, span: Span) -> &str {
        span.text(&self.story.text)
    }

    /// The words of one sentence.
    pub fn words(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.tokens.clone()]
    }

    /// True once the parse stage has run.
    pub fn is_parsed(&self) -> bool {
        !self.tokens.is_empty() && self.syntax.len() == self.tokens.len()
    }

    /// The index of the sentence that holds word `token`.
    pub fn sentence_of(&self, token: usize) -> Option<usize> {
        let at = self.sentences.partition_point(|s| s.tokens.end <= token);
        (at < self.sentences.len() && self.sentences[at].tokens.contains(&token)).then_some(at)
    }

    /// The actor mention that covers word `token`, if any (the event stage asks
    /// this for the head word of a subject or object).
    pub fn actor_at(&self, token: usize) -> Option<&Actor> {
        let at = self.actors.partition_point(|a| a.tokens.end <= token);
        self.actors
            .get(at)
            .filter(|actor| actor.tokens.contains(&token))
    }

    /// The words whose head is `token`, in text order; empty before parsing.
    pub fn dependents(&self, token: usize) -> Vec<usize> {
        let Some(sentence) = self.sentence_of(token).map(|s| &self.sentences[s]) else {
            return Vec::new();
        };
        sentence
            .tokens
            .clone()
            .filter(|&i| self.syntax.get(i).is_some_and(|w| w.head == Some(token)))
            .collect()
    }
}

/// Index ranges of `words` as written: a word together with the fused words after
/// it ("do" + "n't" is one written token, "don't").
pub fn written_tokens(words: &[Token]) -> Vec<Range<usize>> {
    let mut groups: Vec<Range<usize>> = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        match groups.last_mut() {
            Some(last) if word.fused => last.end = i + 1,
            _ => groups.push(i..i + 1),
        }
    }
    groups
}
