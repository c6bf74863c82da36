//! `plan-recon map FILE`: a starting column map for a council's own tracker. The headers
//! read by their words are added to their fields' synonyms, so the map reads them for sure;
//! headers that are unclear or unknown are listed as comments to assign by hand.

use super::{ColumnMap, MapError, Verdict};
use crate::model::TableKind;

/// The map `base` (TOML text) with the tracker's `headers` added where their words say
/// which field they are, and a comment for each header to assign by hand. `origin` says
/// where the headers came from ("housing.xlsx, sheet Return, row 4").
pub fn starting_map(
    base: &str,
    kind: TableKind,
    headers: &[String],
    origin: &str,
) -> Result<String, MapError> {
    let map = ColumnMap::parse(base, "the base map")?;
    let layout = map.layout(kind);
    let section = format!("[{}.fields]", kind.map_section());
    let mut lines: Vec<String> = base.lines().map(str::to_string).collect();
    let mut todo = Vec::new();
    for h in headers {
        match layout.judge(h) {
            Verdict::Exact(_) => {}
            Verdict::Words { field, .. } => {
                if !add_synonym(&mut lines, &section, field.key(), h) {
                    todo.push(format!(
                        "# {h:?}: reads as `{field}`; add it to its headers"
                    ));
                }
            }
            v @ (Verdict::Ambiguous(_) | Verdict::Weak(..)) => {
                let fields: Vec<String> = v.candidates().iter().map(|f| format!("`{f}`")).collect();
                todo.push(format!(
                    "# {h:?}: could be {}; add it to the headers of the one it is",
                    fields.join(" or ")
                ));
            }
            Verdict::Unknown => todo.push(format!(
                "# {h:?}: not used; add it to a field's headers if it holds one"
            )),
        }
    }
    let mut out = format!(
        "# plan-recon column map, started from the headers of {origin}.\n# Headers read by their words were added to their fields; check them, assign the\n# headers listed below, and pass this file with --map.\n"
    );
    if todo.is_empty() {
        out.push_str("#\n# Every header of the tracker is read.\n");
    } else {
        out.push_str("#\n# Headers to assign:\n");
        for t in &todo {
            out.push_str(t);
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(&lines.join("\n"));
    out.push('\n');
    // The result must read back: a header with a quote in it is written escaped.
    ColumnMap::parse(&out, "the starting map")?;
    Ok(out)
}

/// Add `header` to the `headers = [` list of `field` in `section`. False if no such line.
fn add_synonym(lines: &mut [String], section: &str, field: &str, header: &str) -> bool {
    let mut inside = false;
    let start = format!("{field} = {{ headers = [");
    for line in lines.iter_mut() {
        if line.starts_with('[') {
            inside = line.trim() == section;
            continue;
        }
        if inside && line.starts_with(&start) {
            let quoted = toml_string(header);
            *line = line.replacen(&start, &format!("{start}{quoted}, "), 1);
            return true;
        }
    }
    false
}

fn toml_string(s: &str) -> String {
    let mut o = String::from('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' | '\r' => o.push(' '),
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::columns::DEFAULT_MAP;
    use crate::model::Field;

    #[test]
    fn a_starting_map_reads_the_trackers_headers_for_sure() {
        let headers: Vec<String> = [
            "Action Reference",
            "Lead Directorate",
            "RAG and commentary",
            "Budget \"2023\"",
            "Status (BRAG)",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let text = starting_map(DEFAULT_MAP, TableKind::Return, &headers, "t.xlsx").unwrap();
        let map = ColumnMap::parse(&text, "x").unwrap();
        assert_eq!(
            map.returns.field_for_header("Action Reference"),
            Some(Field::Id)
        );
        assert_eq!(
            map.returns.field_for_header("Lead Directorate"),
            Some(Field::Directorate)
        );
        assert!(
            text.contains("# \"RAG and commentary\": could be `rag` or `progress`"),
            "{text}"
        );
        assert!(
            text.contains("# \"Budget \\\"2023\\\"\": not used"),
            "{text}"
        );
        // The master's fields are left as they were.
        assert_eq!(map.master.field_for_header("Action Reference"), None);
    }
}
