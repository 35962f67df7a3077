//! `hactl context list` and `show`: the contexts as a table, and one context in words.

use crate::render::table::{self, Format};
use serde_json::Value;

/// One context as `hactl context list` and `show` present it: where it points and what it
/// resolves to, or why it does not. Secrets appear only as where they come from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ContextSummary {
    pub name: String,
    pub current: bool,
    /// The configuration file, or `inline`.
    pub source: String,
    pub scope: Option<String>,
    pub namespace: Option<String>,
    pub etcd: Vec<String>,
    pub etcd_user: Option<String>,
    /// `etcd3.password from env DR_PASS`.
    pub secrets: Vec<String>,
    /// Why its settings cannot be resolved, if they cannot.
    pub error: Option<String>,
}

/// The table of `context list`; the Error column only when a context has one.
pub fn contexts_table(summaries: &[ContextSummary], format: Format) -> String {
    let mut columns = vec!["Current", "Name", "Source", "Scope", "Namespace", "Etcd"];
    let with_errors = summaries.iter().any(|s| s.error.is_some());
    if with_errors {
        columns.push("Error");
    }
    let text = |value: &Option<String>| Value::String(value.clone().unwrap_or_default());
    let rows: Vec<Vec<Value>> = summaries
        .iter()
        .map(|s| {
            let mut row = vec![
                Value::String(if s.current { "*" } else { "" }.to_owned()),
                Value::String(s.name.clone()),
                Value::String(s.source.clone()),
                text(&s.scope),
                text(&s.namespace),
                Value::String(s.etcd.join(",")),
            ];
            if with_errors {
                row.push(text(&s.error));
            }
            row
        })
        .collect();
    let columns: Vec<String> = columns.into_iter().map(str::to_owned).collect();
    table::print_output(Some(&columns), &rows, &[], format, "\t")
}

/// `context show`: one line per fact.
pub fn context_text(summary: &ContextSummary) -> String {
    let none = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".to_owned());
    let mut lines = vec![
        format!("Context:   {}{}", summary.name, if summary.current { " (current)" } else { "" }),
        format!("Source:    {}", summary.source),
    ];
    if let Some(error) = &summary.error {
        lines.push(format!("Error:     {error}"));
    } else {
        lines.push(format!("Scope:     {}", none(&summary.scope)));
        lines.push(format!("Namespace: {}", none(&summary.namespace)));
        let etcd = if summary.etcd.is_empty() { "-".to_owned() } else { summary.etcd.join(", ") };
        lines.push(format!("Etcd:      {etcd}"));
        if let Some(user) = &summary.etcd_user {
            lines.push(format!("Etcd user: {user}"));
        }
    }
    for secret in &summary.secrets {
        lines.push(format!("Secret:    {secret}"));
    }
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(name: &str, error: Option<&str>) -> ContextSummary {
        ContextSummary {
            name: name.into(),
            current: name == "prod",
            source: "/etc/patroni/prod.yaml".into(),
            scope: Some("demo".into()),
            namespace: Some("/service/".into()),
            etcd: vec!["http://10.0.0.1:2379".into()],
            etcd_user: None,
            secrets: vec!["etcd3.password from env P".into()],
            error: error.map(Into::into),
        }
    }

    #[test]
    fn the_table_marks_the_current_context_and_shows_errors_only_when_there_are_some() {
        let table = contexts_table(&[summary("prod", None)], Format::Tsv);
        assert_eq!(
            table,
            "Current\tName\tSource\tScope\tNamespace\tEtcd\n*\tprod\t/etc/patroni/prod.yaml\tdemo\t/service/\thttp://10.0.0.1:2379\n"
        );
        let table = contexts_table(&[summary("prod", None), summary("dr", Some("gone"))], Format::Tsv);
        assert!(table.starts_with("Current\tName\tSource\tScope\tNamespace\tEtcd\tError\n"), "{table}");
        assert!(table.ends_with("\tgone\n"), "{table}");
        let text = context_text(&summary("dr", Some("gone")));
        assert_eq!(
            text,
            "Context:   dr\nSource:    /etc/patroni/prod.yaml\nError:     gone\nSecret:    etcd3.password from env P\n"
        );
    }
}
