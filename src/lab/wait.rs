//! Polling several components at once until each is ready.

use std::path::PathBuf;
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::{LabError, LabEvent};

const POLL_INTERVAL: Duration = Duration::from_millis(500);

pub(crate) enum Readiness {
    Ready,
    /// `what` says what is missing (e.g. "cluster demo: pg2 is not
    /// streaming"); `log` is where to look for why.
    NotReady {
        what: String,
        log: PathBuf,
    },
}

/// A check returns Err for what waiting cannot fix, such as a dead process.
pub(crate) type Check<'a> = Box<dyn FnMut() -> Result<Readiness, LabError> + 'a>;

/// Polls every check until all are ready, reporting each as it gets there.
/// After `timeout` fails with what the first unready component still lacks.
pub(crate) fn wait_all(
    mut pending: Vec<(String, Check<'_>)>,
    timeout: Duration,
    progress: &mut dyn FnMut(LabEvent),
) -> Result<(), LabError> {
    let start = Instant::now();
    for (what, _) in &pending {
        progress(LabEvent::Waiting { what: what.clone() });
    }
    loop {
        let mut first_missing = None;
        let mut still_pending = Vec::new();
        for (what, mut check) in pending {
            match check()? {
                Readiness::Ready => progress(LabEvent::Ready { what, elapsed: start.elapsed() }),
                Readiness::NotReady { what: missing, log } => {
                    first_missing.get_or_insert((missing, log));
                    still_pending.push((what, check));
                }
            }
        }
        let Some((what, log)) = first_missing else {
            return Ok(());
        };
        if start.elapsed() >= timeout {
            return Err(LabError::Timeout { what, waited: timeout, log });
        }
        pending = still_pending;
        sleep(POLL_INTERVAL);
    }
}
