//! hactl: the library behind the `hactl` operator CLI for PostgreSQL HA stacks.
//!
//! Data flows one way: `config` → `dcs` (one etcd range read) → `cluster` (typed model) →
//! `render` (text). The library never prints; the binary's `Ui` does.

pub mod actions;
pub mod agent;
pub mod cluster;
pub mod config;
pub mod dcs;
pub mod engine;
pub mod error;
pub mod etcd;
pub mod lab;
pub mod ops;
pub mod pyfmt;
pub mod render;
pub mod sentinel;
