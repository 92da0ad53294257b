//! The readers through their public entry, `read_stories`, on files in temp dirs.

use dyad_doc::{Date, Story};
use dyad_io::read::{
    read_stories, Input, InputFormat, JsonFields, ReadOptions, RecordError, RejectReason,
};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn write(dir: &TempDir, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn read(paths: &[&Path], options: ReadOptions) -> Vec<Result<Story, RecordError>> {
    let inputs = paths
        .iter()
        .map(|path| Input::Path(path.to_path_buf()))
        .collect();
    read_stories(inputs, options).collect()
}

/// Each result as its story id, or as `location: reason` with the temp dir left
/// out of the location, so that whole runs compare at a glance.
fn outline(dir: &TempDir, results: &[Result<Story, RecordError>]) -> Vec<String> {
    let prefix = format!("{}/", dir.path().display());
    results
        .iter()
        .map(|result| match result {
            Ok(story) => story.id.clone(),
            Err(error) => {
                let location = error
                    .location
                    .strip_prefix(&prefix)
                    .unwrap_or(&error.location);
                format!("{location}: {}", error.reason)
            }
        })
        .collect()
}

fn story(result: &Result<Story, RecordError>) -> &Story {
    result.as_ref().expect("a story, not an error")
}

fn with_date() -> ReadOptions {
    ReadOptions {
        default_date: Some(date("2021-03-23")),
        ..ReadOptions::default()
    }
}

#[test]
fn plain_text_takes_a_title_only_before_a_blank_line() {
    let dir = TempDir::new().unwrap();
    let titled = write(
        &dir,
        "talks.txt",
        "Talks resume in Geneva\n\nThe envoys met on Monday.\nThey will meet again.\n\n",
    );
    let untitled = write(
        &dir,
        "storm.txt",
        "A storm hit the coast.\nNo one was hurt.\n",
    );
    let results = read(&[&titled, &untitled], with_date());

    let talks = story(&results[0]);
    assert_eq!(talks.id, "talks");
    assert_eq!(talks.title.as_deref(), Some("Talks resume in Geneva"));
    assert_eq!(
        talks.text,
        "The envoys met on Monday.\nThey will meet again."
    );
    assert_eq!(talks.date, date("2021-03-23"));
    assert_eq!(talks.source, None);

    let storm = story(&results[1]);
    assert_eq!(storm.title, None);
    assert_eq!(storm.text, "A storm hit the coast.\nNo one was hurt.");
}

#[test]
fn json_lines_read_renamed_fields_numeric_ids_and_all_date_layouts() {
    let dir = TempDir::new().unwrap();
    let lines = [
        r#"{"doc": 17, "body": "The minister resigned.", "published": "2021-03-23T23:30:00-05:00", "headline": "Resignation", "outlet": "AP"}"#,
        r#"{"doc": "x-2", "body": "Troops withdrew.", "published": "20210324"}"#,
        r#"{"body": "Talks began.", "published": "2021-03-25", "extra": [1, 2]}"#,
        r#"{"body": "Rain fell.", "published": null}"#,
    ];
    let path = write(&dir, "news.jsonl", lines.join("\n"));
    let options = ReadOptions {
        fields: JsonFields {
            id: "doc".into(),
            text: "body".into(),
            date: "published".into(),
            title: "headline".into(),
            source: "outlet".into(),
        },
        default_date: Some(date("2000-01-01")),
        ..ReadOptions::default()
    };
    let results = read(&[&path], options);
    assert_eq!(
        outline(&dir, &results),
        [
            "17",
            "x-2",
            format!("{}:3", path.display()).as_str(),
            &format!("{}:4", path.display())
        ]
    );
    let first = story(&results[0]);
    assert_eq!(first.date, date("2021-03-23"));
    assert_eq!(first.title.as_deref(), Some("Resignation"));
    assert_eq!(first.source.as_deref(), Some("AP"));
    assert_eq!(first.text, "The minister resigned.");
    assert_eq!(story(&results[1]).date, date("2021-03-24"));
    assert_eq!(story(&results[3]).date, date("2000-01-01"));
}

const PETRARCH: &str = r#"<?xml version="1.0"?>
<!-- A sample in PETRARCH's layout. A comment may hold <Sentence id="no"> or </Sentence>. -->
<Environment>
    <Verbfile>verbs.txt</Verbfile>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Sentence date = "20080804" id ="EX-1" source = "AFP" sentence = "True">
<!-- Parse trees below are not read -->
<EventCoding sourcecode="USA" targetcode="CHN" eventcode="042"></EventCoding>
<Text>
The envoy of Smith &amp; Sons met the &quot;delegates&quot; &lt;today&gt;,
then left.
</Text>
<Parse>
(ROOT (S (NP (NNP Envoy)) (VP (VBD met))))
</Parse>
</Sentence>

<Sentence date="2008-08-05" id="EX&amp;2" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Leaders met.</Text>
</Sentence>
</Sentences>
"#;

#[test]
fn petrarch_xml_reads_text_and_attributes_and_skips_the_rest() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "sample.xml", PETRARCH);
    let results = read(&[&path], ReadOptions::default());
    assert_eq!(outline(&dir, &results), ["EX-1", "EX&2"]);
    let first = story(&results[0]);
    assert_eq!(
        first.text,
        "The envoy of Smith & Sons met the \"delegates\" <today>,\nthen left."
    );
    assert_eq!(first.date, date("2008-08-04"));
    assert_eq!(first.source.as_deref(), Some("AFP"));
    assert_eq!(first.title, None);
    assert_eq!(story(&results[1]).source, None);
}

#[test]
fn every_bad_json_line_is_reported_where_it_starts_and_the_rest_still_read() {
    let dir = TempDir::new().unwrap();
    let mut bytes = Vec::new();
    for line in [
        r#"{"id": "a", "date": "2021-01-01", "text": "First."}"#,
        r#"{"id": "b", "date": "2021-13-01", "text": "Bad date."}"#,
        r#"{"id": "c", "text": "No date."}"#,
        r#"{"id": "d", "date": "2021-01-01", "text": "  "}"#,
        r#"{"id": "e", "date": "2021-01-01", "text": "Cut"#,
        r#"["an", "array"]"#,
    ] {
        bytes.extend_from_slice(line.as_bytes());
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(b"{\"id\": \"g\", \"text\": \"\xff\xfe\"}\n\n");
    bytes.extend_from_slice(format!("{{\"text\": \"{}\"}}\n", "x".repeat(2000)).as_bytes());
    bytes.extend_from_slice(br#"{"id": "j", "date": "2021-01-02", "text": "Last."}"#);
    let path = write(&dir, "bad.jsonl", bytes);
    let options = ReadOptions {
        max_story_bytes: 1024,
        ..ReadOptions::default()
    };
    let results = read(&[&path], options);
    assert_eq!(
        outline(&dir, &results),
        [
            "a",
            "bad.jsonl:2: bad date",
            "bad.jsonl:3: missing date",
            "bad.jsonl:4: missing text",
            "bad.jsonl:5: malformed JSON",
            "bad.jsonl:6: malformed JSON",
            "bad.jsonl:7: invalid UTF-8",
            "bad.jsonl:9: too large",
            "j",
        ]
    );
    let bad_date = results[1].as_ref().unwrap_err();
    assert!(bad_date.to_string().starts_with(&format!(
        "{}:2: bad date: invalid date \"2021-13-01\"",
        path.display()
    )));
    let missing_date = results[2].as_ref().unwrap_err();
    assert_eq!(
        missing_date.detail,
        "no `date` field; add one or give --date"
    );
}

#[test]
fn every_bad_xml_record_is_reported_where_it_starts_and_the_rest_still_read() {
    let dir = TempDir::new().unwrap();
    let mut bytes = Vec::new();
    for record in [
        r#"<Sentence id="a" date="20200101"><Text>First.</Text></Sentence>"#,
        r#"<Sentence id="b" date="20201301"><Text>Bad date.</Text></Sentence>"#,
        r#"<Sentence id="c"><Text>No date.</Text></Sentence>"#,
        r#"<Sentence id="d" date="20200101"><Text> </Text></Sentence>"#,
        r#"<Sentence id="e" date="20200101"><Text>Crossed.</Parse></Sentence>"#,
    ] {
        bytes.extend_from_slice(record.as_bytes());
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(
        b"<Sentence id=\"f\" date=\"20200101\">\n<Text>\xff</Text></Sentence>\n",
    );
    let long = "word ".repeat(400);
    bytes.extend_from_slice(
        format!("<Sentence id=\"h\" date=\"20200101\"><Text>{long}</Text></Sentence>\n").as_bytes(),
    );
    bytes.extend_from_slice(br#"<Sentence date="20200102"><Text>No id.</Text></Sentence>"#);
    bytes.extend_from_slice(b"\n<Sentence id=\"j\" date=\"20200101\"><Text>Unclosed.</Text>\n");
    let path = write(&dir, "bad.xml", bytes);
    let options = ReadOptions {
        max_story_bytes: 1024,
        ..ReadOptions::default()
    };
    let results = read(&[&path], options);
    assert_eq!(
        outline(&dir, &results),
        [
            "a",
            "bad.xml:2: bad date",
            "bad.xml:3: missing date",
            "bad.xml:4: missing text",
            "bad.xml:5: malformed XML",
            "bad.xml:6: invalid UTF-8",
            "bad.xml:8: too large",
            &format!("{}:9", path.display()),
            "bad.xml:10: malformed XML",
        ]
    );
}

#[test]
fn bad_plain_text_files_are_reported_at_line_one() {
    let dir = TempDir::new().unwrap();
    let empty = write(&dir, "empty.txt", " \n\n\t");
    let binary = write(&dir, "binary.txt", b"Fine so far.\n\xc3\x28");
    let large = write(&dir, "large.txt", "x".repeat(2000));
    let good = write(&dir, "good.txt", "Fine.");
    let options = ReadOptions {
        max_story_bytes: 1024,
        ..with_date()
    };
    let results = read(&[&empty, &binary, &large, &good], options);
    assert_eq!(
        outline(&dir, &results),
        [
            "empty.txt:1: missing text",
            "binary.txt:1: invalid UTF-8",
            "large.txt:1: too large",
            "good",
        ]
    );
    assert_eq!(
        results[1].as_ref().unwrap_err().detail,
        "at line 2, byte offset 13"
    );
}

#[test]
fn plain_text_without_a_date_says_how_to_give_one() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "story.txt", "Words.");
    let error = read(&[&path], ReadOptions::default())
        .remove(0)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "{}:1: missing date: plain text has no date; give one with --date YYYY-MM-DD",
            path.display()
        )
    );
}

#[test]
fn a_missing_input_is_unreadable_and_the_next_input_is_still_read() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("missing.jsonl");
    let good = write(&dir, "good.txt", "Fine.");
    let results = read(&[&missing, &good], with_date());
    assert_eq!(
        outline(&dir, &results),
        ["missing.jsonl: unreadable", "good"]
    );
}

#[test]
fn nothing_is_read_until_the_stories_are_iterated() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("later.txt");
    let mut stories = read_stories(vec![Input::Path(path.clone())], with_date());
    std::fs::write(&path, "Written after the call.").unwrap();
    assert_eq!(
        stories.next().unwrap().unwrap().text,
        "Written after the call."
    );
    assert!(stories.next().is_none());
}

#[test]
fn a_directory_yields_its_story_files_in_name_byte_order() {
    let dir = TempDir::new().unwrap();
    let line = |id: &str| format!("{{\"id\": \"{id}\", \"text\": \"t\"}}\n");
    write(&dir, "b.jsonl", line("b.jsonl"));
    write(&dir, "B.txt", "t");
    write(&dir, "9.txt", "t");
    write(&dir, "10.txt.gz", gzip(b"t"));
    write(&dir, "a.ndjson", line("a.ndjson"));
    write(
        &dir,
        "c.xml",
        r#"<Sentence id="c.xml"><Text>t</Text></Sentence>"#,
    );
    write(&dir, "notes.md", "not a story");
    write(&dir, "archive.gz", gzip(b"not a story"));
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    write(&dir, "sub/inner.txt", "not read");
    std::fs::create_dir(dir.path().join("d.txt")).unwrap();

    let results = read(&[dir.path(), dir.path()], with_date());
    let once = ["10", "9", "B", "a.ndjson", "b.jsonl", "c.xml"];
    assert_eq!(outline(&dir, &results), [once, once].concat());
}

#[test]
fn gzip_is_found_by_its_magic_bytes_whatever_the_name() {
    let dir = TempDir::new().unwrap();
    let json = b"{\"id\": \"a\", \"text\": \"Zipped.\"}\n{\"id\": \"b\", \"text\": \"Also.\"}\n";
    let named = write(&dir, "named.jsonl.gz", gzip(json));
    let unnamed = write(&dir, "unnamed.jsonl", gzip(json));
    let text = write(&dir, "plain.txt.gz", gzip(b"Headline\n\nBody."));
    let mut members = gzip(b"{\"id\": \"m1\", \"text\": \"One.\"}\n");
    members.extend(gzip(b"{\"id\": \"m2\", \"text\": \"Two.\"}\n"));
    let multi = write(&dir, "multi.jsonl.gz", members);
    let results = read(&[&named, &unnamed, &text, &multi], with_date());
    assert_eq!(
        outline(&dir, &results),
        ["a", "b", "a", "b", "plain", "m1", "m2"]
    );
    assert_eq!(story(&results[4]).title.as_deref(), Some("Headline"));
}

#[test]
fn a_truncated_gzip_yields_the_records_before_the_cut_then_one_error() {
    let dir = TempDir::new().unwrap();
    let mut json = String::new();
    for n in 1..=2000 {
        json += &format!(
            "{{\"id\": \"{n}\", \"text\": \"Story number {n} of many, {}.\"}}\n",
            n * 7919 % 1000
        );
    }
    let compressed = gzip(json.as_bytes());
    let cut = write(&dir, "cut.jsonl.gz", &compressed[..compressed.len() / 2]);
    let next = write(&dir, "next.txt", "Still read.");
    let results = read(&[&cut, &next], with_date());

    let (stories, rest) = results.split_at(results.iter().position(Result::is_err).unwrap());
    assert!(
        stories.len() > 100,
        "only {} stories before the cut",
        stories.len()
    );
    for (n, result) in stories.iter().enumerate() {
        assert_eq!(story(result).id, (n + 1).to_string());
    }
    let error = rest[0].as_ref().unwrap_err();
    assert_eq!(error.reason, RejectReason::Truncated);
    assert_eq!(
        error.location,
        format!("{}:{}", cut.display(), stories.len() + 1)
    );
    assert_eq!(outline(&dir, &rest[1..]), ["next"]);
}

#[test]
fn a_gzip_cut_inside_its_header_is_truncated_at_line_one() {
    let dir = TempDir::new().unwrap();
    let cut = write(&dir, "cut.xml", &gzip(b"<Sentences/>")[..5]);
    assert_eq!(
        outline(&dir, &read(&[&cut], ReadOptions::default())),
        ["cut.xml:1: truncated input"]
    );
}

#[test]
fn a_line_far_over_the_limit_is_skipped_and_the_next_line_read() {
    let dir = TempDir::new().unwrap();
    let huge = format!(
        "{{\"id\": \"huge\", \"text\": \"{}\"}}\n",
        "a".repeat(1 << 20)
    );
    let path = write(
        &dir,
        "huge.jsonl",
        format!("{huge}{{\"id\": \"next\", \"text\": \"Small.\"}}\n"),
    );
    let options = ReadOptions {
        max_story_bytes: 1024,
        ..with_date()
    };
    let results = read(&[&path], options);
    assert_eq!(outline(&dir, &results), ["huge.jsonl:1: too large", "next"]);
}

#[test]
fn an_explicit_format_overrides_the_extension() {
    let dir = TempDir::new().unwrap();
    let path = write(
        &dir,
        "records.txt",
        "{\"id\": \"r\", \"text\": \"Json.\"}\n",
    );
    let options = ReadOptions {
        format: InputFormat::Jsonl,
        ..with_date()
    };
    assert_eq!(outline(&dir, &read(&[&path], options)), ["r"]);
}

#[test]
fn stories_can_be_read_on_another_thread() {
    fn assert_send<T: Send>(_: &T) {}
    let stories = read_stories(Vec::new(), ReadOptions::default());
    assert_send(&stories);
    assert_eq!(
        std::thread::spawn(move || stories.count()).join().unwrap(),
        0
    );
}
