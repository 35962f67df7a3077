//! Tests against real programs: a 3-member etcd, Patroni 4.1.5 and 3.3 clusters, Redis with
//! Sentinels, all started by `hactl::lab` on 127.0.0.1. The lab is shared by every test in this
//! binary and left running afterwards (`.ci/test` stops it by pid); tests that change a cluster
//! start their own, with its own scope.

mod actions;
mod check;
mod common;
mod config_cmds;
mod config_sources;
mod contexts;
mod etcd;
mod failover;
mod faults;
mod interrupts;
mod lab_up;
mod list_parity;
mod pgpool;
mod probe;
mod proxies;
mod replication;
mod saved_plans;
mod secured;
mod sentinel;
mod standby;
mod status;
mod status_proxies;
mod tty;
