//! Operations the commands call: each takes settings and a request, does the I/O through `dcs`,
//! and returns typed results. Commands only turn flags into requests and results into output.

use crate::cluster::{Cluster, StandbyOf};
use crate::dcs::{Dcs, DcsError, Snapshot, group_by_first_segment};
use crate::error::{Classify, ErrorKind};
use crate::settings::Settings;
use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum ClusterReadError {
    #[error(
        "no cluster name given and no scope configured: pass CLUSTER, or set scope in the configuration file or PATRONI_SCOPE"
    )]
    NoScope,
    #[error(
        "cluster \"{name}\" not found under {namespace} in etcd ({known}); check the cluster name and the namespace"
    )]
    UnknownCluster { name: String, namespace: String, known: String },
    #[error(transparent)]
    Dcs(#[from] DcsError),
}

impl Classify for ClusterReadError {
    fn kind(&self) -> ErrorKind {
        match self {
            ClusterReadError::NoScope | ClusterReadError::UnknownCluster { .. } => ErrorKind::Usage,
            ClusterReadError::Dcs(e) => e.kind(),
        }
    }
}

/// Which clusters to read.
#[derive(Debug, Clone)]
pub enum Selection {
    /// The named clusters, or the configured scope when the list is empty.
    Named(Vec<String>),
    /// Every cluster under the namespace (one range read).
    All,
}

/// A cluster as read for `list`: one entry per Citus group (a single group 0 otherwise).
#[derive(Debug, Clone)]
pub struct ClusterRead {
    pub name: String,
    pub groups: Vec<(i64, Cluster)>,
}

impl ClusterRead {
    /// Keys that could not be parsed, named by their full path.
    pub fn problems(&self, namespace_prefix: &str) -> Vec<String> {
        self.groups
            .iter()
            .flat_map(|(group, cluster)| {
                cluster.problems.iter().map(move |p| {
                    let group_part =
                        if self.groups.len() > 1 || *group != 0 { format!("{group}/") } else { String::new() };
                    format!("{namespace_prefix}{}/{group_part}{}: {}", self.name, p.key, p.reason)
                })
            })
            .collect()
    }
}

/// Resolves the cluster names to read: the given ones, else the configured scope.
pub fn cluster_names(settings: &Settings, names: &[String]) -> Result<Vec<String>, ClusterReadError> {
    if !names.is_empty() {
        return Ok(names.to_vec());
    }
    settings.scope.clone().map(|s| vec![s]).ok_or(ClusterReadError::NoScope)
}

/// Connects to the configured etcd.
pub async fn connect(settings: &Settings, timeout: Duration) -> Result<Dcs, ClusterReadError> {
    let etcd = settings.etcd3.as_ref().ok_or(DcsError::NotConfigured)?;
    Ok(Dcs::connect(etcd, timeout).await?)
}

/// One site's part of a read across contexts (`list --all-contexts`).
#[derive(Debug)]
pub struct SiteRead {
    /// The context's name.
    pub site: String,
    pub settings: Settings,
    pub outcome: Result<Vec<ClusterRead>, SiteError>,
}

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error(transparent)]
    Read(#[from] ClusterReadError),
    #[error("no answer from etcd ({endpoints}) within the deadline of {seconds}s")]
    NoAnswer { endpoints: String, seconds: f64 },
}

impl Classify for SiteError {
    fn kind(&self) -> ErrorKind {
        match self {
            SiteError::Read(error) => error.kind(),
            SiteError::NoAnswer { .. } => ErrorKind::Unreachable,
        }
    }
}

/// [`crate::cluster::standby_pairs`] over every cluster the sites read.
pub fn standby_pairs(sites: &[SiteRead]) -> BTreeMap<(String, String), StandbyOf> {
    let read: Vec<(&str, &Cluster)> = sites
        .iter()
        .filter_map(|site| site.outcome.as_ref().ok().map(|reads| (site.site.as_str(), reads)))
        .flat_map(|(site, reads)| reads.iter().flat_map(move |r| r.groups.iter().map(move |(_, c)| (site, c))))
        .collect();
    crate::cluster::standby_pairs(&read)
}

/// Reads each site's selected clusters, all at once, each with its own connection; a site that
/// has not answered by `deadline` is given up as [`SiteError::NoAnswer`] without holding up the
/// others. In the order given.
pub async fn read_sites(sites: Vec<(String, Settings, Selection, Option<i64>)>, deadline: Duration) -> Vec<SiteRead> {
    let mut reads = tokio::task::JoinSet::new();
    for (index, (site, settings, selection, group)) in sites.into_iter().enumerate() {
        reads.spawn(async move {
            let read = async {
                let mut dcs = connect(&settings, deadline).await?;
                read_clusters(&mut dcs, &settings, &selection, group).await
            };
            let outcome = match tokio::time::timeout(deadline, read).await {
                Ok(read) => read.map_err(SiteError::from),
                Err(_) => Err(SiteError::NoAnswer {
                    endpoints: settings.etcd3.as_ref().map(|e| e.endpoints.join(",")).unwrap_or_default(),
                    seconds: deadline.as_secs_f64(),
                }),
            };
            (index, SiteRead { site, settings, outcome })
        });
    }
    let mut done = reads.join_all().await;
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, read)| read).collect()
}

/// Reads the selected clusters: one range read per named cluster, or one for the namespace.
/// `citus_group` restricts a Citus cluster to one group.
pub async fn read_clusters(
    dcs: &mut Dcs,
    settings: &Settings,
    selection: &Selection,
    citus_group: Option<i64>,
) -> Result<Vec<ClusterRead>, ClusterReadError> {
    let namespace = settings.namespace_prefix();
    match selection {
        Selection::All => {
            let scopes = dcs.read_namespace(&namespace).await?;
            Ok(scopes.into_iter().map(|(name, nodes)| build(settings, name, nodes, citus_group)).collect())
        }
        Selection::Named(names) => {
            let names = cluster_names(settings, names)?;
            let mut reads = Vec::with_capacity(names.len());
            for name in names {
                let nodes = dcs.read_prefix(&settings.key_prefix(&name)).await?;
                if nodes.is_empty() {
                    return Err(unknown_cluster(dcs, settings, &name).await);
                }
                reads.push(build(settings, name, nodes, citus_group));
            }
            Ok(reads)
        }
    }
}

/// Keys per page when the namespace is read in pages ([`for_each_cluster`]): large enough that a
/// small fleet is one read, small enough that memory stays bounded on a large one.
pub const PAGE_KEYS: i64 = 10_000;

/// Every cluster of the namespace (`list --all`), read in pages of `page_keys` keys at one
/// revision (a consistent snapshot, as one range read would be), each handed to `each` as soon as
/// its keys are complete: memory holds a page and a cluster, not the fleet. `each` may stop the
/// walk (`ControlFlow::Break`, e.g. when its output is closed). Returns how many were handed over.
pub async fn for_each_cluster(
    dcs: &mut Dcs,
    settings: &Settings,
    citus_group: Option<i64>,
    page_keys: i64,
    each: &mut dyn FnMut(ClusterRead) -> ControlFlow<()>,
) -> Result<usize, ClusterReadError> {
    let namespace = settings.namespace_prefix();
    let (mut start, mut revision, mut handed) = (namespace.clone(), 0, 0);
    let mut current: Option<(String, Vec<crate::cluster::RawNode>)> = None;
    loop {
        let page = dcs.read_page(&namespace, &start, revision, page_keys).await?;
        revision = page.revision;
        if let Some(last) = page.nodes.last() {
            // The next page starts right after the last key: that key plus a NUL byte.
            start = format!("{namespace}{}\0", last.key);
        }
        for mut node in page.nodes {
            let Some(slash) = node.key.find('/') else { continue };
            if let Some((name, nodes)) = &mut current
                && *name == node.key[..slash]
            {
                node.key.drain(..=slash);
                nodes.push(node);
                continue;
            }
            let scope = node.key[..slash].to_string();
            node.key.drain(..=slash);
            if let Some((name, nodes)) = current.replace((scope, vec![node])) {
                handed += 1;
                if each(build(settings, name, nodes, citus_group)).is_break() {
                    return Ok(handed);
                }
            }
        }
        if !page.more {
            break;
        }
    }
    if let Some((name, nodes)) = current {
        handed += 1;
        let _ = each(build(settings, name, nodes, citus_group));
    }
    Ok(handed)
}

/// One cluster's keys at one revision, and the model built from them: what the engine plans
/// from and starts its watch after.
#[derive(Debug, Clone)]
pub struct ClusterSnapshot {
    pub name: String,
    /// `/service/demo/`
    pub prefix: String,
    pub snapshot: Snapshot,
    pub cluster: Cluster,
}

/// Reads one cluster (one range read); an empty prefix is an unknown cluster.
pub async fn read_cluster(dcs: &mut Dcs, settings: &Settings, name: &str) -> Result<ClusterSnapshot, ClusterReadError> {
    let prefix = settings.key_prefix(name);
    let snapshot = dcs.snapshot(&prefix).await?;
    if snapshot.nodes.is_empty() {
        return Err(unknown_cluster(dcs, settings, name).await);
    }
    let cluster = Cluster::from_nodes(name, &snapshot.nodes);
    Ok(ClusterSnapshot { name: name.to_string(), prefix, snapshot, cluster })
}

async fn unknown_cluster(dcs: &mut Dcs, settings: &Settings, name: &str) -> ClusterReadError {
    let namespace = settings.namespace_prefix();
    let known = match dcs.read_namespace(&namespace).await {
        Ok(scopes) if scopes.is_empty() => "no clusters there".to_string(),
        Ok(scopes) => format!("known: {}", scopes.into_keys().collect::<Vec<_>>().join(", ")),
        Err(e) => return e.into(),
    };
    ClusterReadError::UnknownCluster { name: name.to_string(), namespace, known }
}

/// Names to offer when completing a command line: the members of `cluster` (with their role),
/// or the clusters of the namespace when `cluster` is `None`. For shell completion, which must
/// stay fast and quiet, so callers pass a short timeout and ignore errors.
pub async fn completion_names(
    settings: &Settings,
    cluster: Option<&str>,
    timeout: Duration,
) -> Result<Vec<(String, String)>, ClusterReadError> {
    let mut dcs = connect(settings, timeout).await?;
    match cluster {
        Some(name) => {
            let read = read_cluster(&mut dcs, settings, name).await?;
            Ok(read
                .cluster
                .member_views()
                .into_iter()
                .map(|m| (m.name.to_string(), m.role.title().to_string()))
                .collect())
        }
        None => {
            let scopes = dcs.read_namespace(&settings.namespace_prefix()).await?;
            Ok(scopes.into_keys().map(|scope| (scope, "cluster".to_string())).collect())
        }
    }
}

fn build(settings: &Settings, name: String, nodes: Vec<crate::cluster::RawNode>, group: Option<i64>) -> ClusterRead {
    if !settings.is_citus {
        let cluster = Cluster::from_nodes(&name, &nodes);
        return ClusterRead { name, groups: vec![(0, cluster)] };
    }
    let groups = group_by_first_segment(nodes)
        .into_iter()
        .filter_map(|(g, nodes)| Some((g.parse::<i64>().ok()?, nodes)))
        .filter(|(g, _)| group.is_none_or(|wanted| wanted == *g))
        .map(|(g, nodes)| (g, Cluster::from_nodes(&name, &nodes)))
        .collect();
    ClusterRead { name, groups }
}
