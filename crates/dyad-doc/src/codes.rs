use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Why a code string was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodeError {
    /// An actor code must be upper-case letters, digits or `-`, in 3-character parts.
    #[error("invalid actor code {0:?}: expected upper-case 3-character parts such as USA, USAGOV or IGOUNO")]
    Actor(String),
    /// A CAMEO event code is 2 to 4 digits.
    #[error("invalid CAMEO code {0:?}: expected 2 to 4 digits such as 04, 042 or 1041")]
    Cameo(String),
}

/// A CAMEO-style actor code: a country or organisation prefix followed by sector
/// codes, each three characters (`TUR`, `USAGOV`, `IGOUNO`, `RUSMILREB`).
/// `---` stands for an unknown country, as in PETRARCH.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorCode(String);

impl ActorCode {
    /// Validates `code`.
    pub fn new(code: &str) -> Result<ActorCode, CodeError> {
        let valid = !code.is_empty()
            && code.len().is_multiple_of(3)
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
        if valid {
            Ok(ActorCode(code.to_owned()))
        } else {
            Err(CodeError::Actor(code.to_owned()))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The three-character parts: `USAGOV` → `USA`, `GOV`.
    pub fn parts(&self) -> impl Iterator<Item = &str> {
        (0..self.0.len()).step_by(3).map(|at| &self.0[at..at + 3])
    }
}

/// A CAMEO event code: two digits for a root category (`04`), three for a code
/// (`042`), four for a sub-code (`1041`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CameoCode(String);

impl CameoCode {
    /// Validates `code`.
    pub fn new(code: &str) -> Result<CameoCode, CodeError> {
        if (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) {
            Ok(CameoCode(code.to_owned()))
        } else {
            Err(CodeError::Cameo(code.to_owned()))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The root category, the first two digits (`1041` → `10`).
    pub fn root(&self) -> &str {
        &self.0[..2]
    }
}

macro_rules! code_traits {
    ($type:ident) => {
        impl FromStr for $type {
            type Err = CodeError;
            fn from_str(code: &str) -> Result<Self, Self::Err> {
                $type::new(code)
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $type::new(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

code_traits!(ActorCode);
code_traits!(CameoCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_come_in_three_character_parts() {
        let code = ActorCode::new("USAGOV").unwrap();
        assert_eq!(code.parts().collect::<Vec<_>>(), ["USA", "GOV"]);
        assert!(ActorCode::new("---GOV").is_ok());
        for bad in ["", "usa", "USAG", "US A", "ÇAV"] {
            assert!(ActorCode::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cameo_codes_have_a_root() {
        assert_eq!(CameoCode::new("1041").unwrap().root(), "10");
        assert_eq!(CameoCode::new("04").unwrap().root(), "04");
        for bad in ["4", "10411", "1a4", ""] {
            assert!(CameoCode::new(bad).is_err(), "{bad}");
        }
    }
}
