//! `gazette gazetteer accept`: the rows of a review list (from `extract --review`) that a
//! user set to accept, as aliases for an alias file.

use crate::error::{Error, Result};
use crate::sink::REVIEW_HEADER;

/// Reads a review list and returns the accepted (entity id, alias) pairs, or a
/// `file:line` error.
pub fn accepted(label: &str, content: &str) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let mut header_seen = false;
    for (n, line) in content.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !header_seen {
            if line.trim_end() != REVIEW_HEADER {
                return Err(Error::Input {
                    location: format!("{label}:{}", n + 1),
                    message: format!("expected the review header {REVIEW_HEADER:?}"),
                });
            }
            header_seen = true;
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 8 {
            return Err(Error::Input {
                location: format!("{label}:{}", n + 1),
                message: format!("expected 8 tab-separated fields, found {}", f.len()),
            });
        }
        if matches!(
            f[0].trim().to_ascii_lowercase().as_str(),
            "yes" | "y" | "1" | "true"
        ) {
            if f[1].contains('|') {
                return Err(Error::Input {
                    location: format!("{label}:{}", n + 1),
                    message: format!(
                        "an ambiguous row names several entities ({}): keep one id before accepting it",
                        f[1]
                    ),
                });
            }
            out.push((f[1].trim().to_string(), f[3].trim().to_string()));
        }
    }
    Ok(out)
}

/// Appends accepted (entity id, alias) rows to the alias file `into`, creating it with its
/// header if missing. Returns the number of rows appended.
pub fn append(into: &std::path::Path, rows: &[(String, String)]) -> Result<usize> {
    use std::io::Write;
    let existing = into.exists();
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(into)
        .map_err(|e| Error::io(into, e))?;
    let mut text = String::new();
    if !existing {
        text.push_str("# Aliases accepted from gazette review lists (gazette gazetteer accept).\n");
        text.push_str("# Load with: gazette extract --gazetteer THIS_FILE ...\nid\taliases\n");
    }
    for (id, alias) in rows {
        text.push_str(&format!("{id}\t{alias}\n"));
    }
    f.write_all(text.as_bytes())
        .map_err(|e| Error::io(into, e))?;
    Ok(rows.len())
}
