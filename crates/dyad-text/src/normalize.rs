//! The matching form of a word: what dictionaries are compared against.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Lower-cases `form`, folds diacritics (`Çavuşoğlu` → `cavusoglu`, `Mevlüt` →
/// `mevlut`) and unifies curly quotes and dashes with their ASCII forms.
pub fn normalize(form: &str) -> String {
    if form.is_ascii() {
        return form.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(form.len());
    for c in form.chars() {
        if let Some(folded) = fold_special(c) {
            out.push_str(folded);
            continue;
        }
        decompose_canonical(c, |part| {
            if !is_combining_mark(part) {
                out.extend(part.to_lowercase());
            }
        });
    }
    out
}

/// Letters that carry no combining mark to strip but still have a plain Latin
/// reading, and punctuation that news writes in several shapes.
fn fold_special(c: char) -> Option<&'static str> {
    Some(match c {
        'ı' | 'İ' => "i",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'þ' | 'Þ' => "th",
        '‘' | '’' | '‚' | '‛' | '′' | '`' | 'ʼ' => "'",
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => "\"",
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => "-",
        '…' => "...",
        '\u{a0}' => " ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_names_in_the_news() {
        assert_eq!(normalize("Çavuşoğlu"), "cavusoglu");
        assert_eq!(normalize("Mevlüt"), "mevlut");
        assert_eq!(normalize("Erdoğan"), "erdogan");
        assert_eq!(normalize("Łódź"), "lodz");
        assert_eq!(normalize("Müller-Straße"), "muller-strasse");
        assert_eq!(normalize("İstanbul"), "istanbul");
        assert_eq!(normalize("Ørsted"), "orsted");
        assert_eq!(normalize("Élysée"), "elysee");
    }

    #[test]
    fn unifies_quotes_and_dashes() {
        assert_eq!(normalize("don’t"), "don't");
        assert_eq!(normalize("“Hello”"), "\"hello\"");
        assert_eq!(normalize("—"), "-");
        assert_eq!(normalize("–"), "-");
        assert_eq!(normalize("…"), "...");
    }

    #[test]
    fn leaves_other_scripts_lowercased() {
        assert_eq!(normalize("Путин"), "путин");
        assert_eq!(normalize("ASCII"), "ascii");
    }
}
