//! The member tables of `list` and `topology`, shown once or, with `-w`/`-W`, again and again.

use crate::commands::all_contexts;
use crate::commands::args::WatchArgs;
use crate::commands::command_context::CommandContext;
use crate::commands::error::{CommandError, CommandResult};
use crate::ui::Ui;
use hactl::cluster::StandbyOf;
use hactl::clusters::{self, ClusterRead, Selection};
use hactl::render::{self, ListFormat, Listing};
use hactl::settings::Settings;
use std::ops::ControlFlow;

/// What to show and how.
pub struct Show<'a> {
    pub selection: Selection,
    pub group: Option<i64>,
    pub format: ListFormat,
    pub extended: bool,
    pub timestamp: bool,
    pub watch: &'a WatchArgs,
    /// `--all-contexts`, with whether `--allow-unreachable` was given.
    pub all_contexts: Option<bool>,
}

pub async fn show(ui: &mut Ui, ctx: &mut CommandContext, show: Show<'_>) -> CommandResult {
    if let Some(allow_unreachable) = show.all_contexts {
        return show_contexts(ui, ctx, &show, allow_unreachable).await;
    }
    let interval = show.watch.interval()?;
    // Fail on a missing scope before touching the network.
    if let Selection::Named(names) = &show.selection {
        ctx.check_cluster_names(names)?;
    }
    let group = show.group.or(ctx.settings()?.citus_group);
    if interval.is_none() && matches!(show.selection, Selection::All) {
        return show_streamed(ui, ctx, &show, group).await;
    }
    loop {
        let reads = ctx.read_clusters(&show.selection, group).await?;
        let settings = ctx.settings()?;
        let mut text = String::new();
        if show.timestamp {
            text.push_str(&chrono::Local::now().format("%Y-%m-%d %H:%M:%S\n").to_string());
        }
        for read in &reads {
            text.push_str(&members_table(ui, settings, &show, group, read));
        }
        if interval.is_some() {
            ui.clear_screen()?;
        }
        ui.out(&text)?;
        for problem in reads.iter().flat_map(|r| r.problems(&settings.namespace_prefix())) {
            ui.warn(&format!("unreadable key {problem}"));
        }
        for read in &reads {
            warn_leaderless(ui, read);
        }
        let Some(interval) = interval else { return Ok(()) };
        // Ctrl-C is how a watch ends: a clean exit, not an interruption of work.
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = hactl::interrupt::requested() => return Ok(()),
        }
    }
}

/// `list --all` once: each cluster printed as soon as its keys are read (the namespace in pages
/// at one revision), so memory does not grow with the fleet; its warnings follow the whole list,
/// as in one read.
async fn show_streamed(ui: &mut Ui, ctx: &mut CommandContext, show: &Show<'_>, group: Option<i64>) -> CommandResult {
    if show.timestamp {
        ui.out(&chrono::Local::now().format("%Y-%m-%d %H:%M:%S\n").to_string())?;
    }
    let mut warnings = Vec::new();
    let mut written = Ok(());
    ctx.for_each_cluster(group, &mut |settings, read| {
        let table = members_table(ui, settings, show, group, &read);
        warnings.extend(read.problems(&settings.namespace_prefix()).into_iter().map(|p| format!("unreadable key {p}")));
        warnings.extend(leaderless(&read));
        written = ui.out(&table);
        if written.is_ok() { ControlFlow::Continue(()) } else { ControlFlow::Break(()) }
    })
    .await?;
    written?;
    for warning in warnings {
        ui.warn(&warning);
    }
    Ok(())
}

/// `list --all-contexts`: every context of the contexts file read at once under one deadline,
/// printed in name order (a title per context, or a Context column); those that could not be
/// read are named after the tables, and decide the exit code.
async fn show_contexts(
    ui: &mut Ui,
    ctx: &mut CommandContext,
    show: &Show<'_>,
    allow_unreachable: bool,
) -> CommandResult {
    let deadline = ctx.dcs_timeout()?;
    let mut failures: Vec<(String, CommandError)> = Vec::new();
    let mut sites = Vec::new();
    // Each context's own scope when no cluster is named.
    let selection = |settings: &Settings| -> CommandResult<Selection> {
        Ok(match &show.selection {
            Selection::All => Selection::All,
            Selection::Named(names) => Selection::Named(clusters::cluster_names(settings, names)?),
        })
    };
    for (name, settings) in all_contexts::settings_of_every_context(ui, ctx)? {
        match settings.and_then(|settings| Ok((selection(&settings)?, settings))) {
            Ok((selection, settings)) => {
                let group = show.group.or(settings.citus_group);
                sites.push((name, settings, selection, group));
            }
            Err(error) => failures.push((name, error)),
        }
    }
    let reads = clusters::read_sites(sites, deadline).await;
    let standby_pairs = clusters::standby_pairs(&reads);
    let mut text = String::new();
    if show.timestamp {
        text.push_str(&chrono::Local::now().format("%Y-%m-%d %H:%M:%S\n").to_string());
    }
    let mut warnings = Vec::new();
    for site in &reads {
        let Ok(clusters) = &site.outcome else { continue };
        if show.format == ListFormat::Pretty {
            text.push_str(&format!("Context: {}\n", site.site));
        }
        let group = show.group.or(site.settings.citus_group);
        for read in clusters {
            let standby_of = standby_pairs.get(&(site.site.clone(), read.name.clone()));
            text.push_str(&table_of(ui, &site.settings, show, group, read, Some(&site.site), standby_of));
            let problems = read.problems(&site.settings.namespace_prefix());
            warnings.extend(problems.into_iter().map(|p| format!("context {}: unreadable key {p}", site.site)));
            warnings.extend(leaderless(read).into_iter().map(|w| format!("context {}: {w}", site.site)));
        }
    }
    ui.out(&text)?;
    for warning in warnings {
        ui.warn(&warning);
    }
    for site in reads {
        if let Err(error) = site.outcome {
            failures.push((site.site, error.into()));
        }
    }
    all_contexts::finish(ui, failures, Vec::new(), allow_unreachable)
}

fn members_table(ui: &Ui, settings: &Settings, show: &Show<'_>, group: Option<i64>, read: &ClusterRead) -> String {
    table_of(ui, settings, show, group, read, None, None)
}

fn table_of(
    ui: &Ui,
    settings: &Settings,
    show: &Show<'_>,
    group: Option<i64>,
    read: &ClusterRead,
    context: Option<&str>,
    standby_of: Option<&StandbyOf>,
) -> String {
    let listing = Listing {
        name: &read.name,
        groups: read.groups.iter().map(|(g, c)| (*g, c)).collect(),
        citus: settings.is_citus,
        group,
        context,
        standby_of,
    };
    render::render_members(&listing, show.format, show.extended, ui.color())
}

/// The table has no Leader row then; say it in words too (on stderr, so stdout stays
/// patronictl's).
fn leaderless(read: &ClusterRead) -> Vec<String> {
    let leaderless = read.groups.iter().filter(|(_, c)| c.leader.is_none() && !c.members.is_empty());
    leaderless.map(|(_, cluster)| format!("cluster {} has no leader", cluster.scope)).collect()
}

fn warn_leaderless(ui: &mut Ui, read: &ClusterRead) {
    for warning in leaderless(read) {
        ui.warn(&warning);
    }
}
