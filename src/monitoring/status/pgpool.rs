//! The Pgpool-II variant of the routing tier in `hactl status`, purely: each Pgpool-II's
//! `SHOW POOL_NODES`, every node matched to a Patroni member by its address, and whether the node
//! it sends writes to (its primary) is the leader.

use super::verdict::Findings;
use super::{Section, Verdict};
use crate::cluster::Cluster;
use crate::tiers::pgpool::PgpoolInfo;
use serde::Serialize;

/// Each configured Pgpool-II, in configuration order.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PgpoolDetails {
    pub pgpools: Vec<PgpoolHost>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PgpoolHost {
    /// `host:port` it listens on.
    pub host: String,
    pub reachable: bool,
    pub error: Option<String>,
    pub nodes: Vec<PgpoolNode>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PgpoolNode {
    pub node_id: u64,
    /// `host:port` of the backend.
    pub address: String,
    /// Pgpool-II's view: `up`, `waiting`, `down`, `unused`.
    pub status: String,
    /// Pgpool-II's role for it: `primary` or `standby`.
    pub role: String,
    /// What the backend itself says (Pgpool-II 4.3+).
    pub pg_role: Option<String>,
    /// In bytes of WAL, as Pgpool-II's streaming replication check measures it.
    pub replication_delay: Option<u64>,
    /// The Patroni member at `address`.
    pub member: Option<String>,
}

/// What one configured Pgpool-II answered, or why it did not.
pub struct PgpoolRead {
    pub host: String,
    pub info: Result<PgpoolInfo, String>,
}

pub(super) fn pgpool_section(
    reads: &[PgpoolRead],
    cluster: Option<&Cluster>,
    disagreements: &mut Vec<String>,
) -> Section<PgpoolDetails> {
    let mut findings = Findings::default();
    let mut hosts = Vec::new();
    let leader = cluster.and_then(|c| c.leader_key_holder());
    let leader_said = leader.unwrap_or("none");
    for read in reads {
        let info = match &read.info {
            Ok(info) => info,
            Err(why) => {
                findings.add(Verdict::Warning, why.clone());
                let host =
                    PgpoolHost { host: read.host.clone(), reachable: false, error: Some(why.clone()), nodes: vec![] };
                hosts.push(host);
                continue;
            }
        };
        let member_at = |address: &str| cluster.and_then(|c| c.member_at(address));
        let nodes: Vec<PgpoolNode> = info
            .nodes
            .iter()
            .map(|n| PgpoolNode {
                node_id: n.node_id,
                address: n.address(),
                status: n.status.clone(),
                role: n.role.clone(),
                pg_role: n.pg_role.clone(),
                replication_delay: n.replication_delay,
                member: member_at(&n.address()).map(|m| m.name.clone()),
            })
            .collect();
        match (info.primary(), cluster) {
            (None, _) => findings.add(
                Verdict::Critical,
                format!("pgpool {} has no primary node up (the leader is {leader_said})", read.host),
            ),
            (Some(primary), Some(_)) => match member_at(&primary.address()) {
                Some(m) if Some(m.name.as_str()) == leader => {}
                found => {
                    let who = found.map_or(format!("{}, no Patroni member", primary.address()), |m| m.name.clone());
                    let said = format!("pgpool {} sends writes to {who} but the leader is {leader_said}", read.host);
                    findings.disagreement(Verdict::Critical, said, disagreements);
                }
            },
            (Some(_), None) => {}
        }
        if let Some(cluster) = cluster {
            for node in info.nodes.iter().filter(|n| !n.is_up() && n.status != "unused") {
                if let Some(m) = cluster.member_at(&node.address()).filter(|m| m.is_running()) {
                    let now = if m.is_streaming() { "streaming" } else { "running" };
                    let said = format!(
                        "pgpool {} has node {} ({}) {} but the member is {now}",
                        read.host, node.node_id, m.name, node.status
                    );
                    findings.disagreement(Verdict::Warning, said, disagreements);
                }
            }
        }
        hosts.push(PgpoolHost { host: read.host.clone(), reachable: true, error: None, nodes });
    }
    let answered: Vec<&PgpoolHost> = hosts.iter().filter(|h| h.reachable).collect();
    if answered.is_empty() {
        let why: Vec<&str> = reads.iter().filter_map(|r| r.info.as_ref().err()).map(String::as_str).collect();
        let reason = format!("no Pgpool-II answered ({})", why.join("; "));
        return Section { verdict: Verdict::Unreachable, reason, details: Some(PgpoolDetails { pgpools: hosts }) };
    }
    let up = answered.iter().flat_map(|h| &h.nodes).filter(|n| n.status == "up").count();
    let nodes = answered.iter().map(|h| h.nodes.len()).sum::<usize>();
    let ok = format!(
        "{} of {} Pgpool-II answer: primary {}{}, {up} of {nodes} nodes up",
        answered.len(),
        reads.len(),
        leader_said,
        if cluster.is_some() { " (the leader)" } else { "" }
    );
    findings.section(ok, PgpoolDetails { pgpools: hosts })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::RawNode;
    use crate::tiers::pgpool::PoolNode;

    fn cluster(leader: &str) -> Cluster {
        let mut nodes = vec![RawNode { key: "leader".into(), value: leader.into(), mod_revision: 1, lease: 0 }];
        for (i, name) in ["pg0", "pg1", "pg2"].iter().enumerate() {
            let role = if *name == leader { "primary" } else { "replica" };
            let value = format!(
                r#"{{"conn_url":"postgres://127.0.0.1:{}/postgres","api_url":"http://127.0.0.1:{}/patroni","state":"running","role":"{role}","timeline":2{}}}"#,
                15432 + i,
                18008 + i,
                if role == "primary" { "" } else { r#","replication_state":"streaming""# }
            );
            nodes.push(RawNode { key: format!("members/{name}"), value, mod_revision: 1, lease: 0 });
        }
        Cluster::from_nodes("demo", &nodes)
    }

    fn pool(primary_port: u16, down: &[u16]) -> PgpoolRead {
        let node = |i: u16| PoolNode {
            node_id: i.into(),
            hostname: "127.0.0.1".into(),
            port: 15432 + i,
            status: if down.contains(&(15432 + i)) { "down".into() } else { "up".into() },
            pg_status: Some("up".into()),
            role: if 15432 + i == primary_port { "primary".into() } else { "standby".into() },
            pg_role: None,
            load_balance_node: false,
            replication_delay: Some(0),
            replication_state: None,
        };
        PgpoolRead {
            host: "127.0.0.1:9999".into(),
            info: Ok(PgpoolInfo { target: crate::tiers::pgpool::test_target(), nodes: (0..3).map(node).collect() }),
        }
    }

    #[test]
    fn pgpool_writing_to_the_leader_is_ok_and_to_another_member_is_a_critical_disagreement() {
        let mut disagreements = Vec::new();
        let ok = pgpool_section(&[pool(15432, &[])], Some(&cluster("pg0")), &mut disagreements);
        assert_eq!(ok.verdict, Verdict::Ok, "{}", ok.reason);
        assert_eq!(ok.reason, "1 of 1 Pgpool-II answer: primary pg0 (the leader), 3 of 3 nodes up");
        assert_eq!(ok.details.as_ref().unwrap().pgpools[0].nodes[1].member.as_deref(), Some("pg1"));
        assert!(disagreements.is_empty());

        let stale = pgpool_section(&[pool(15432, &[])], Some(&cluster("pg1")), &mut disagreements);
        assert_eq!(stale.verdict, Verdict::Critical);
        assert_eq!(disagreements, ["pgpool 127.0.0.1:9999 sends writes to pg0 but the leader is pg1"]);

        // A detached node whose member streams: a warning, named.
        let mut disagreements = Vec::new();
        let detached = pgpool_section(&[pool(15433, &[15432])], Some(&cluster("pg1")), &mut disagreements);
        assert_eq!(detached.verdict, Verdict::Warning, "{}", detached.reason);
        assert_eq!(disagreements, ["pgpool 127.0.0.1:9999 has node 0 (pg0) down but the member is streaming"]);

        let none = pgpool_section(&[pool(1, &[])], Some(&cluster("pg1")), &mut Vec::new());
        assert_eq!(none.verdict, Verdict::Critical);
        assert!(none.reason.contains("has no primary node up (the leader is pg1)"), "{}", none.reason);
        let dead = PgpoolRead { host: "127.0.0.1:9999".into(), info: Err("127.0.0.1:9999 refused".into()) };
        let unreachable = pgpool_section(&[dead], Some(&cluster("pg1")), &mut Vec::new());
        assert_eq!(unreachable.verdict, Verdict::Unreachable);
        assert_eq!(unreachable.reason, "no Pgpool-II answered (127.0.0.1:9999 refused)");
    }
}
