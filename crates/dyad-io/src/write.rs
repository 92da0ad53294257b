//! Writers: events as JSON Lines, CSV or TSV; segmented documents as JSON Lines or
//! CoNLL-U.

use dyad_doc::{written_tokens, Document, Event, Sentence, Span};
use serde::Serialize;
use std::io::{self, Write};

/// How events are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EventFormat {
    /// One JSON object per line, the record of [`dyad_doc::event`].
    #[default]
    Jsonl,
    /// Comma-separated, one header row, columns of [`Event::flat_header`].
    Csv,
    /// Tab-separated, same columns as CSV.
    Tsv,
}

/// Writes events in one format; CSV and TSV start with a header row.
pub struct EventWriter<W: Write> {
    output: EventOutput<W>,
}

enum EventOutput<W: Write> {
    Jsonl(W),
    Delimited(Box<csv::Writer<W>>),
}

impl<W: Write> EventWriter<W> {
    /// A writer to `out`; for CSV and TSV the header is written at once, so an
    /// empty result is still a valid table.
    pub fn new(out: W, format: EventFormat) -> io::Result<Self> {
        let output = match format {
            EventFormat::Jsonl => EventOutput::Jsonl(out),
            EventFormat::Csv | EventFormat::Tsv => {
                let delimiter = if format == EventFormat::Csv {
                    b','
                } else {
                    b'\t'
                };
                let mut table = csv::WriterBuilder::new()
                    .delimiter(delimiter)
                    .from_writer(out);
                table
                    .write_record(Event::flat_header())
                    .map_err(io::Error::other)?;
                EventOutput::Delimited(Box::new(table))
            }
        };
        Ok(EventWriter { output })
    }

    /// Writes one event.
    pub fn write(&mut self, event: &Event) -> io::Result<()> {
        match &mut self.output {
            EventOutput::Jsonl(out) => write_json_line(out, event),
            EventOutput::Delimited(table) => table
                .write_record(event.flat_row())
                .map_err(io::Error::other),
        }
    }

    /// Flushes everything written so far.
    pub fn flush(&mut self) -> io::Result<()> {
        match &mut self.output {
            EventOutput::Jsonl(out) => out.flush(),
            EventOutput::Delimited(table) => table.flush(),
        }
    }
}

fn write_json_line<W: Write, T: Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// How `dyad split` writes segmented documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SplitFormat {
    /// One JSON object per sentence, with its tokens.
    #[default]
    Jsonl,
    /// CoNLL-U, the format the parser reads and writes.
    Conllu,
}

#[derive(Serialize)]
struct SentenceRecord<'a> {
    story_id: &'a str,
    sentence: usize,
    span: Span,
    text: &'a str,
    tokens: Vec<TokenRecord<'a>>,
}

#[derive(Serialize)]
struct TokenRecord<'a> {
    text: &'a str,
    norm: &'a str,
    span: Span,
    fused: bool,
}

/// Writes the sentences of `doc` in `format`.
pub fn write_segmented<W: Write>(
    out: &mut W,
    doc: &Document,
    format: SplitFormat,
) -> io::Result<()> {
    for (index, sentence) in doc.sentences.iter().enumerate() {
        match format {
            SplitFormat::Jsonl => write_json_line(out, &sentence_record(doc, index, sentence))?,
            SplitFormat::Conllu => write_conllu_sentence(out, doc, index, sentence)?,
        }
    }
    Ok(())
}

fn sentence_record<'a>(doc: &'a Document, index: usize, sentence: &Sentence) -> SentenceRecord<'a> {
    SentenceRecord {
        story_id: &doc.story.id,
        sentence: index,
        span: sentence.span,
        text: doc.text(sentence.span),
        tokens: doc
            .words(sentence)
            .iter()
            .map(|t| TokenRecord {
                text: doc.text(t.span),
                norm: &t.norm,
                span: t.span,
                fused: t.fused,
            })
            .collect(),
    }
}

/// One sentence as CoNLL-U. Columns the pipeline has not filled are `_`; MISC
/// carries `SpaceAfter=No` and the token's byte range in the story
/// (`TokenRange=start:end`, as UDPipe writes it).
fn write_conllu_sentence<W: Write>(
    out: &mut W,
    doc: &Document,
    index: usize,
    sentence: &Sentence,
) -> io::Result<()> {
    if index == 0 {
        writeln!(out, "# newdoc id = {}", doc.story.id)?;
    }
    writeln!(out, "# sent_id = {}-{}", doc.story.id, index + 1)?;
    writeln!(out, "# text = {}", one_line(doc.text(sentence.span)))?;
    let words = doc.words(sentence);
    let text = &doc.story.text;
    let mut id = 1;
    for group in written_tokens(words) {
        let span = words[group.start].span.cover(words[group.end - 1].span);
        let misc = token_misc(text, span);
        if group.len() > 1 {
            writeln!(
                out,
                "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{misc}",
                id,
                id + group.len() - 1,
                doc.text(span)
            )?;
        }
        for (offset, word) in words[group.clone()].iter().enumerate() {
            let misc = if group.len() > 1 { "_" } else { misc.as_str() };
            write!(out, "{id}\t{}\t", doc.text(word.span))?;
            write_syntax_columns(
                out,
                doc,
                sentence,
                sentence.tokens.start + group.start + offset,
            )?;
            writeln!(out, "\t{misc}")?;
            id += 1;
        }
    }
    writeln!(out)
}

/// LEMMA to DEPS for word `token` of the document: `_` until the parse stage has
/// run; heads are numbered within the sentence, 0 for the root.
fn write_syntax_columns<W: Write>(
    out: &mut W,
    doc: &Document,
    sentence: &Sentence,
    token: usize,
) -> io::Result<()> {
    let Some(word) = doc.syntax.get(token).filter(|_| doc.is_parsed()) else {
        return out.write_all(b"_\t_\t_\t_\t_\t_\t_");
    };
    let head = word
        .head
        .map_or(0, |h| h.saturating_sub(sentence.tokens.start) + 1);
    let feats = if word.feats.is_empty() {
        "_"
    } else {
        word.feats.as_str()
    };
    write!(
        out,
        "{}\t{}\t{}\t{feats}\t{head}\t{}\t_",
        word.lemma, word.upos, word.xpos, word.deprel
    )
}

fn token_misc(text: &str, span: Span) -> String {
    let space_after = text[span.end..]
        .chars()
        .next()
        .is_none_or(char::is_whitespace);
    let range = format!("TokenRange={}:{}", span.start, span.end);
    if space_after {
        range
    } else {
        format!("SpaceAfter=No|{range}")
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_doc::{ActorCode, CameoCode, Date, Story, Token};

    fn event() -> Event {
        Event {
            story_id: "s, \"1\"".into(),
            sentence: 2,
            date: Date::parse("2021-03-23").unwrap(),
            source: Some(dyad_doc::ActorMention {
                code: ActorCode::new("TURGOV").unwrap(),
                country: Some("TUR".into()),
                sectors: vec!["GOV".into()],
                text: "Cavusoglu".into(),
                span: Span::new(0, 9),
            }),
            target: None,
            cameo: CameoCode::new("040").unwrap(),
            quad_class: 1,
            goldstein: 1.0,
            plover: None,
            issues: vec![],
            location: None,
            verb: None,
            rule: "meet/01".into(),
            negated: false,
            text: "Cavusoglu met\tBlinken.".into(),
        }
    }

    fn written(format: EventFormat, events: &[Event]) -> String {
        let mut out = Vec::new();
        let mut writer = EventWriter::new(&mut out, format).unwrap();
        for e in events {
            writer.write(e).unwrap();
        }
        writer.flush().unwrap();
        drop(writer);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn jsonl_is_one_record_per_line() {
        let text = written(EventFormat::Jsonl, &[event(), event()]);
        assert_eq!(text.lines().count(), 2);
        let back: Event = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(back, event());
    }

    #[test]
    fn csv_quotes_and_keeps_columns() {
        let text = written(EventFormat::Csv, &[event()]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header = reader.headers().unwrap().clone();
        assert_eq!(header.len(), Event::flat_header().len());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[0], "s, \"1\"");
        assert_eq!(
            &row[header.iter().position(|h| h == "target_code").unwrap()],
            ""
        );
    }

    #[test]
    fn tsv_keeps_tabs_inside_a_cell() {
        let text = written(EventFormat::Tsv, &[event()]);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .from_reader(text.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(row.iter().next_back().unwrap(), "Cavusoglu met\tBlinken.");
    }

    #[test]
    fn empty_tables_still_have_a_header() {
        assert_eq!(written(EventFormat::Csv, &[]).lines().count(), 1);
        assert_eq!(written(EventFormat::Jsonl, &[]), "");
    }

    fn document() -> Document {
        let text = "They don't agree.";
        let spans = [
            (0, 4, false),
            (5, 7, false),
            (7, 10, true),
            (11, 16, false),
            (16, 17, false),
        ];
        let mut doc = Document::new(Story {
            id: "d1".into(),
            date: Date::parse("2021-03-23").unwrap(),
            source: None,
            title: None,
            text: text.into(),
        });
        doc.tokens = spans
            .iter()
            .map(|&(s, e, fused)| Token {
                span: Span::new(s, e),
                norm: text[s..e].to_lowercase(),
                fused,
            })
            .collect();
        doc.sentences = vec![Sentence {
            span: Span::new(0, 17),
            tokens: 0..5,
        }];
        doc
    }

    #[test]
    fn conllu_has_multiword_tokens_and_offsets() {
        let mut out = Vec::new();
        write_segmented(&mut out, &document(), SplitFormat::Conllu).unwrap();
        let text = String::from_utf8(out).unwrap();
        let expected = "# newdoc id = d1\n# sent_id = d1-1\n# text = They don't agree.\n\
1\tThey\t_\t_\t_\t_\t_\t_\t_\tTokenRange=0:4\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tTokenRange=5:10\n\
2\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n\
3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
4\tagree\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No|TokenRange=11:16\n\
5\t.\t_\t_\t_\t_\t_\t_\t_\tTokenRange=16:17\n\n";
        assert_eq!(text, expected);
        let parsed: Vec<_> = crate::conllu::ConlluReader::new(text.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(parsed[0].tokens(), ["They", "don't", "agree", "."]);
    }

    #[test]
    fn split_jsonl_has_a_line_per_sentence() {
        let mut out = Vec::new();
        write_segmented(&mut out, &document(), SplitFormat::Jsonl).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["tokens"][2]["text"], "n't");
        assert_eq!(value["tokens"][2]["fused"], true);
        assert_eq!(value["span"], serde_json::json!([0, 17]));
    }
}
