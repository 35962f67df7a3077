//! The tiers beside Patroni, each reached through its own client: the etcd cluster under the DCS
//! (consensus), PostgreSQL's replication views on the leader, Redis Sentinel (the cache), and the
//! proxies in front of PostgreSQL: HAProxy (routing, from its stats), PgBouncer (pooling, from its
//! admin console) and Pgpool-II (`SHOW POOL_NODES`). Commands and the cross-tier views use them;
//! the engine never does.

pub mod etcd;
pub mod haproxy;
pub mod pgbouncer;
pub mod pgpool;
pub mod postgres;
pub mod sentinel;
