//! The tiers beside Patroni, each reached through its own client: the etcd cluster under the DCS
//! (consensus), PostgreSQL's replication views on the leader, and Redis Sentinel (the cache). Commands and the cross-tier views use them; the
//! engine never does.

pub mod etcd;
pub mod postgres;
pub mod sentinel;
