//! `history`: the `/history` key (one line per timeline switch, from PostgreSQL's timeline
//! history files) as patronictl's table.

use crate::cluster::Cluster;
use crate::render::table::{self, Format};
use serde_json::Value;

pub const COLUMNS: [&str; 5] = ["TL", "LSN", "Reason", "Timestamp", "New Leader"];

/// The history lines, each padded with empty strings to the five columns (older Patroni wrote
/// three or four fields).
pub fn rows(cluster: &Cluster) -> Vec<Vec<Value>> {
    let Some(Value::Array(lines)) = &cluster.history else { return Vec::new() };
    lines
        .iter()
        .filter_map(|line| line.as_array())
        .map(|line| {
            let mut row = line.clone();
            while row.len() < COLUMNS.len() {
                row.push(Value::String(String::new()));
            }
            row
        })
        .collect()
}

/// What `patronictl history -f FORMAT` prints.
pub fn render(cluster: &Cluster, format: Format) -> String {
    let columns: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    table::print_output(Some(&columns), &rows(cluster), &["TL", "LSN"], format, "\t")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::test_cluster;

    #[test]
    fn short_lines_are_padded() {
        let cluster = test_cluster(
            "demo",
            &[(
                "history",
                r#"[[1,25165984,"no recovery target specified"],[2,33554592,"x","2026-01-01T00:00:00+00:00","pg1"]]"#,
            )],
        );
        assert_eq!(
            render(&cluster, Format::Tsv),
            "TL\tLSN\tReason\tTimestamp\tNew Leader\n1\t25165984\tno recovery target specified\t\t\n2\t33554592\tx\t2026-01-01T00:00:00+00:00\tpg1\n"
        );
    }
}
