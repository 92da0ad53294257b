//! Events as a Parquet file: one flat, typed column per field of the flat record
//! ([`dyad_doc::Event::flat_header`]), which pandas, R and Arrow read as an
//! ordinary table without unnesting.
//!
//! Types: text as UTF-8 `BYTE_ARRAY (STRING)`, whole numbers as `INT64`, scores and
//! coordinates as `DOUBLE`, `negated` as `BOOLEAN`, `date` as `INT32 (DATE)`. Parts
//! of the record that may be absent (actors, place, verb, PLOVER) are `OPTIONAL`
//! columns, null when absent; lists are joined with `;` as in CSV. Pages are
//! Snappy-compressed (pure Rust), and codes are dictionary-encoded.

use crate::flat::{self, Cell, Kind};
use crate::StoreError;
use dyad_doc::Event;
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::parser::parse_message_type;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rows per row group: large enough for good compression and fast scans, small
/// enough that the buffered columns stay at tens of megabytes.
const ROW_GROUP_ROWS: usize = 100_000;

/// The Parquet schema of event files, as a Parquet message type.
pub fn parquet_schema() -> String {
    let mut schema = String::from("message dyad_event {\n");
    for column in flat::COLUMNS {
        let repetition = if column.optional {
            "optional"
        } else {
            "required"
        };
        let physical = match column.kind {
            Kind::Text => "binary",
            Kind::Int => "int64",
            Kind::Real => "double",
            Kind::Bool => "boolean",
            Kind::Date => "int32",
        };
        let logical = match column.kind {
            Kind::Text => " (STRING)",
            Kind::Date => " (DATE)",
            _ => "",
        };
        schema.push_str(&format!(
            "  {repetition} {physical} {}{logical};\n",
            column.name
        ));
    }
    schema.push('}');
    schema
}

/// Values of one column waiting for the next row group, with definition levels
/// (1 present, 0 absent) for optional columns.
#[derive(Default)]
struct ColumnBuffer {
    text: Vec<ByteArray>,
    int: Vec<i64>,
    real: Vec<f64>,
    boolean: Vec<bool>,
    date: Vec<i32>,
    levels: Vec<i16>,
}

impl ColumnBuffer {
    fn push(&mut self, cell: Cell<'_>) {
        let present = match cell {
            Cell::Text(value) => value
                .map(|t| self.text.push(ByteArray::from(t.as_bytes().to_vec())))
                .is_some(),
            Cell::Int(value) => value.map(|n| self.int.push(n)).is_some(),
            Cell::Real(value) => value.map(|x| self.real.push(x)).is_some(),
            Cell::Bool(b) => {
                self.boolean.push(b);
                true
            }
            Cell::Date(d) => {
                self.date.push(flat::days_since_epoch(d));
                true
            }
        };
        self.levels.push(i16::from(present));
    }

    /// Writes the buffered values as one column chunk and empties the buffer.
    fn write_to(
        &mut self,
        column: &mut SerializedColumnWriter<'_>,
        kind: Kind,
        optional: bool,
    ) -> Result<(), ParquetError> {
        let levels = optional.then_some(self.levels.as_slice());
        match kind {
            Kind::Text => column
                .typed::<ByteArrayType>()
                .write_batch(&self.text, levels, None),
            Kind::Int => column
                .typed::<Int64Type>()
                .write_batch(&self.int, levels, None),
            Kind::Real => column
                .typed::<DoubleType>()
                .write_batch(&self.real, levels, None),
            Kind::Bool => column
                .typed::<BoolType>()
                .write_batch(&self.boolean, levels, None),
            Kind::Date => column
                .typed::<Int32Type>()
                .write_batch(&self.date, levels, None),
        }?;
        *self = ColumnBuffer::default();
        Ok(())
    }
}

/// Writes events to a Parquet file, the columnar counterpart of
/// `dyad_io::write::EventWriter`: [`write`](Self::write) each event, then
/// [`finish`](Self::finish) to write the footer (a file without it is unreadable).
pub struct ParquetEventWriter<W: Write + Send> {
    writer: Option<SerializedFileWriter<W>>,
    columns: Vec<ColumnBuffer>,
    rows: usize,
    row_group_rows: usize,
    path: PathBuf,
}

impl ParquetEventWriter<BufWriter<File>> {
    /// Creates (or truncates) the file at `path`.
    pub fn create(path: &Path) -> Result<Self, StoreError> {
        let file = File::create(path).map_err(|source| StoreError::Io {
            path: path.to_owned(),
            source,
        })?;
        ParquetEventWriter::new(BufWriter::new(file), path)
    }
}

impl<W: Write + Send> ParquetEventWriter<W> {
    /// A writer to `out`; `path` names it in errors.
    pub fn new(out: W, path: &Path) -> Result<Self, StoreError> {
        let error = |source| StoreError::Parquet {
            path: path.to_owned(),
            source,
        };
        let schema = Arc::new(parse_message_type(&parquet_schema()).map_err(error)?);
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let writer = SerializedFileWriter::new(out, schema, Arc::new(properties)).map_err(error)?;
        Ok(ParquetEventWriter {
            writer: Some(writer),
            columns: (0..flat::COLUMNS.len())
                .map(|_| ColumnBuffer::default())
                .collect(),
            rows: 0,
            row_group_rows: ROW_GROUP_ROWS,
            path: path.to_owned(),
        })
    }

    /// Sets the rows per row group (default 100,000).
    pub fn row_group_rows(mut self, rows: usize) -> Self {
        self.row_group_rows = rows.max(1);
        self
    }

    /// Adds one event; a full row group is written out.
    pub fn write(&mut self, event: &Event) -> Result<(), StoreError> {
        for (buffer, cell) in self.columns.iter_mut().zip(flat::cells(event)) {
            buffer.push(cell);
        }
        self.rows += 1;
        if self.rows >= self.row_group_rows {
            self.write_row_group()?;
        }
        Ok(())
    }

    /// Writes what is buffered and the file footer. Later writes are errors.
    pub fn finish(&mut self) -> Result<(), StoreError> {
        // An empty file still gets one (empty) row group-free footer: a valid table.
        if self.rows > 0 {
            self.write_row_group()?;
        }
        let mut writer = self.writer.take().ok_or_else(|| self.finished())?;
        writer.finish().map_err(|e| self.error(e))?;
        writer.inner_mut().flush().map_err(|source| StoreError::Io {
            path: self.path.clone(),
            source,
        })
    }

    fn write_row_group(&mut self) -> Result<(), StoreError> {
        let writer = self.writer.as_mut().ok_or_else(|| StoreError::Parquet {
            path: self.path.clone(),
            source: ParquetError::General("write after finish".into()),
        })?;
        let written = write_row_group(writer, &mut self.columns);
        self.rows = 0;
        written.map_err(|e| self.error(e))
    }

    fn finished(&self) -> StoreError {
        self.error(ParquetError::General("the file is already finished".into()))
    }

    fn error(&self, source: ParquetError) -> StoreError {
        StoreError::Parquet {
            path: self.path.clone(),
            source,
        }
    }
}

fn write_row_group<W: Write + Send>(
    writer: &mut SerializedFileWriter<W>,
    columns: &mut [ColumnBuffer],
) -> Result<(), ParquetError> {
    let mut row_group = writer.next_row_group()?;
    for (buffer, spec) in columns.iter_mut().zip(flat::COLUMNS) {
        let mut column = row_group
            .next_column()?
            .ok_or_else(|| ParquetError::General(format!("schema lacks column {}", spec.name)))?;
        buffer.write_to(&mut column, spec.kind, spec.optional)?;
        column.close()?;
    }
    row_group.close()?;
    Ok(())
}

#[cfg(test)]
mod tests;
