//! From what was read to verdicts, purely: each tier's verdict and reason, the places where two
//! tiers disagree, and the overall verdict (the worst tier's).

use super::members::{self, AgentAnswer, AgentProbe, MemberPostgres, PostgresDetails};
use super::pgpool::{PgpoolRead, pgpool_section};
use super::proxies::{self, PgbouncerRead};
use super::{
    EtcdDetails, EtcdEndpoint, PatroniDetails, PatroniMember, ScheduledSwitchover, Section, SentinelAnswer,
    SentinelDetails, StatusReport, Tiers, Verdict,
};
use crate::cluster::{Cluster, Position};
use crate::error::ErrorKind;
use crate::tiers::etcd::{AlarmList, EndpointHealth, HealthReport, MemberList, StatusReport as EtcdStatus};
use crate::tiers::haproxy::HaproxyStats;
use crate::tiers::postgres::ReplicationReport;
use crate::tiers::sentinel::{Addr, MasterInfo, ReplicaInfo};
use std::collections::BTreeMap;

/// Everything [`super::gather`] read; `None` where the tier is not configured.
pub struct Reads {
    pub cluster: String,
    pub etcd: Option<Result<EtcdRead, String>>,
    /// The cluster and the revision it was read at.
    pub dcs: Result<(Cluster, i64), (ErrorKind, String)>,
    /// The leader's replication views; `None` when there is no leader to ask.
    pub postgres: Option<Result<ReplicationReport, String>>,
    /// Each member's agent's answer to `GET /patroni`, by member name; `None` when no agent was
    /// asked (no cluster read).
    pub agents: Option<BTreeMap<String, AgentProbe>>,
    /// The PostgreSQL of every member but the leader (and of members that left the DCS shortly
    /// before the leader took the key), asked whether it is in recovery.
    pub other_postgres: Vec<MemberPostgres>,
    pub sentinels: Option<Vec<SentinelRead>>,
    pub redis_replicas: Option<Result<Vec<ReplicaInfo>, String>>,
    pub haproxy: Option<Result<HaproxyStats, String>>,
    pub pgbouncer: Option<Vec<PgbouncerRead>>,
    pub pgpool: Option<Vec<PgpoolRead>>,
}

pub struct EtcdRead {
    /// The cluster's members' endpoints, each checked.
    pub health: HealthReport,
    /// Configured endpoints that are not among the members' and do not answer.
    pub configured_down: Vec<EndpointHealth>,
    pub status: Option<EtcdStatus>,
    pub members: Option<MemberList>,
    pub alarms: Result<AlarmList, String>,
}

pub struct SentinelRead {
    pub sentinel: String,
    pub masters: Result<Vec<MasterInfo>, String>,
}

/// Problems found in one tier: the worst verdict so far and the sentences saying why.
#[derive(Default)]
pub(super) struct Findings {
    verdict: Option<Verdict>,
    problems: Vec<String>,
}

impl Findings {
    pub(super) fn add(&mut self, verdict: Verdict, problem: impl Into<String>) {
        self.verdict = Some(self.verdict.map_or(verdict, |v| v.worst(verdict)));
        self.problems.push(problem.into());
    }

    /// A problem that is also a disagreement between two tiers: in the tier's reason and in the
    /// report's list of disagreements.
    pub(super) fn disagreement(&mut self, verdict: Verdict, said: String, disagreements: &mut Vec<String>) {
        self.add(verdict, said.clone());
        disagreements.push(said);
    }

    /// The worst verdict and the problems, when there is any.
    pub(super) fn verdict_and_reason(self) -> Option<(Verdict, String)> {
        self.verdict.map(|v| (v, self.problems.join("; ")))
    }

    pub(super) fn section<T>(self, ok: String, details: T) -> Section<T> {
        match self.verdict {
            None => Section { verdict: Verdict::Ok, reason: ok, details: Some(details) },
            Some(verdict) => Section { verdict, reason: self.problems.join("; "), details: Some(details) },
        }
    }
}

pub fn evaluate(reads: Reads) -> StatusReport {
    let mut disagreements = Vec::new();
    let bad_input = match &reads.dcs {
        Err((ErrorKind::Usage, why)) => Some(why.clone()),
        _ => None,
    };
    let revision = reads.dcs.as_ref().ok().map(|(_, r)| *r);
    let etcd = match reads.etcd {
        None => Section::not_configured("etcd"),
        Some(Err(why)) => Section::unreachable(why),
        Some(Ok(read)) => etcd_section(&read, revision),
    };
    let (patroni, postgres) = match &reads.dcs {
        Err((kind, why)) => {
            let section = match kind {
                ErrorKind::Unreachable => Section::unreachable(format!("cannot read the DCS: {why}")),
                _ => Section { verdict: Verdict::Critical, reason: why.clone(), details: None },
            };
            (section, Section::unreachable("no cluster read from the DCS, so no leader to ask"))
        }
        Ok((cluster, _)) => {
            let patroni = patroni_section(cluster, reads.agents.as_ref(), &mut disagreements);
            let others = &reads.other_postgres;
            let postgres = match (&reads.postgres, cluster.leader_key_holder()) {
                (None, _) => Section::unreachable("no leader to read replication from"),
                (Some(Err(why)), leader) => {
                    // The leader's views unread, another PostgreSQL may still be seen writable.
                    let mut findings = Findings::default();
                    if let Some(leader) = leader {
                        members::split_brain_findings(leader, others, &mut findings, &mut disagreements);
                    }
                    findings.add(Verdict::Unreachable, why.clone());
                    let (verdict, reason) = findings.verdict_and_reason().expect("a finding was added");
                    Section { verdict, reason, details: None }
                }
                (Some(Ok(report)), _) => postgres_section(cluster, report, others, &mut disagreements),
            };
            (patroni, postgres)
        }
    };
    let sentinel = match reads.sentinels {
        None => Section::not_configured("sentinel"),
        Some(reads_) => sentinel_section(&reads_, reads.redis_replicas, &mut disagreements),
    };
    let cluster = reads.dcs.as_ref().ok().map(|(cluster, _)| cluster);
    let haproxy = match reads.haproxy {
        None => Section::not_configured("haproxy"),
        Some(Err(why)) => Section::unreachable(why),
        Some(Ok(stats)) => proxies::haproxy_section(&stats, cluster, &mut disagreements),
    };
    let pgbouncer = match reads.pgbouncer {
        None => Section::not_configured("pgbouncer"),
        Some(reads_) => proxies::pgbouncer_section(&reads_, cluster, &mut disagreements),
    };
    let pgpool = match reads.pgpool {
        None => Section::not_configured("pgpool"),
        Some(reads_) => pgpool_section(&reads_, cluster, &mut disagreements),
    };
    let tiers = Tiers { etcd, patroni, postgres, haproxy, pgpool, pgbouncer, sentinel };
    let verdicts = tiers.verdicts();
    let verdict = verdicts.iter().fold(Verdict::Ok, |worst, (_, v, _)| worst.worst(*v));
    let reason = if verdict == Verdict::Ok {
        "all configured tiers OK".to_string()
    } else {
        let bad: Vec<String> = verdicts
            .iter()
            .filter(|(_, v, _)| !matches!(v, Verdict::Ok | Verdict::NotConfigured))
            .map(|(t, v, why)| format!("{} {v}: {why}", t.key()))
            .collect();
        bad.join("; ")
    };
    let read = reads.dcs.ok().map(|(cluster, _)| cluster);
    StatusReport { cluster: reads.cluster, verdict, reason, disagreements, tiers, bad_input, standby_of: None, read }
}

fn etcd_section(read: &EtcdRead, revision: Option<i64>) -> Section<EtcdDetails> {
    let name_of =
        |id| read.members.as_ref().and_then(|l| l.members.iter().find(|m| m.id == id)).map(|m| m.name.clone());
    let statuses = read.status.as_ref().map(|s| s.endpoints.as_slice()).unwrap_or_default();
    let endpoints: Vec<EtcdEndpoint> = read
        .health
        .endpoints
        .iter()
        .map(|h| {
            let status = statuses.iter().find(|s| s.endpoint == h.endpoint);
            EtcdEndpoint {
                endpoint: h.endpoint.clone(),
                healthy: h.health,
                error: h.error.clone(),
                member: h.member_id.and_then(name_of).or_else(|| h.member_id.map(|id| id.to_string())),
                version: status.and_then(|s| s.version.clone()),
                db_size: status.and_then(|s| s.db_size),
                is_leader: status.is_some_and(|s| s.is_leader),
                raft_term: status.and_then(|s| s.raft_term),
            }
        })
        .collect();
    let mut leaders: Vec<_> = statuses.iter().filter_map(|s| s.leader).collect();
    leaders.sort_by_key(|id| id.0);
    leaders.dedup();
    let leader = leaders.first().map(|id| name_of(*id).unwrap_or_else(|| id.to_string()));
    let alarms = read.alarms.as_ref().map(|a| a.alarms.clone()).unwrap_or_default();
    let quorum = &read.health.quorum;
    let mut findings = Findings::default();
    // A member that answers but serves no read (it sees no leader) is etcd there and without
    // quorum: CRITICAL, not unreachable.
    let answered = read.health.endpoints.iter().any(|e| e.health || e.member_id.is_some());
    if !answered {
        findings.add(Verdict::Unreachable, "no etcd endpoint answered");
    } else if !quorum.held {
        findings.add(Verdict::Critical, quorum.to_string());
    }
    for e in endpoints.iter().filter(|e| !e.healthy) {
        findings.add(
            Verdict::Warning,
            format!("endpoint {} is unhealthy ({})", e.endpoint, e.error.as_deref().unwrap_or("no answer")),
        );
    }
    for e in &read.configured_down {
        findings.add(
            Verdict::Warning,
            format!(
                "configured endpoint {} does not answer ({})",
                e.endpoint,
                e.error.as_deref().unwrap_or("no answer")
            ),
        );
    }
    if read.status.is_none() {
        findings.add(Verdict::Warning, "no endpoint answered the status request");
    } else if quorum.healthy > 0 && leaders.is_empty() {
        findings.add(Verdict::Critical, "no endpoint names a raft leader");
    } else if leaders.len() > 1 {
        findings.add(Verdict::Critical, format!("the endpoints name {} different raft leaders", leaders.len()));
    }
    for alarm in &alarms {
        findings.add(Verdict::Critical, format!("alarm {} on member {}", alarm.alarm, alarm.member_id));
    }
    // Listing alarms needs quorum: without it, that they are unreadable says nothing more.
    if let Err(why) = &read.alarms
        && quorum.held
    {
        findings.add(Verdict::Warning, format!("alarms unreadable: {why}"));
    }
    let ok = format!("{}, leader {}", quorum, leader.as_deref().unwrap_or("unknown"));
    let members = read.members.as_ref().map(|l| l.members.clone()).unwrap_or_default();
    findings.section(ok, EtcdDetails { quorum: quorum.clone(), leader, revision, endpoints, members, alarms })
}

fn patroni_section(
    cluster: &Cluster,
    agents: Option<&BTreeMap<String, AgentProbe>>,
    disagreements: &mut Vec<String>,
) -> Section<PatroniDetails> {
    let leader = cluster.leader_key_holder().map(str::to_string);
    let members: Vec<PatroniMember> = cluster
        .member_views()
        .into_iter()
        .map(|view| {
            let member = cluster.member(view.name);
            let lag = view.positions.and_then(|p| match (p.replay, p.receive, p.current) {
                (Position::Known { lag, .. }, _, _) | (_, Position::Known { lag, .. }, _) => Some(lag),
                (_, _, Position::Known { lag, .. }) => Some(lag),
                _ => None,
            });
            let key_role = member.and_then(|m| m.role.clone());
            PatroniMember {
                role: view.role.as_key().to_string(),
                agent_role: members::agent_role(view.name, key_role.as_ref(), agents),
                key_role,
                agent: agents.and_then(|a| a.get(view.name)).map(AgentAnswer::of),
                state: view.state.to_string(),
                host: view.host.map(str::to_string),
                port: view.port,
                timeline: member.and_then(|m| m.timeline),
                lag_bytes: lag,
                pending_restart: view.pending_restart,
                scheduled_restart: view.scheduled_restart.cloned(),
                nofailover: member.is_some_and(|m| m.tags.nofailover),
                name: view.name.to_string(),
            }
        })
        .collect();
    let maximum_lag = cluster.maximum_lag_on_failover();
    let timeline = cluster.leader_member().and_then(|m| m.timeline);
    let scheduled_switchover = cluster
        .failover
        .as_ref()
        .filter(|f| f.scheduled_at.is_some())
        .map(|f| ScheduledSwitchover { at: f.scheduled_at.clone(), from: f.leader.clone(), to: f.candidate.clone() });
    let mut findings = Findings::default();
    match (&leader, cluster.leader_member()) {
        (None, _) => findings.add(Verdict::Critical, "no leader: the leader key is empty"),
        (Some(name), None) => {
            findings.add(Verdict::Critical, format!("the leader key names {name}, which has no member key"))
        }
        (Some(name), Some(m)) => {
            if !m.reports_primary() && !cluster.is_standby_cluster() {
                let said = format!(
                    "etcd leader key says {name} but {name}'s agent reports role {}",
                    m.role.as_deref().unwrap_or("none")
                );
                findings.disagreement(Verdict::Critical, said, disagreements);
            }
            if !m.is_running() {
                findings.add(Verdict::Critical, format!("leader {name} is {}", m.state_or_unknown()));
            }
        }
    }
    if let Some(agents) = agents {
        members::agent_findings(cluster, agents, &mut findings, disagreements);
    }
    for m in members.iter().filter(|m| !m.is_leader()) {
        if !matches!(m.state.as_str(), "running" | "streaming") {
            let what = match cluster.member(&m.name).and_then(|member| member.invalid.as_ref()) {
                Some(_) => format!("member {}'s key in the DCS is not valid JSON", m.name),
                None if m.state.is_empty() => format!("member {} publishes no state", m.name),
                None => format!("member {} is {}", m.name, m.state),
            };
            findings.add(Verdict::Warning, what);
        }
        if let Some(lag) = m.lag_bytes.filter(|lag| *lag > maximum_lag) {
            findings.add(
                Verdict::Warning,
                format!("member {} lags {lag} bytes (more than maximum_lag_on_failover, {maximum_lag})", m.name),
            );
        }
        if let (Some(tl), Some(leader_tl)) = (m.timeline, timeline)
            && tl != leader_tl
        {
            findings.add(Verdict::Warning, format!("member {} is on timeline {tl}, the leader on {leader_tl}", m.name));
        }
    }
    if cluster.is_paused() {
        findings.add(Verdict::Warning, "the cluster is paused (maintenance mode: no automatic failover)");
    }
    if let Some(s) = &scheduled_switchover {
        findings.add(
            Verdict::Warning,
            format!(
                "a switchover is scheduled at {} (from {} to {})",
                s.at.as_deref().unwrap_or("?"),
                s.from.as_deref().unwrap_or("the leader"),
                s.to.as_deref().unwrap_or("any candidate")
            ),
        );
    }
    for m in &members {
        if m.pending_restart {
            findings.add(Verdict::Warning, format!("member {} is pending restart", m.name));
        }
        if m.scheduled_restart.is_some() {
            findings.add(Verdict::Warning, format!("member {} has a scheduled restart", m.name));
        }
    }
    let running = members.iter().filter(|m| matches!(m.state.as_str(), "running" | "streaming")).count();
    let ok = format!(
        "leader {}, {running} of {} members running, timeline {}",
        leader.as_deref().unwrap_or("none"),
        members.len(),
        timeline.map_or("unknown".to_string(), |t| t.to_string())
    );
    let sync_standbys = cluster.sync.voters().into_iter().map(str::to_string).collect();
    findings.section(
        ok,
        PatroniDetails {
            leader,
            paused: cluster.is_paused(),
            timeline,
            sync_standbys,
            scheduled_switchover,
            maximum_lag_bytes: maximum_lag,
            members,
        },
    )
}

/// Patroni's slot name for a member (`slot_name_from_member_name`): lower case, other
/// characters than `[a-z0-9_]` as `_`.
fn slot_name(member: &str) -> String {
    member.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect()
}

fn postgres_section(
    cluster: &Cluster,
    report: &ReplicationReport,
    others: &[MemberPostgres],
    disagreements: &mut Vec<String>,
) -> Section<PostgresDetails> {
    let mut findings = Findings::default();
    let leader = &report.member;
    members::split_brain_findings(leader, others, &mut findings, disagreements);
    for member in cluster.members.iter().filter(|m| &m.name != leader && m.is_running()) {
        if !report.replicas.iter().any(|r| r.application_name == member.name) {
            let said = format!(
                "patroni lists replica {} as {} but the leader {leader} has no WAL sender for it",
                member.name,
                member.replication_state.as_deref().unwrap_or("running")
            );
            findings.disagreement(Verdict::Warning, said, disagreements);
        }
    }
    for r in report.replicas.iter().filter(|r| r.state != "streaming") {
        findings.add(Verdict::Warning, format!("replica {} is {}", r.application_name, r.state));
    }
    let permanent = cluster.permanent_slots();
    // A physical slot Patroni keeps for a member, while no such member is in the DCS.
    let of_no_member = |slot: &crate::tiers::postgres::Slot| {
        slot.slot_type == "physical"
            && !cluster.members.iter().any(|m| slot_name(&m.name) == slot.name)
            && cluster.member(&slot.name).is_none()
            && !permanent.contains(&slot.name.as_str())
    };
    for slot in report.slots.iter().filter(|s| !s.active) {
        let retained = slot.retained_bytes.map_or(String::new(), |b| format!(" and retains {b} bytes of WAL"));
        findings.add(Verdict::Warning, format!("slot {} is inactive{retained}", slot.name));
        if of_no_member(slot) {
            disagreements.push(format!(
                "the leader {leader} keeps slot {} for a member that is not in the DCS (stopped?)",
                slot.name
            ));
        }
    }
    // Its PostgreSQL streams while its key is gone: its Patroni stopped or hangs.
    for slot in report.slots.iter().filter(|s| s.active && of_no_member(s)) {
        let said = format!(
            "the leader {leader} streams WAL through slot {} to a member that is not in the DCS (its Patroni stopped or hangs?)",
            slot.name
        );
        findings.disagreement(Verdict::Warning, said, disagreements);
    }
    let archiver = &report.archiver;
    if archiver.failed_count > 0 && archiver.last_failed_time > archiver.last_archived_time {
        findings.add(
            Verdict::Warning,
            format!(
                "WAL archiving fails: last failed {} at {}",
                archiver.last_failed_wal.as_deref().unwrap_or("?"),
                archiver.last_failed_time.as_deref().unwrap_or("?")
            ),
        );
    }
    let streaming = report.replicas.iter().filter(|r| r.state == "streaming").count();
    let ok = format!(
        "leader {leader}: {streaming} replicas streaming, {} slots, {} WAL files archived",
        report.slots.len(),
        archiver.archived_count
    );
    findings.section(ok, PostgresDetails { replication: report.clone(), other_members: others.to_vec() })
}

fn sentinel_section(
    reads: &[SentinelRead],
    replicas: Option<Result<Vec<ReplicaInfo>, String>>,
    disagreements: &mut Vec<String>,
) -> Section<SentinelDetails> {
    // The master name: the only one monitored, else the first by name.
    let master = reads.iter().filter_map(|r| r.masters.as_ref().ok()).flatten().map(|m| m.name.clone()).min();
    let answers: Vec<SentinelAnswer> = reads
        .iter()
        .map(|r| {
            let info = r.masters.as_ref().ok().and_then(|ms| ms.iter().find(|m| Some(&m.name) == master.as_ref()));
            SentinelAnswer {
                sentinel: r.sentinel.clone(),
                master_addr: info.map(|m| m.addr.clone()),
                quorum: info.map(|m| m.quorum),
                error: match &r.masters {
                    Err(e) => Some(e.clone()),
                    Ok(_) if info.is_none() => {
                        Some(format!("monitors no master {}", master.as_deref().unwrap_or("at all")))
                    }
                    Ok(_) => None,
                },
            }
        })
        .collect();
    let answered: Vec<&SentinelAnswer> = answers.iter().filter(|a| a.master_addr.is_some()).collect();
    let mut findings = Findings::default();
    if answered.is_empty() {
        let why: Vec<String> =
            answers.iter().map(|a| format!("{}: {}", a.sentinel, a.error.as_deref().unwrap_or("?"))).collect();
        return Section::unreachable(format!("no Sentinel answered ({})", why.join("; ")));
    }
    // The address most Sentinels name; the others are named as disagreeing.
    let mut counts: Vec<(&Addr, usize)> = Vec::new();
    for a in &answered {
        let addr = a.master_addr.as_ref().expect("answered");
        match counts.iter_mut().find(|(c, _)| *c == addr) {
            Some((_, n)) => *n += 1,
            None => counts.push((addr, 1)),
        }
    }
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let agreed = counts[0].0.clone();
    let name = master.clone().unwrap_or_default();
    for a in answered.iter().filter(|a| a.master_addr.as_ref() != Some(&agreed)) {
        let said = format!(
            "sentinel {} names master {name} at {}, the others {agreed}",
            a.sentinel,
            a.master_addr.as_ref().expect("answered")
        );
        findings.disagreement(Verdict::Critical, said, disagreements);
    }
    let quorum = answered.iter().filter_map(|a| a.quorum).max();
    let reachable = answered.len();
    for a in answers.iter().filter(|a| a.master_addr.is_none()) {
        findings.add(
            Verdict::Warning,
            format!("sentinel {} did not answer ({})", a.sentinel, a.error.as_deref().unwrap_or("?")),
        );
    }
    if let Some(q) = quorum
        && (reachable as u64) < q
    {
        findings.add(Verdict::Critical, format!("only {reachable} Sentinels answer, quorum {q} cannot be reached"));
    }
    let replicas = match replicas {
        None => Vec::new(),
        Some(Err(why)) => {
            findings.add(Verdict::Warning, format!("the Redis replicas are unreadable: {why}"));
            Vec::new()
        }
        Some(Ok(replicas)) => replicas,
    };
    for r in &replicas {
        if r.master_link_status != "ok" {
            findings.add(Verdict::Warning, format!("redis replica {} has its link to the master down", r.addr));
        }
        if let Some(theirs) = r.master.as_ref().filter(|m| **m != agreed) {
            let said = format!("redis replica {} reports master {theirs}, the Sentinels name {agreed}", r.addr);
            findings.disagreement(Verdict::Warning, said, disagreements);
        }
    }
    let linked = replicas.iter().filter(|r| r.master_link_status == "ok").count();
    let ok = format!(
        "{reachable} of {} Sentinels agree: master {name} at {agreed} (quorum {}), {linked} Redis {} linked",
        answers.len(),
        quorum.map_or("?".to_string(), |q| q.to_string()),
        if linked == 1 { "replica" } else { "replicas" }
    );
    findings.section(ok, SentinelDetails { master, master_addr: Some(agreed), quorum, sentinels: answers, replicas })
}

#[cfg(test)]
#[path = "verdict_tests.rs"]
mod tests;
