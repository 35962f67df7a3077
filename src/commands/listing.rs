//! The member tables of `list` and `topology`, shown once or, with `-w`/`-W`, again and again.

use crate::commands::args::WatchArgs;
use crate::commands::context::CommandContext;
use crate::commands::error::CommandResult;
use crate::ui::Ui;
use hactl::clusters::Selection;
use hactl::render::{self, ListFormat, Listing};

/// What to show and how.
pub struct Show<'a> {
    pub selection: Selection,
    pub group: Option<i64>,
    pub format: ListFormat,
    pub extended: bool,
    pub timestamp: bool,
    pub watch: &'a WatchArgs,
}

pub async fn show(ui: &mut Ui, ctx: &mut CommandContext, show: Show<'_>) -> CommandResult {
    let interval = show.watch.interval()?;
    // Fail on a missing scope before touching the network.
    if let Selection::Named(names) = &show.selection {
        ctx.check_cluster_names(names)?;
    }
    let group = show.group.or(ctx.settings()?.citus_group);
    loop {
        let reads = ctx.read_clusters(&show.selection, group).await?;
        let settings = ctx.settings()?;
        let mut text = String::new();
        if show.timestamp {
            text.push_str(&chrono::Local::now().format("%Y-%m-%d %H:%M:%S\n").to_string());
        }
        for read in &reads {
            let listing = Listing {
                name: &read.name,
                groups: read.groups.iter().map(|(g, c)| (*g, c)).collect(),
                citus: settings.is_citus,
                group,
            };
            text.push_str(&render::render_members(&listing, show.format, show.extended, ui.color()));
        }
        if interval.is_some() {
            ui.clear_screen()?;
        }
        ui.out(&text)?;
        for problem in reads.iter().flat_map(|r| r.problems(&settings.namespace_prefix())) {
            ui.warn(&format!("unreadable key {problem}"));
        }
        // The table has no Leader row then; say it in words too (on stderr, so stdout stays
        // patronictl's).
        for read in &reads {
            for (_, cluster) in read.groups.iter().filter(|(_, c)| c.leader.is_none() && !c.members.is_empty()) {
                ui.warn(&format!("cluster {} has no leader", cluster.scope));
            }
        }
        let Some(interval) = interval else { return Ok(()) };
        // Ctrl-C is how a watch ends: a clean exit, not an interruption of work.
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = hactl::interrupt::requested() => return Ok(()),
        }
    }
}
