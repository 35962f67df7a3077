//! hactl: the library behind the `hactl` operator CLI for PostgreSQL HA stacks.
//!
//! Data flows one way: `settings` → `dcs` (one etcd range read) → `cluster` (typed model) →
//! `render` (text). The library never prints; the binary's `Ui` does.

pub mod actions;
pub mod agent;
pub mod cluster;
pub mod clusters;
pub mod dcs;
pub mod dynamic_config;
pub mod engine;
pub mod error;
pub mod hedge;
pub mod hostport;
pub mod interrupt;
pub mod lab;
pub mod monitoring;
pub mod probe;
pub mod pyfmt;
pub mod pyyaml;
pub mod query;
pub mod render;
pub mod settings;
pub mod tiers;
pub mod tls;
pub mod units;
