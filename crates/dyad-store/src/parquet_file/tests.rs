use super::*;
use crate::flat::tests::{bare_event, full_event};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

/// Events that vary every column: full and bare records, several dates, codes,
/// text with multi-byte characters.
fn events() -> Vec<Event> {
    let mut events = Vec::new();
    for i in 0..10 {
        let date = format!("2021-03-{:02}", i + 1);
        let mut event = if i % 3 == 2 {
            bare_event(&format!("s{i}"), i, &date)
        } else {
            full_event(&format!("s{i}"), i, &date)
        };
        event.goldstein = -10.0 + i as f64 * 1.5;
        event.text = format!("Çavuşoğlu said {i} things.");
        events.push(event);
    }
    events
}

fn expected(cell: &Cell<'_>) -> Field {
    match cell {
        Cell::Text(Some(text)) => Field::Str(text.to_string()),
        Cell::Int(Some(n)) => Field::Long(*n),
        Cell::Real(Some(x)) => Field::Double(*x),
        Cell::Bool(b) => Field::Bool(*b),
        Cell::Date(d) => Field::Date(flat::days_since_epoch(*d)),
        Cell::Text(None) | Cell::Int(None) | Cell::Real(None) => Field::Null,
    }
}

fn write(path: &Path, events: &[Event], row_group_rows: usize) {
    let mut writer = ParquetEventWriter::create(path)
        .unwrap()
        .row_group_rows(row_group_rows);
    for event in events {
        writer.write(event).unwrap();
    }
    writer.finish().unwrap();
}

#[test]
fn parquet_reads_back_with_the_same_rows_and_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.parquet");
    let events = events();
    // Four rows per group: three row groups, the last one short.
    write(&path, &events, 4);
    let reader = SerializedFileReader::new(File::open(&path).unwrap()).unwrap();
    assert_eq!(reader.metadata().num_row_groups(), 3);
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), events.len());
    for (row, event) in rows.iter().zip(&events) {
        let columns: Vec<(&String, &Field)> = row.get_column_iter().collect();
        assert_eq!(columns.len(), flat::COLUMNS.len());
        for ((name, field), (cell, spec)) in columns
            .iter()
            .zip(flat::cells(event).iter().zip(flat::COLUMNS))
        {
            assert_eq!(name.as_str(), spec.name);
            assert_eq!(
                **field,
                expected(cell),
                "{} of {}",
                spec.name,
                event.story_id
            );
        }
    }
}

#[test]
fn schema_types_are_flat_and_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.parquet");
    write(&path, &events(), 100);
    let reader = SerializedFileReader::new(File::open(&path).unwrap()).unwrap();
    let schema = reader.metadata().file_metadata().schema_descr();
    let describe = |name: &str| {
        let column = (0..schema.num_columns())
            .map(|i| schema.column(i))
            .find(|c| c.name() == name)
            .unwrap();
        format!(
            "{:?} {:?} {}",
            column.physical_type(),
            column.logical_type_ref(),
            column.max_def_level()
        )
    };
    assert_eq!(describe("date"), "INT32 Some(Date) 0");
    assert_eq!(describe("story_id"), "BYTE_ARRAY Some(String) 0");
    assert_eq!(describe("source_code"), "BYTE_ARRAY Some(String) 1");
    assert_eq!(describe("goldstein"), "DOUBLE None 0");
    assert_eq!(describe("location_lat"), "DOUBLE None 1");
    assert_eq!(describe("sentence"), "INT64 None 0");
    assert_eq!(describe("negated"), "BOOLEAN None 0");
}

#[test]
fn an_empty_run_gives_a_readable_file_with_no_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.parquet");
    write(&path, &[], 100);
    let reader = SerializedFileReader::new(File::open(&path).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
    assert_eq!(
        reader
            .metadata()
            .file_metadata()
            .schema_descr()
            .num_columns(),
        36
    );
}

#[test]
fn same_events_give_byte_identical_files() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.parquet"), dir.path().join("b.parquet"));
    write(&a, &events(), 4);
    write(&b, &events(), 4);
    assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap());
}
