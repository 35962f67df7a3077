//! The tiers beside Patroni, each reached through its own client: the etcd cluster under the DCS
//! (consensus) and Redis Sentinel (the cache). Commands and the cross-tier views use them; the
//! engine never does.

pub mod etcd;
pub mod sentinel;
