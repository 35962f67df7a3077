//! patronictl's `print_output` for tables without a cluster title (`history`, `query`): pretty
//! (PrettyTable), tsv (with a delimiter), json (`json.dumps` of one object per row) and yaml
//! (`yaml.safe_dump` of the same), byte for byte.

use crate::dynamic_config::py_str;
use crate::pyfmt;
use crate::render;
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pretty,
    Tsv,
    Json,
    Yaml,
}

/// The text `print_output(columns, rows, alignment, fmt, header='', delimiter)` echoes, with
/// the trailing newline. `columns` is `None` for a result without column names (a query's error
/// row), as patronictl passes it; `right_aligned` names the columns aligned right in tables.
pub fn print_output(
    columns: Option<&[String]>,
    rows: &[Vec<Value>],
    right_aligned: &[&str],
    format: Format,
    delimiter: &str,
) -> String {
    let names: Vec<String> = match columns {
        Some(c) => c.to_vec(),
        // PrettyTable names unnamed fields `Field 1`, `Field 2`, ...
        None => (1..=rows.iter().map(Vec::len).max().unwrap_or(0)).map(|i| format!("Field {i}")).collect(),
    };
    match format {
        Format::Json | Format::Yaml => {
            let elements: Vec<Value> = rows
                .iter()
                .map(|row| {
                    let object: Map<String, Value> = columns
                        .unwrap_or_default()
                        .iter()
                        .zip(row)
                        .map(|(name, value)| (name.clone(), value.clone()))
                        .collect();
                    Value::Object(object)
                })
                .collect();
            let elements = Value::Array(elements);
            if format == Format::Json {
                pyfmt::json_dumps(&elements) + "\n"
            } else {
                pyfmt::yaml_dump(&elements, false) + "\n"
            }
        }
        Format::Tsv => {
            let mut text = String::new();
            if let Some(columns) = columns.filter(|c| !c.is_empty()) {
                text.push_str(&columns.join(delimiter));
                text.push('\n');
            }
            for row in rows {
                text.push_str(&row.iter().map(py_str).collect::<Vec<_>>().join(delimiter));
                text.push('\n');
            }
            text
        }
        Format::Pretty => {
            if names.is_empty() {
                // PrettyTable without fields prints nothing; click.echo adds the newline.
                return "\n".to_string();
            }
            let headers: Vec<&str> = names.iter().map(String::as_str).collect();
            let cells: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(py_str).collect()).collect();
            render::pretty_table_aligned("", &headers, &cells, None, right_aligned) + "\n"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn formats_follow_print_output() {
        let columns: Vec<String> = ["TL", "LSN", "Reason"].iter().map(|s| s.to_string()).collect();
        let rows = vec![vec![json!(1), json!(67417344), json!("no recovery target specified")]];
        assert_eq!(
            print_output(Some(&columns), &rows, &["TL", "LSN"], Format::Pretty, "\t"),
            "+----+----------+------------------------------+\n\
             | TL |      LSN | Reason                       |\n\
             +----+----------+------------------------------+\n\
             |  1 | 67417344 | no recovery target specified |\n\
             +----+----------+------------------------------+\n"
        );
        assert_eq!(
            print_output(Some(&columns), &rows, &[], Format::Tsv, "|"),
            "TL|LSN|Reason\n1|67417344|no recovery target specified\n"
        );
        assert_eq!(
            print_output(Some(&columns), &rows, &[], Format::Json, "\t"),
            "[{\"TL\": 1, \"LSN\": 67417344, \"Reason\": \"no recovery target specified\"}]\n"
        );
        assert_eq!(print_output(None, &rows, &[], Format::Json, "\t"), "[{}]\n");
        assert_eq!(print_output(Some(&columns), &[], &[], Format::Yaml, "\t"), "[]\n\n");
        // An empty table, as PatronictlPrettyTable prints one: the header and one closing rule.
        assert_eq!(
            print_output(Some(&columns[..1]), &[], &[], Format::Pretty, "\t"),
            "+----+\n| TL |\n+----+\n+----+\n"
        );
    }
}
