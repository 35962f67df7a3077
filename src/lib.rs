//! hactl: the library behind the `hactl` operator CLI for PostgreSQL HA stacks.
//!
//! Data flows one way: `settings` → `dcs` (one etcd range read) → `cluster` (typed model) →
//! `render` (text). The library never prints; the binary's `Ui` does.

pub mod actions;
pub mod agent;
pub mod cluster;
pub mod dcs;
pub mod dynconfig;
pub mod engine;
pub mod error;
pub mod etcd;
pub mod history;
pub mod interrupt;
pub mod lab;
pub mod lifecycle;
pub mod ops;
pub mod pause;
pub mod pyfmt;
pub mod pyyaml;
pub mod query;
pub mod readiness;
pub mod reinit;
pub mod render;
pub mod restart;
pub mod sentinel;
pub mod settings;
pub mod tabular;
pub mod tls;
