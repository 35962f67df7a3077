//! `hactl check SERVICE`: a Nagios/Icinga plugin over every tier. The shared layer (`nagios`:
//! states, metrics, perfdata, the status line; `range`: threshold ranges) and one file per
//! family of services, each a fetch and a pure evaluation into an [`nagios::Outcome`]:
//! check_patroni 2.2.0's services over the Patroni REST API (`cluster_services`,
//! `node_services`, through `patroni_api`), and the tiers no plugin covers (`etcd_services`,
//! `sentinel_services`, `slot_services`, `proxy_services`). A new service is one function in a new or existing
//! file of this folder and one subcommand in `commands/check.rs`.

pub mod cluster_services;
pub mod etcd_services;
pub mod nagios;
pub mod node_services;
pub mod patroni_api;
pub mod proxy_services;
pub mod range;
pub mod sentinel_services;
pub mod slot_services;
pub mod state_file;
pub mod status;
