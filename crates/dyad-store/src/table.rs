//! Small result tables (de-duplicated events, statistics) and the three ways to
//! print them: aligned text for the terminal, CSV, and JSON Lines.

use std::io::{self, Write};

/// How a table is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TableFormat {
    /// Aligned columns for reading on a terminal; absent values show as `-`.
    #[default]
    Table,
    /// Comma-separated with a header row; absent values are empty cells.
    Csv,
    /// One JSON object per line (JSON Lines, like `dyad code`); absent values are `null`.
    Json,
}

/// One value of a result table.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Absent.
    Null,
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A real number; the terminal table shows two decimals, CSV and JSON all digits.
    Real(f64),
    /// A JSON value (a list of mentions); CSV and the terminal show its JSON text.
    Json(serde_json::Value),
}

impl Value {
    /// Text, or [`Value::Null`] when absent.
    pub fn text(value: Option<String>) -> Value {
        value.map_or(Value::Null, Value::Text)
    }

    fn cell(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Text(text) => text.clone(),
            Value::Int(n) => n.to_string(),
            Value::Real(x) => x.to_string(),
            Value::Json(json) => json.to_string(),
        }
    }

    fn shown(&self) -> String {
        match self {
            Value::Null => "-".into(),
            Value::Real(x) => format!("{x:.2}"),
            other => other.cell(),
        }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Text(text) => text.clone().into(),
            Value::Int(n) => (*n).into(),
            Value::Real(x) => {
                serde_json::Number::from_f64(*x).map_or(serde_json::Value::Null, Into::into)
            }
            Value::Json(json) => json.clone(),
        }
    }

    fn is_number(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Real(_))
    }
}

/// Named columns and rows of values.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    /// Column names.
    pub columns: Vec<&'static str>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    /// Writes the table in `format`.
    pub fn write(&self, out: &mut dyn Write, format: TableFormat) -> io::Result<()> {
        match format {
            TableFormat::Table => self.write_aligned(out),
            TableFormat::Csv => self.write_csv(out),
            TableFormat::Json => self.write_json(out),
        }
    }

    fn write_aligned(&self, out: &mut dyn Write) -> io::Result<()> {
        let shown: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| row.iter().map(Value::shown).collect())
            .collect();
        let mut widths: Vec<usize> = self.columns.iter().map(|c| c.chars().count()).collect();
        for row in &shown {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        // A column is right-aligned when it holds numbers, so digits line up.
        let numeric: Vec<bool> = (0..self.columns.len())
            .map(|i| self.rows.first().is_some_and(|row| row[i].is_number()))
            .collect();
        let header: Vec<String> = self.columns.iter().map(|c| c.to_string()).collect();
        for row in std::iter::once(&header).chain(&shown) {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .zip(&numeric)
                .map(|((cell, &width), &right)| pad(cell, width, right))
                .collect();
            writeln!(out, "{}", cells.join("  ").trim_end())?;
        }
        Ok(())
    }

    fn write_csv(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record(&self.columns).map_err(io::Error::other)?;
        for row in &self.rows {
            csv.write_record(row.iter().map(Value::cell))
                .map_err(io::Error::other)?;
        }
        csv.flush()
    }

    fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        for row in &self.rows {
            let object: serde_json::Map<String, serde_json::Value> = self
                .columns
                .iter()
                .zip(row)
                .map(|(name, value)| (name.to_string(), value.json()))
                .collect();
            serde_json::to_writer(&mut *out, &object)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

fn pad(cell: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width - cell.chars().count());
    if right {
        format!("{fill}{cell}")
    } else {
        format!("{cell}{fill}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        Table {
            columns: vec!["dyad", "events", "mean_goldstein"],
            rows: vec![
                vec![
                    Value::Text("USA→TUR".into()),
                    Value::Int(12),
                    Value::Real(-2.5),
                ],
                vec![Value::Null, Value::Int(3), Value::Real(1.0 / 3.0)],
            ],
        }
    }

    fn written(format: TableFormat) -> String {
        let mut out = Vec::new();
        sample().write(&mut out, format).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn terminal_table_aligns_and_right_aligns_numbers() {
        assert_eq!(
            written(TableFormat::Table),
            "dyad     events  mean_goldstein\nUSA→TUR      12           -2.50\n-             3            0.33\n"
        );
    }

    #[test]
    fn csv_leaves_absent_values_empty() {
        assert_eq!(
            written(TableFormat::Csv),
            "dyad,events,mean_goldstein\nUSA→TUR,12,-2.5\n,3,0.3333333333333333\n"
        );
    }

    #[test]
    fn json_lines_keep_types_and_nulls() {
        let text = written(TableFormat::Json);
        let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(first["events"], 12);
        assert_eq!(first["mean_goldstein"], -2.5);
        assert!(text.lines().nth(1).unwrap().contains(r#""dyad":null"#));
    }
}
