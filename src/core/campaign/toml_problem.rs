//! What the TOML reader says about a campaign or plan file, recognised from
//! its fixed English shapes (the `toml` crate gives only a message and a
//! span): a typed [`TomlProblem`] a program can word in its own language,
//! keeping the English message for anything it does not recognise.

use std::collections::BTreeMap;

/// A TOML reader's message, recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TomlProblem {
    /// `unknown field `x`, expected one of `a`, `b``.
    UnknownField {
        /// The unknown key.
        field: String,
        /// The keys allowed there (empty when none is).
        expected: Vec<String>,
    },
    /// `missing field `x``.
    MissingField {
        /// The missing key.
        field: String,
    },
    /// `invalid type: X, expected Y`.
    InvalidType {
        /// What was found, as the reader says it (`integer `3``).
        found: String,
        /// What was expected, as the reader says it (`a string`).
        expected: String,
    },
    /// `invalid value: X, expected Y`.
    InvalidValue {
        /// What was found, as the reader says it (`integer `-2``).
        found: String,
        /// What was expected, as the reader says it (`u64`).
        expected: String,
    },
    /// `duplicate key` (with the key when the reader names it).
    DuplicateKey {
        /// The key, when named.
        key: Option<String>,
    },
    /// `data did not match any variant of untagged enum …`: a value of a
    /// type the key does not take.
    NoMatchingType,
    /// Anything else (TOML syntax errors among them): the message as is.
    Other(String),
}

/// The text between the first pair of backticks of `s`, and what follows.
fn ticked(s: &str) -> Option<(&str, &str)> {
    let r = s.strip_prefix('`')?;
    let end = r.find('`')?;
    Some((&r[..end], &r[end + 1..]))
}

impl TomlProblem {
    /// Recognises a TOML reader's message (`toml::de::Error::message`).
    pub fn recognise(message: &str) -> TomlProblem {
        let m = message.trim();
        if let Some(rest) = m.strip_prefix("unknown field ")
            && let Some((field, after)) = ticked(rest)
        {
            let expected = if let Some(list) = after.strip_prefix(", expected one of ") {
                list.split(", ")
                    .map(|x| x.trim_matches('`').to_string())
                    .collect()
            } else if let Some(one) = after.strip_prefix(", expected ") {
                vec![one.trim_matches('`').to_string()]
            } else {
                Vec::new()
            };
            return TomlProblem::UnknownField {
                field: field.to_string(),
                expected,
            };
        }
        if let Some(rest) = m.strip_prefix("missing field ")
            && let Some((field, "")) = ticked(rest)
        {
            return TomlProblem::MissingField {
                field: field.to_string(),
            };
        }
        for (prefix, typed) in [("invalid type: ", true), ("invalid value: ", false)] {
            if let Some(rest) = m.strip_prefix(prefix)
                && let Some((found, expected)) = rest.rsplit_once(", expected ")
            {
                let (found, expected) = (found.to_string(), expected.to_string());
                return if typed {
                    TomlProblem::InvalidType { found, expected }
                } else {
                    TomlProblem::InvalidValue { found, expected }
                };
            }
        }
        if m == "duplicate key" {
            return TomlProblem::DuplicateKey { key: None };
        }
        if let Some(rest) = m.strip_prefix("duplicate key: ")
            && let Some((key, "")) = ticked(rest)
        {
            return TomlProblem::DuplicateKey {
                key: Some(key.to_string()),
            };
        }
        if m.starts_with("data did not match any variant of untagged enum ") {
            return TomlProblem::NoMatchingType;
        }
        TomlProblem::Other(message.to_string())
    }
}

/// The key path at 1-based `line` of a TOML text (as [`toml::to_string`]
/// writes it, and as most campaign files are written):
/// the key of a `key = value` line under its `[table]` / `[[array]]` header
/// (array elements numbered from 1), or the header itself. A missing key is
/// reported at its table's header, or at the first line for the top level
/// (then `None`).
pub fn key_at_line(text: &str, line: usize, missing: bool) -> Option<String> {
    let mut header = String::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (i, l) in text.lines().enumerate() {
        let here = i + 1 == line;
        let t = l.trim();
        if let Some(name) = t.strip_prefix("[[").and_then(|r| r.strip_suffix("]]")) {
            let name = name.trim().to_string();
            let c = counts.entry(name.clone()).or_insert(0);
            *c += 1;
            header = format!("{name}[{c}]");
        } else if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            header = name.trim().to_string();
        } else if here {
            if missing {
                return (!header.is_empty()).then_some(header);
            }
            return match t.split_once('=') {
                Some((k, _)) => {
                    let k = k.trim().trim_matches('"');
                    Some(if header.is_empty() {
                        k.to_string()
                    } else {
                        format!("{header}.{k}")
                    })
                }
                None => (!header.is_empty()).then_some(header),
            };
        }
        if here {
            return (!header.is_empty()).then_some(header);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::TomlProblem;

    #[test]
    fn the_readers_fixed_shapes_are_recognised_with_their_parts() {
        assert_eq!(
            TomlProblem::recognise("unknown field `foo`, expected one of `id`, `title`"),
            TomlProblem::UnknownField {
                field: "foo".into(),
                expected: vec!["id".into(), "title".into()]
            }
        );
        assert_eq!(
            TomlProblem::recognise("missing field `id`"),
            TomlProblem::MissingField { field: "id".into() }
        );
        assert_eq!(
            TomlProblem::recognise("invalid type: integer `3`, expected a string"),
            TomlProblem::InvalidType {
                found: "integer `3`".into(),
                expected: "a string".into()
            }
        );
        assert_eq!(
            TomlProblem::recognise("invalid value: integer `-2`, expected u64"),
            TomlProblem::InvalidValue {
                found: "integer `-2`".into(),
                expected: "u64".into()
            }
        );
        assert_eq!(
            TomlProblem::recognise("duplicate key"),
            TomlProblem::DuplicateKey { key: None }
        );
        assert_eq!(
            TomlProblem::recognise("unclosed array, expected `]`"),
            TomlProblem::Other("unclosed array, expected `]`".into())
        );
    }
}
