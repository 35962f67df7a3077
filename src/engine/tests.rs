use super::verify::not_streaming;
use super::*;
use crate::cluster::{test_member, test_node};

fn cluster(extra: &[RawNode]) -> Cluster {
    let mut nodes = vec![
        test_node("config", r#"{"maximum_lag_on_failover":1048576}"#),
        test_node("leader", "pg0"),
        test_node("status", r#"{"optime":100}"#),
        test_member("pg0", "primary", ""),
        test_member("pg1", "replica", ""),
        test_member("pg2", "replica", ""),
    ];
    for e in extra {
        nodes.retain(|n| n.key != e.key);
        nodes.push(e.clone());
    }
    Cluster::from_nodes("demo", &nodes)
}

fn request(candidate: Option<&str>) -> Request {
    Request {
        action: Action::Switchover,
        leader: None,
        candidate: candidate.map(Into::into),
        scheduled_at: None,
        confirmed: false,
    }
}

fn verdict<'a>(plan: &'a Plan, name: &str) -> &'a Verdict {
    &plan.checks.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no check {name}")).verdict
}

#[test]
fn named_candidate_passes_every_check() {
    let plan = plan(&cluster(&[]), &request(Some("pg1")), &Preflight::default());
    assert_eq!(plan.refusal(), None, "{:#?}", plan.checks);
    assert_eq!(plan.candidate.as_deref(), Some("pg1"));
    assert_eq!(plan.leader.as_deref(), Some("pg0"));
}

#[test]
fn refusals_name_the_reason() {
    let c = cluster(&[test_member("pg2", "replica", r#","tags":{"nofailover":true}"#)]);
    assert!(matches!(
        verdict(&plan(&c, &request(Some("pg2")), &Preflight::default()), "candidate_nofailover"),
        Verdict::Failed(_)
    ));
    let p = plan(&c, &request(Some("pg0")), &Preflight::default());
    assert!(p.refusal().unwrap().contains("already the leader"));
    let p = plan(&c, &request(Some("nobody")), &Preflight::default());
    assert!(p.refusal().unwrap().contains("does not exist"));
    let mut wrong_leader = request(Some("pg1"));
    wrong_leader.leader = Some("pg1".into());
    assert!(plan(&c, &wrong_leader, &Preflight::default()).refusal().unwrap().contains("is not the leader"));
}

#[test]
fn lagging_candidate_is_refused() {
    let c = cluster(&[test_node("status", r#"{"optime":5000000}"#)]);
    let p = plan(&c, &request(Some("pg1")), &Preflight::default());
    assert!(matches!(verdict(&p, "candidate_lag"), Verdict::Failed(r) if r.contains("maximum_lag_on_failover")));
}

#[test]
fn no_candidate_picks_least_lag_then_priority() {
    let c = cluster(&[
        test_member("pg1", "replica", r#","tags":{"failover_priority":1}"#),
        test_member("pg2", "replica", r#","tags":{"failover_priority":5}"#),
    ]);
    let p = plan(&c, &request(None), &Preflight::default());
    assert_eq!(p.candidate.as_deref(), Some("pg2"), "same lag, higher priority");
    assert!(p.candidate_chosen);
    let c = cluster(&[test_node(
        "members/pg2",
        r#"{"state":"running","role":"replica","timeline":1,"replication_state":"streaming","replay_lsn":50,"tags":{"failover_priority":5}}"#,
    )]);
    assert_eq!(plan(&c, &request(None), &Preflight::default()).candidate.as_deref(), Some("pg1"), "less lag wins");
}

#[test]
fn pause_and_schedule_rules() {
    let paused = cluster(&[test_node("config", r#"{"pause":true}"#)]);
    let mut scheduled = request(Some("pg1"));
    scheduled.scheduled_at = Some(DateTime::parse_from_rfc3339("2099-01-01T00:00:00+00:00").unwrap());
    assert!(plan(&paused, &scheduled, &Preflight::default()).refusal().unwrap().contains("paused state"));
    let mut failover = request(Some("pg1"));
    failover.action = Action::Failover;
    assert_eq!(plan(&paused, &failover, &Preflight::default()).refusal(), None, "failover is allowed while paused");
}

#[test]
fn sync_mode_refuses_an_async_switchover_and_asks_before_an_async_failover() {
    let lagging_sync =
        r#"{"state":"running","role":"replica","timeline":1,"replication_state":"streaming","replay_lsn":90}"#;
    let c = cluster(&[
        test_node("config", r#"{"synchronous_mode":true}"#),
        test_node("sync", r#"{"leader":"pg0","sync_standby":"pg2"}"#),
        test_node("members/pg2", lagging_sync),
    ]);
    let mut forced = request(Some("pg1"));
    forced.confirmed = true;
    let p = plan(&c, &forced, &Preflight::default());
    let refusal = p.refusal().expect("Patroni refuses a switchover to an async member");
    assert!(refusal.contains("pg1 is not a synchronous standby (the synchronous standbys: pg2)"), "{refusal}");
    let mut failover = request(Some("pg1"));
    failover.action = Action::Failover;
    assert_eq!(plan(&c, &failover, &Preflight::default()).needs_confirmation().len(), 1);
    failover.confirmed = true;
    assert!(plan(&c, &failover, &Preflight::default()).needs_confirmation().is_empty());

    // No candidate, even forced and with pg1 less behind: the sync standby (patroni#2074).
    let mut any = request(None);
    any.confirmed = true;
    let p = plan(&c, &any, &Preflight::default());
    assert_eq!(p.candidate.as_deref(), Some("pg2"));
    let candidate = p.checks.iter().find(|c| c.name == "candidate").unwrap();
    assert!(candidate.detail.starts_with("pg2 chosen: eligible, a synchronous standby"), "{}", candidate.detail);
    assert_eq!(p.passed_over.len(), 1);
    assert_eq!(p.passed_over[0].member, "pg1");
    assert!(p.passed_over[0].reason.contains("not a synchronous standby"), "{}", p.passed_over[0].reason);
}

#[test]
fn quorum_mode_switches_over_only_within_an_active_sync_key() {
    let c = cluster(&[
        test_node("config", r#"{"synchronous_mode":"quorum"}"#),
        test_node("sync", r#"{"leader":"pg0","sync_standby":"pg2","quorum":0}"#),
    ]);
    let p = plan(&c, &request(None), &Preflight::default());
    assert_eq!(p.candidate.as_deref(), Some("pg2"));
    assert!(p.passed_over[0].reason.contains("pg1 is not a quorum standby"), "{:?}", p.passed_over);
    let refusal = plan(&c, &request(Some("pg1")), &Preflight::default()).refusal().unwrap();
    assert!(refusal.contains("the leader drops any candidate outside /sync"), "{refusal}");
    // Before the leader has written /sync, Patroni takes any member.
    let c = cluster(&[test_node("config", r#"{"synchronous_mode":"quorum"}"#)]);
    assert!(plan(&c, &request(Some("pg1")), &Preflight::default()).refusal().is_none());
    // In synchronous mode an empty /sync refuses every switchover candidate, as the agent does.
    let c = cluster(&[test_node("config", r#"{"synchronous_mode":true}"#)]);
    let refusal = plan(&c, &request(Some("pg1")), &Preflight::default()).refusal().unwrap();
    assert!(refusal.contains("(/sync names none)"), "{refusal}");
}

#[test]
fn every_member_passed_over_is_named_with_its_reason() {
    let c = cluster(&[test_member("pg1", "replica", r#","tags":{"nofailover":true}"#)]);
    let p = plan(&c, &request(None), &Preflight::default());
    assert_eq!(p.candidate.as_deref(), Some("pg2"));
    assert!(p.passed_over[0].reason.contains("nofailover (candidate_nofailover)"), "{:?}", p.passed_over);
}

#[test]
fn etcd_alarm_and_silent_agent_refuse() {
    let facts = Preflight {
        alarms: vec!["NOSPACE".into()],
        probes: BTreeMap::from([("pg1".to_string(), Probe::NoAnswer("timed out".into()))]),
        ..Preflight::default()
    };
    let p = plan(&cluster(&[]), &request(Some("pg1")), &facts);
    let refusal = p.refusal().unwrap();
    assert!(refusal.contains("NOSPACE") && refusal.contains("does not answer"), "{refusal}");
}

/// A switchover pg0 -> pg1 from timeline `old_timeline`, awaiting pg0, pg1 and pg2.
fn converges(cluster: &Cluster, old_timeline: u64) -> Result<(), String> {
    let members = ["pg0", "pg1", "pg2"].map(String::from);
    let vanished = BTreeMap::new();
    let expected = Expected {
        old_leader: Some("pg0"),
        candidate: Some("pg1"),
        old_timeline: Some(old_timeline),
        members: &members,
        vanished: &vanished,
    };
    convergence(cluster, &expected)
}

/// `members/NAME`: a running member in `role` streaming on `timeline`, as the watch sees it.
fn streaming(name: &str, role: &str, timeline: u64) -> RawNode {
    test_node(
        &format!("members/{name}"),
        &format!(r#"{{"state":"running","role":"{role}","timeline":{timeline},"replication_state":"streaming"}}"#),
    )
}

#[test]
fn convergence_needs_new_leader_new_timeline_and_streaming_replicas() {
    let switched = |pg0: RawNode| {
        cluster(&[
            test_node("leader", "pg1"),
            test_node("members/pg1", r#"{"state":"running","role":"primary","timeline":2}"#),
            pg0,
            streaming("pg2", "replica", 2),
        ])
    };
    let stopped = switched(test_node("members/pg0", r#"{"state":"stopped","role":"replica","timeline":1}"#));
    assert!(converges(&stopped, 1).unwrap_err().contains("pg0"));
    let done = switched(streaming("pg0", "replica", 2));
    assert_eq!(converges(&done, 1), Ok(()));
    assert!(converges(&cluster(&[]), 1).is_err());
}

#[test]
fn a_planned_member_whose_key_expired_is_still_awaited_and_named() {
    // pg0 led on timeline 1; pg1 now leads on 2, pg2 streams, and pg0's key is gone.
    let after = Cluster::from_nodes(
        "demo",
        &[
            test_node("leader", "pg1"),
            test_node("members/pg1", r#"{"state":"running","role":"primary","timeline":2}"#),
            streaming("pg2", "replica", 2),
        ],
    );
    let members = ["pg0", "pg1", "pg2"].map(String::from);
    let vanished = BTreeMap::from([("pg0".to_string(), Duration::from_millis(21_900))]);
    let expected = Expected {
        old_leader: Some("pg0"),
        candidate: Some("pg1"),
        old_timeline: Some(1),
        members: &members,
        vanished: &vanished,
    };
    let waiting = convergence(&after, &expected).unwrap_err();
    assert!(waiting.contains("pg0") && waiting.contains("no member key since 21.9s"), "{waiting}");
    // Not awaited (a failover's member that was not running before): converged, and named missing.
    let members = ["pg1", "pg2"].map(String::from);
    assert_eq!(convergence(&after, &Expected { members: &members, ..expected }), Ok(()));
    let before = cluster(&[test_member("pg2", "replica", r#","state":"stopped""#)]);
    assert_eq!(not_streaming(&before, &after, Some("pg1"), Some(2)), ["pg0"]);
    let probes = BTreeMap::new();
    assert_eq!(awaited_members(&before, Action::Failover, &probes), ["pg0", "pg1"], "pg2 was stopped");
    assert_eq!(awaited_members(&before, Action::Switchover, &probes), ["pg0", "pg1", "pg2"]);
    // A dead leader's key still says running: its silent agent tells.
    let probes = BTreeMap::from([("pg0".to_string(), Probe::NoAnswer("refused".into()))]);
    assert_eq!(awaited_members(&before, Action::Failover, &probes), ["pg1"]);
    assert_eq!(awaited_members(&before, Action::Switchover, &probes), ["pg0", "pg1", "pg2"]);
}

#[test]
fn a_standby_cluster_converges_on_a_streaming_standby_leader_on_the_same_timeline() {
    let standby = |pg1: RawNode| {
        cluster(&[
            test_node("config", r#"{"standby_cluster":{"host":"10.0.0.1","port":5432}}"#),
            test_node("leader", "pg1"),
            pg1,
            streaming("pg0", "replica", 3),
            streaming("pg2", "replica", 3),
        ])
    };
    let done = standby(streaming("pg1", "standby_leader", 3));
    assert_eq!(converges(&done, 3), Ok(()));
    // Just made standby leader, pg1 still publishes its last restartpoint's timeline (2) while
    // its replicas receive the primary cluster's (3): converged all the same.
    let stale = standby(streaming("pg1", "standby_leader", 2));
    assert_eq!(converges(&stale, 3), Ok(()));
    let not_streaming =
        standby(test_node("members/pg1", r#"{"state":"running","role":"standby_leader","timeline":3}"#));
    let waiting = converges(&not_streaming, 3).unwrap_err();
    assert!(waiting.contains("standby leader, streaming"), "{waiting}");
    let archive = cluster(&[
        test_node("config", r#"{"standby_cluster":{"restore_command":"cp /archive/%f %p"}}"#),
        test_node("leader", "pg1"),
        test_node(
            "members/pg1",
            r#"{"state":"running","role":"standby_leader","timeline":3,"replication_state":"in archive recovery"}"#,
        ),
        streaming("pg0", "replica", 3),
        streaming("pg2", "replica", 3),
    ]);
    assert_eq!(converges(&archive, 3), Ok(()), "an archive-fed standby leader");
    let p = plan(&done, &request(Some("pg0")), &Preflight::default());
    let sync = p.checks.iter().find(|c| c.name == "synchronous_mode").unwrap();
    assert!(matches!(sync.verdict, Verdict::Skipped(_)));
}

/// What `GET /patroni` of a replica answers, for `Probe::Answered`.
fn agent_says(body: &str) -> Probe {
    Probe::Answered(AgentFacts::from_status(&serde_json::from_str(body).unwrap()))
}

fn probed(name: &str, body: &str) -> Preflight {
    Preflight { probes: BTreeMap::from([(name.to_string(), agent_says(body))]), ..Preflight::default() }
}

fn check<'a>(plan: &'a Plan, name: &str) -> &'a Check {
    plan.checks.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no check {name}"))
}

const STANDBY_CONFIG: &str =
    r#"{"standby_cluster":{"host":"10.0.0.1","port":5432,"restore_command":"cp /archive/%f %p"}}"#;
const STREAMING_AGENT: &str = r#"{"state":"running","role":"replica","timeline":1,"replication_state":"streaming","xlog":{"received_location":100,"replayed_location":100,"paused":false}}"#;
const ARCHIVE_KEY: &str =
    r#"{"state":"running","role":"replica","timeline":1,"replication_state":"in archive recovery","replay_lsn":100}"#;

#[test]
fn the_agent_parses_into_typed_facts() {
    let replica = AgentFacts::from_status(&serde_json::from_str(STREAMING_AGENT).unwrap());
    assert_eq!(replica.state, "running");
    assert_eq!(replica.replication_state.as_deref(), Some("streaming"));
    assert_eq!((replica.timeline, replica.received_lsn, replica.replayed_lsn), (Some(1), Some(100), Some(100)));
    let primary = AgentFacts::from_status(
        &serde_json::json!({"state":"running","role":"primary","timeline":3,"xlog":{"location":700}}),
    );
    assert_eq!((primary.wal_position(), primary.timeline), (Some(700), Some(3)));
    let lagging = AgentFacts::from_status(
        &serde_json::json!({"xlog":{"received_location":900,"replayed_location":400},"timeline":0}),
    );
    assert_eq!((lagging.state.as_str(), lagging.timeline), ("unknown", None));
    assert_eq!((lagging.wal_position(), lagging.replayed_position()), (Some(900), Some(400)));
}

/// Issue 19: the member key, one loop old, still says `in archive recovery` while the agent
/// already streams: the agent decides, and the plan says so.
#[test]
fn a_stale_member_key_is_overruled_by_the_streaming_agent() {
    for config in [r#"{"maximum_lag_on_failover":1048576}"#, STANDBY_CONFIG] {
        let c = cluster(&[test_node("config", config), test_node("members/pg1", ARCHIVE_KEY)]);
        let p = plan(&c, &request(Some("pg1")), &probed("pg1", STREAMING_AGENT));
        assert_eq!(p.refusal(), None, "{config}: {:#?}", p.checks);
        let running = check(&p, "candidate_running");
        assert_eq!(running.source, Some(Source::Agent));
        assert_eq!(
            running.detail,
            "pg1 is streaming (its agent; its member key still says running/in archive recovery)"
        );
        let json = serde_json::to_value(running).unwrap();
        assert_eq!(json["source"], "agent", "{json}");
        assert_eq!(serde_json::to_value(check(&p, "candidate_lag")).unwrap()["source"], "member key");
        // With no candidate named, the same member is chosen, as in the issue.
        assert_eq!(plan(&c, &request(None), &probed("pg1", STREAMING_AGENT)).candidate.as_deref(), Some("pg1"));
    }
    // Without the agent's word the key decides: refused in a primary cluster.
    let c = cluster(&[test_node("members/pg1", ARCHIVE_KEY)]);
    let refusal = plan(&c, &request(Some("pg1")), &Preflight::default()).refusal().unwrap();
    assert!(refusal.contains("pg1 is running/in archive recovery, not running and streaming"), "{refusal}");
    assert!(plan(&c, &request(None), &Preflight::default()).passed_over.iter().any(|p| p.member == "pg1"));
}

#[test]
fn a_candidate_that_is_truly_not_streaming_is_still_refused_in_a_primary_cluster() {
    let c = cluster(&[test_node("members/pg1", ARCHIVE_KEY)]);
    let archive_agent = STREAMING_AGENT.replace(r#""streaming""#, r#""in archive recovery""#);
    let p = plan(&c, &request(Some("pg1")), &probed("pg1", &archive_agent));
    let running = check(&p, "candidate_running");
    assert!(matches!(running.verdict, Verdict::Failed(_)));
    assert_eq!(running.source, Some(Source::Agent));
    assert!(running.detail.ends_with("its agent says running/in archive recovery"), "{}", running.detail);
    // Stopped, by the key and by the agent: refused, in a standby cluster too.
    let stopped_key = r#"{"state":"stopped","role":"replica","timeline":1}"#;
    let stopped_agent = r#"{"state":"stopped","role":"replica"}"#;
    for config in [r#"{}"#, STANDBY_CONFIG] {
        let c = cluster(&[test_node("config", config), test_node("members/pg1", stopped_key)]);
        let p = plan(&c, &request(Some("pg1")), &probed("pg1", stopped_agent));
        assert!(matches!(check(&p, "candidate_running").verdict, Verdict::Failed(_)), "{config}");
        assert!(matches!(check(&p, "candidate_agent").verdict, Verdict::Failed(_)), "{config}");
    }
}

/// What Patroni accepts in a standby cluster, hactl accepts: a running replica not streaming
/// (its lag decides), a received-but-not-replayed position, another timeline without
/// `check_timeline`.
#[test]
fn a_standby_cluster_refuses_nothing_patroni_accepts() {
    let archive_agent = STREAMING_AGENT.replace(r#""streaming""#, r#""in archive recovery""#);
    let c = cluster(&[test_node("config", STANDBY_CONFIG), test_node("members/pg1", ARCHIVE_KEY)]);
    let p = plan(&c, &request(Some("pg1")), &probed("pg1", &archive_agent));
    assert_eq!(p.refusal(), None, "{:#?}", p.checks);
    assert!(check(&p, "candidate_running").detail.contains("Patroni accepts a running replica"));

    // Received 5 MB, replayed nothing of it: Patroni counts the larger.
    let behind_replay = r#"{"state":"running","role":"replica","timeline":1,"replication_state":"streaming","receive_lsn":5000000,"replay_lsn":100,"xlog_location":5000000}"#;
    let status = test_node("status", r#"{"optime":5000000}"#);
    let standby =
        cluster(&[test_node("config", STANDBY_CONFIG), status.clone(), test_node("members/pg1", behind_replay)]);
    let p = plan(&standby, &request(Some("pg1")), &Preflight::default());
    assert!(matches!(check(&p, "candidate_lag").verdict, Verdict::Passed), "{:#?}", p.checks);
    let primary = cluster(&[status, test_node("members/pg1", behind_replay)]);
    let p = plan(&primary, &request(Some("pg1")), &Preflight::default());
    assert!(
        matches!(check(&p, "candidate_lag").verdict, Verdict::Failed(_)),
        "hactl wants replay in a primary cluster"
    );

    // Another timeline: Patroni compares only with check_timeline, and then refuses only behind.
    let other = r#"{"state":"running","role":"replica","timeline":2,"replication_state":"streaming","replay_lsn":100}"#;
    let c = cluster(&[test_node("config", STANDBY_CONFIG), test_node("members/pg1", other)]);
    assert!(matches!(
        verdict(&plan(&c, &request(Some("pg1")), &Preflight::default()), "candidate_timeline"),
        Verdict::Passed
    ));
    let checked = r#"{"standby_cluster":{"host":"10.0.0.1"},"check_timeline":true}"#;
    let behind = other.replace(r#""timeline":2"#, r#""timeline":0"#);
    let c = cluster(&[test_node("config", checked), test_node("members/pg1", &behind)]);
    assert!(matches!(
        verdict(&plan(&c, &request(Some("pg1")), &Preflight::default()), "candidate_timeline"),
        Verdict::Failed(_)
    ));
    let c = cluster(&[test_node("members/pg1", other)]);
    assert!(matches!(
        verdict(&plan(&c, &request(Some("pg1")), &Preflight::default()), "candidate_timeline"),
        Verdict::Failed(_)
    ));
}

#[test]
fn lag_and_timeline_ask_the_agent_when_the_key_alone_fails() {
    // The key's position is a loop old; the agent has caught up.
    let c = cluster(&[test_node("status", r#"{"optime":5000000}"#)]);
    let caught_up = STREAMING_AGENT.replace("100", "5000000");
    let p = plan(&c, &request(Some("pg1")), &probed("pg1", &caught_up));
    let lag = check(&p, "candidate_lag");
    assert!(matches!(lag.verdict, Verdict::Passed) && lag.source == Some(Source::Agent), "{lag:?}");
    assert!(lag.detail.contains("its agent; its member key still says 4999900 bytes"), "{}", lag.detail);
    // Truly lagging: the agent says so too, and the refusal names it.
    let p = plan(&c, &request(Some("pg1")), &probed("pg1", STREAMING_AGENT));
    let lag = check(&p, "candidate_lag");
    assert_eq!(lag.source, Some(Source::Agent));
    assert!(p.refusal().unwrap().contains("more than maximum_lag_on_failover"), "{lag:?}");

    // A member key with no timeline yet; the agent knows it.
    let no_timeline = r#"{"state":"running","role":"replica","replication_state":"streaming","replay_lsn":100}"#;
    let c = cluster(&[test_node("members/pg1", no_timeline)]);
    let p = plan(&c, &request(Some("pg1")), &probed("pg1", STREAMING_AGENT));
    let timeline = check(&p, "candidate_timeline");
    assert_eq!(
        (timeline.source, timeline.detail.as_str()),
        (Some(Source::Agent), "pg1 is on timeline 1 (its agent; its member key says none)")
    );
    assert!(matches!(
        verdict(&plan(&c, &request(Some("pg1")), &Preflight::default()), "candidate_timeline"),
        Verdict::Failed(_)
    ));
}

#[test]
fn a_silent_leader_agent_sends_the_request_to_the_dcs_at_once_and_refuses_nothing() {
    let why = "the agent of pg0 did not answer http://127.0.0.1:1/patroni within 3s";
    let facts = Preflight {
        probes: BTreeMap::from([("pg0".to_string(), Probe::NoAnswer(why.into()))]),
        ..Preflight::default()
    };
    let p = plan(&cluster(&[]), &request(Some("pg1")), &facts);
    assert_eq!(p.refusal(), None);
    assert_eq!(p.deliver_via_dcs.as_deref(), Some(format!("{why} before planning").as_str()));
    let leader_agent = check(&p, "leader_agent");
    assert_eq!(leader_agent.verdict, Verdict::Passed);
    assert!(leader_agent.detail.contains("the request goes to the DCS"), "{}", leader_agent.detail);

    // An agent that answers, even with garbage, is asked: it may still take the request.
    for probe in [agent_says(r#"{"state":"running","role":"primary"}"#), Probe::BadAnswer("not JSON".into())] {
        let facts = Preflight { probes: BTreeMap::from([("pg0".to_string(), probe)]), ..Preflight::default() };
        let p = plan(&cluster(&[]), &request(Some("pg1")), &facts);
        assert_eq!(p.deliver_via_dcs, None);
        assert_eq!(check(&p, "leader_agent").verdict, Verdict::Passed);
    }
    // Without a leader the candidate's agent takes a failover: nothing to probe.
    let leaderless = cluster(&[test_node("leader", "")]);
    let failover = Request { action: Action::Failover, ..request(Some("pg1")) };
    let p = plan(&leaderless, &failover, &Preflight::default());
    assert!(matches!(check(&p, "leader_agent").verdict, Verdict::Skipped(_)), "{:?}", check(&p, "leader_agent"));
    assert_eq!(p.deliver_via_dcs, None);
}

fn leased(key: &str, value: &str, lease: i64) -> RawNode {
    RawNode { lease, ..test_node(key, value) }
}

fn deleted(key: &str) -> crate::dcs::Change {
    crate::dcs::Change::Delete { key: key.into() }
}

#[test]
fn the_leader_key_and_its_member_key_going_together_with_one_lease_is_a_lease_expiry() {
    use super::verify::leader_loss;
    let nodes = vec![leased("leader", "pg0", 7), leased("members/pg0", "{}", 7), leased("members/pg1", "{}", 8)];
    let expiry = [deleted("leader"), deleted("members/pg0")];
    assert_eq!(leader_loss(&nodes, &expiry, "pg0"), Some(LeaderLoss::LeaseExpiry));
    // A handing-over agent deletes the leader key alone.
    assert_eq!(leader_loss(&nodes, &[deleted("leader")], "pg0"), Some(LeaderLoss::Released));
    // Taken by a put (another actor), or both deleted under different leases (removed by hand).
    let taken = [crate::dcs::Change::Put(leased("leader", "pg1", 8))];
    assert_eq!(leader_loss(&nodes, &taken, "pg0"), Some(LeaderLoss::Released));
    let by_hand = vec![leased("leader", "pg0", 7), leased("members/pg0", "{}", 9)];
    assert_eq!(leader_loss(&by_hand, &expiry, "pg0"), Some(LeaderLoss::Released));
    // Not the planned leader's key, or a change that leaves it where it is.
    assert_eq!(leader_loss(&nodes, &expiry, "pg1"), None);
    assert_eq!(leader_loss(&nodes, &[deleted("members/pg1")], "pg0"), None);
    let refreshed = [crate::dcs::Change::Put(leased("leader", "pg0", 7))];
    assert_eq!(leader_loss(&nodes, &refreshed, "pg0"), None);
}

#[test]
fn a_diverted_switchover_says_how_the_key_left_and_what_was_sent() {
    let change = LeaderChange {
        cause: LeaderLoss::LeaseExpiry,
        leader: "pg1".into(),
        lost_after_s: 22.43,
        taken_after_s: Some(22.51),
    };
    let diverted = EngineError::Diverted {
        title: "Switchover",
        expected: "pg0".into(),
        actual: "pg2".into(),
        leader_change: Some(change),
        sent: "the /failover key was written in etcd".into(),
    };
    assert_eq!(
        diverted.to_string(),
        "Switchover ended with pg2 as the leader instead of pg0: pg1's leader lease expired after 22.4s, \
         new leader key after 22.5s (no leader for 0.1s); the /failover key was written in etcd"
    );
    assert_eq!(diverted.kind(), ErrorKind::Failed);
    let handed = EngineError::Diverted {
        title: "Switchover",
        expected: "pg0".into(),
        actual: "pg2".into(),
        leader_change: None,
        sent: "the switchover request was accepted by the agent of pg1".into(),
    };
    assert_eq!(
        handed.to_string(),
        "Switchover ended with pg2 as the leader instead of pg0: the switchover request was accepted by the agent of pg1"
    );
}
