use super::*;
use crate::monitoring::nagios::State;
use crate::monitoring::patroni_api::ReportMember;

fn member(name: &str, role: &str, state: &str, lag: Option<Lag>, timeline: Option<i64>) -> ReportMember {
    ReportMember { name: name.into(), role: role.into(), state: state.into(), lag, timeline, scheduled_restart: false }
}

fn healthy() -> ClusterReport {
    ClusterReport {
        members: vec![
            member("pg0", "leader", "running", None, Some(2)),
            member("pg1", "replica", "streaming", Some(Lag::Bytes(0)), Some(2)),
            member("pg2", "sync_standby", "streaming", Some(Lag::Bytes(0)), Some(2)),
        ],
        ..Default::default()
    }
}

#[test]
fn a_running_leader_is_ok_and_none_is_critical() {
    let outcome = evaluate_has_leader(&healthy(), true);
    assert_eq!(
        outcome.status_line(),
        "CLUSTERHASLEADER OK - The cluster has a running leader. | has_leader=1;;@0 is_leader=1 is_standby_leader=0 is_standby_leader_in_arc_rec=0;@1:1"
    );
    let mut report = healthy();
    report.members[0].state = "stopped".into();
    let outcome = evaluate_has_leader(&report, true);
    assert_eq!(outcome.state, State::Critical);
    assert_eq!(outcome.message, "The cluster has no running leader or the standby leader is in archive recovery.");
    report.members[0] = member("pg0", "standby_leader", "in archive recovery", None, Some(2));
    assert_eq!(evaluate_has_leader(&report, true).state, State::Warning);
}

#[test]
fn node_count_counts_roles_states_and_healthy_members() {
    let mut report = healthy();
    report.members[1].state = "in archive recovery".into();
    let t = NodeCountThresholds { healthy_critical: Range::parse("3:").ok(), ..Default::default() };
    let outcome = evaluate_node_count(&report, true, &t);
    assert_eq!(
        outcome.status_line(),
        "CLUSTERNODECOUNT CRITICAL - healthy_members is 2 (outside range 3:) | healthy_members=2;;3: members=3 role_leader=1 role_replica=1 role_sync_standby=1 state_in_archive_recovery=1 state_running=1 state_streaming=1"
    );
    // Before Patroni 3.0.4 a healthy replica is `running`.
    assert_eq!(evaluate_node_count(&healthy(), false, &t).state, State::Critical);
    assert_eq!(evaluate_node_count(&healthy(), true, &NodeCountThresholds::default()).message, "members is 3");
}

#[test]
fn replicas_are_healthy_on_the_leaders_timeline_and_under_the_max_lag() {
    let t =
        ReplicaThresholds { warning: Range::parse("2:").ok(), critical: Range::parse("1:").ok(), ..Default::default() };
    let outcome = evaluate_has_replica(&healthy(), true, &t);
    assert_eq!(
        outcome.status_line(),
        "CLUSTERHASREPLICA OK - healthy_replica is 2 | healthy_replica=2;2:;1: pg1_lag=0 pg1_sync=0 pg1_timeline=2 pg2_lag=0 pg2_sync=1 pg2_timeline=2 sync_replica=1 unhealthy_replica=0"
    );
    let mut lagging = healthy();
    lagging.members[1].lag = Some(Lag::Bytes(50 * 1024 * 1024));
    let with_max = ReplicaThresholds { max_lag: Some(1024 * 1024), ..t.clone() };
    let outcome = evaluate_has_replica(&lagging, true, &with_max);
    assert_eq!(outcome.state, State::Warning);
    assert_eq!(outcome.message, "healthy_replica is 1 (outside range 2:)");
    let mut stopped = healthy();
    stopped.members[1].lag = Some(Lag::Unknown);
    stopped.members[2].timeline = Some(1);
    let outcome = evaluate_has_replica(&stopped, true, &t);
    assert_eq!(outcome.state, State::Critical);
    assert!(outcome.status_line().contains("unhealthy_replica=2"), "{}", outcome.status_line());
    assert!(!outcome.status_line().contains("pg1_lag"));
    let sync_only =
        ReplicaThresholds { sync_critical: Range::parse("1:").ok(), sync_type: SyncType::Quorum, ..Default::default() };
    assert_eq!(evaluate_has_replica(&healthy(), true, &sync_only).message, "sync_replica is 0 (outside range 1:)");
}

#[test]
fn maintenance_and_scheduled_actions_are_critical() {
    let mut report = healthy();
    assert_eq!(
        evaluate_is_in_maintenance(&report).status_line(),
        "CLUSTERISINMAINTENANCE OK - is_in_maintenance is 0 | is_in_maintenance=0;;0"
    );
    report.pause = true;
    assert_eq!(
        evaluate_is_in_maintenance(&report).status_line(),
        "CLUSTERISINMAINTENANCE CRITICAL - is_in_maintenance is 1 (outside range 0:0) | is_in_maintenance=1;;0"
    );
    report.scheduled_switchover = true;
    report.members[1].scheduled_restart = true;
    assert_eq!(
        evaluate_has_scheduled_action(&report).status_line(),
        "CLUSTERHASSCHEDULEDACTION CRITICAL - has_scheduled_actions is 1 (outside range 0:0) | has_scheduled_actions=1;;0 scheduled_restart=1 scheduled_switchover=1"
    );
}

#[test]
fn the_config_hash_is_md5_of_pythons_json_dumps() {
    let config: serde_json::Value =
        serde_json::from_str(r#"{"ttl": 30, "loop_wait": 10, "postgresql": {"use_pg_rewind": true}}"#).unwrap();
    // hashlib.md5(json.dumps({"ttl": 30, "loop_wait": 10, "postgresql": {"use_pg_rewind": True}}).encode()).hexdigest()
    assert_eq!(config_hash(&config), "d7dee4a58ab53368f5078f78f0c06469");
    let hash = config_hash(&config);
    assert_eq!(evaluate_config_has_changed(&hash, Some(&hash)).exit_code(), 0);
    let changed = evaluate_config_has_changed(&hash, Some("abc"));
    assert_eq!(
        changed.status_line(),
        "CLUSTERCONFIGHASCHANGED CRITICAL - The hash of patroni's dynamic configuration has changed. The old hash was abc. | is_configuration_changed=1;;@1:1"
    );
    assert!(evaluate_config_has_changed(&hash, None).message.ends_with("The old hash was None."));
}
