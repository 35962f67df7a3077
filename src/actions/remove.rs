//! `remove`: wipe a cluster's keys from the DCS (`delete_cluster` in `patroni/ctl.py`), refused
//! while a member holds the leader key unless the operator named it.

use crate::cluster::Cluster;
use crate::dcs::{Dcs, DcsError};
use crate::error::{Classify, ErrorKind};

#[derive(Debug, thiserror::Error)]
pub enum RemoveError {
    #[error("For Citus clusters the --group must me specified")]
    CitusWithoutGroup,
    #[error(
        "This cluster currently is healthy: {leader} holds the leader key (refused; nothing was changed). Stop Patroni on every member first, or remove without --force on a terminal, where the leader name is asked for"
    )]
    Healthy { leader: String },
    #[error(transparent)]
    Dcs(#[from] DcsError),
}

impl Classify for RemoveError {
    fn kind(&self) -> ErrorKind {
        match self {
            RemoveError::CitusWithoutGroup => ErrorKind::Usage,
            RemoveError::Healthy { .. } => ErrorKind::Refused,
            RemoveError::Dcs(e) => e.kind(),
        }
    }
}

/// patronictl removes one Citus group at a time.
pub fn check_group(is_citus: bool, group: Option<i64>) -> Result<(), RemoveError> {
    if is_citus && group.is_none() {
        return Err(RemoveError::CitusWithoutGroup);
    }
    Ok(())
}

/// Without a terminal to ask for the leader's name, a cluster with a leader is not removed.
pub fn refuse_if_healthy(cluster: &Cluster) -> Result<(), RemoveError> {
    match cluster.leader_key_holder() {
        Some(leader) => Err(RemoveError::Healthy { leader: leader.to_string() }),
        None => Ok(()),
    }
}

/// Deletes every key of the cluster (`delete_cluster`: one prefix delete); returns how many.
pub async fn remove_cluster(dcs: &mut Dcs, prefix: &str) -> Result<i64, RemoveError> {
    Ok(dcs.delete_prefix(prefix).await?)
}
