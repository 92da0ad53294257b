//! The CAMEO code table: name, Goldstein value, QuadClass and PLOVER mapping of
//! every code, from `data/events/cameo.tsv` (made by `tools/gen_cameo.py`).

use crate::error::{DictError, Location};
use dyad_doc::{CameoCode, Plover};
use std::collections::HashMap;

/// What a CAMEO code means.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoInfo {
    /// The code's name ("Express intent to meet or negotiate").
    pub name: String,
    /// Goldstein conflict–cooperation value, −10 to +10.
    pub goldstein: f64,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// The PLOVER type, mode and contexts, when the table has them.
    pub plover: Option<Plover>,
}

/// Every CAMEO code.
#[derive(Debug, Clone, Default)]
pub struct CameoTable {
    codes: HashMap<String, CameoInfo>,
}

impl CameoTable {
    /// Reads the tab-separated table; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<CameoTable, Vec<DictError>> {
        let mut codes = HashMap::new();
        let mut errors = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() || line.starts_with("code\t") {
                continue;
            }
            match parse_row(line) {
                Ok((code, info)) => {
                    codes.insert(code, info);
                }
                Err(reason) => errors.push(DictError {
                    location: Location {
                        file: file.to_owned(),
                        line: n + 1,
                    },
                    reason,
                }),
            }
        }
        if errors.is_empty() {
            Ok(CameoTable { codes })
        } else {
            Err(errors)
        }
    }

    /// What `code` means, if the table has it.
    pub fn get(&self, code: &CameoCode) -> Option<&CameoInfo> {
        self.codes.get(code.as_str())
    }

    /// Whether the table has `code`.
    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains_key(code)
    }

    /// Adds `code`, unless the table has it, as a code outside CAMEO: no
    /// name, Goldstein value 0, QuadClass 0 (unknown), no PLOVER type. For
    /// dictionaries with codes of their own, such as the WEIS-era `903` of
    /// PETRARCH's validation suite, whose users expect them coded as written.
    pub fn add_outside(&mut self, code: &CameoCode) {
        self.codes
            .entry(code.as_str().to_owned())
            .or_insert_with(|| CameoInfo {
                name: "outside CAMEO".to_owned(),
                goldstein: 0.0,
                quad_class: 0,
                plover: None,
            });
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

fn parse_row(line: &str) -> Result<(String, CameoInfo), String> {
    let cells: Vec<&str> = line.split('\t').collect();
    if cells.len() < 7 {
        return Err(format!(
            "expected 7 tab-separated columns (code, name, goldstein, quad_class, plover_type, plover_mode, plover_contexts), found {}",
            cells.len()
        ));
    }
    let code = CameoCode::new(cells[0].trim()).map_err(|e| e.to_string())?;
    let goldstein: f64 = cells[2]
        .trim()
        .parse()
        .map_err(|_| format!("Goldstein value {:?} is not a number", cells[2]))?;
    let quad_class: u8 = match cells[3].trim().parse() {
        Ok(q @ 1..=4) => q,
        _ => return Err(format!("QuadClass {:?} is not 1 to 4", cells[3])),
    };
    let plover = (!cells[4].trim().is_empty()).then(|| Plover {
        kind: cells[4].trim().to_owned(),
        mode: cells[5].trim().to_owned(),
        context: cells[6]
            .split(';')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
    });
    Ok((
        code.as_str().to_owned(),
        CameoInfo {
            name: cells[1].trim().to_owned(),
            goldstein,
            quad_class,
            plover,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_read_and_bad_rows_name_their_line() {
        let table = CameoTable::parse(
            "# header\n040\tConsult\t1.0\t1\tCONSULT\t\t\n1041\tDemand x\t-5.0\t3\tDEMAND\t\tdiplomatic;economic\n",
            "cameo.tsv",
        )
        .unwrap();
        let demand = table.get(&CameoCode::new("1041").unwrap()).unwrap();
        assert_eq!(demand.goldstein, -5.0);
        assert_eq!(
            demand.plover.as_ref().unwrap().context,
            vec!["diplomatic", "economic"]
        );
        let errors = CameoTable::parse("040\tConsult\tx\t1\t\t\t\n", "cameo.tsv").unwrap_err();
        assert_eq!(errors[0].location.line, 1);
        assert!(errors[0].reason.contains("Goldstein"));
    }
}
