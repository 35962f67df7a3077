//! Spawning detached processes, and finding and stopping them again by pid.

use std::ffi::{CStr, CString, OsStr};
use std::fs::{self, OpenOptions};
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{DownReport, LabError};

const EXIT_POLL: Duration = Duration::from_millis(100);
const KILL_WAIT: Duration = Duration::from_secs(5);

/// A process the lab started. The start time makes a recycled pid (after
/// the process died, or after a reboot) never count as, or be signalled as,
/// a lab process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessRef {
    pub pid: i32,
    /// Clock ticks since boot, field 22 of `/proc/<pid>/stat`.
    pub start_time: u64,
}

impl ProcessRef {
    /// The running process with this pid, if there is one.
    pub fn of(pid: i32) -> Option<Self> {
        start_time(pid).map(|start_time| Self { pid, start_time })
    }

    pub fn is_alive(&self) -> bool {
        reap(self.pid);
        start_time(self.pid) == Some(self.start_time)
    }

    /// Sends `sig` if this very process still runs.
    pub fn signal(&self, sig: i32) -> Result<(), LabError> {
        if !self.is_alive() {
            return Err(LabError::Signal { pid: self.pid, source: io::Error::from_raw_os_error(libc::ESRCH) });
        }
        signal_pid(self.pid, sig)
    }
}

/// Sends `sig` to the single process `pid`.
pub fn signal_pid(pid: i32, sig: i32) -> Result<(), LabError> {
    // kill() with 0 or a negative pid would signal whole process groups.
    if pid <= 0 {
        return Err(LabError::InvalidPid(pid));
    }
    // SAFETY: kill has no memory-safety preconditions.
    if unsafe { libc::kill(pid, sig) } == 0 {
        Ok(())
    } else {
        Err(LabError::Signal { pid, source: io::Error::last_os_error() })
    }
}

/// The start time of a live process; None when it is gone or a zombie.
fn start_time(pid: i32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Field 2, the command name, may hold spaces and parentheses, so count
    // fields from its closing parenthesis: state (3) first, start time (22).
    let mut fields = stat[stat.rfind(')')? + 1..].split_whitespace();
    if matches!(fields.next()?, "Z" | "X") {
        return None;
    }
    fields.nth(18)?.parse().ok()
}

/// Collects `pid` if it is an exited child of ours: until then it is a
/// zombie, which kill(pid, 0) still reports as existing.
fn reap(pid: i32) {
    if pid > 0 {
        let mut status = 0;
        // SAFETY: status is a live local; WNOHANG never blocks, and for a pid
        // that is not our child waitpid just fails with ECHILD.
        unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
    }
}

/// Whether the command line of `pid` mentions `path`, to make sure a pid
/// read from a file (postmaster.pid) belongs to the process we expect.
pub(crate) fn cmdline_mentions(pid: i32, path: &Path) -> bool {
    let needle = path.as_os_str().as_bytes();
    fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|cmdline| cmdline.windows(needle.len()).any(|w| w == needle))
}

/// Starts `cmd` so that it outlives us: in a session of its own (Ctrl-C or a
/// closed terminal don't reach it), stdin from /dev/null, stdout and stderr
/// appended to `log`.
pub(crate) fn spawn_detached(
    what: &str,
    mut cmd: Command,
    log: &Path,
    owner: Option<&User>,
) -> Result<ProcessRef, LabError> {
    let out = OpenOptions::new().create(true).append(true).open(log).map_err(LabError::io("open", log))?;
    if let Some(owner) = owner {
        owner.chown(log)?;
    }
    let err = out.try_clone().map_err(LabError::io("open", log))?;
    cmd.stdin(Stdio::null()).stdout(out).stderr(err);
    // SAFETY: setsid is async-signal-safe and touches no memory of ours.
    unsafe {
        cmd.pre_exec(|| match libc::setsid() {
            -1 => Err(io::Error::last_os_error()),
            _ => Ok(()),
        });
    }
    let program = cmd.get_program().to_string_lossy().into_owned();
    // The child is never waited on here: `reap` collects it once it exits.
    let child = cmd.spawn().map_err(|source| LabError::Spawn { program, source })?;
    ProcessRef::of(child.id() as i32).ok_or_else(|| LabError::Exited { what: what.to_owned(), log: log.to_owned() })
}

/// Sends `first` to each live process, gives them `grace` to exit, then
/// SIGKILLs the rest. Records what it stopped and killed in `report`.
pub(crate) fn terminate(procs: &[(String, ProcessRef)], first: i32, grace: Duration, report: &mut DownReport) {
    let live: Vec<_> = procs.iter().filter(|(_, p)| p.is_alive()).collect();
    for (_, process) in &live {
        // A process that exits meanwhile is what we want anyway.
        let _ = process.signal(first);
    }
    wait_for_exit(live.iter().map(|(_, p)| p), grace);
    for (name, process) in live {
        report.stopped.push(name.clone());
        if process.is_alive() {
            let _ = process.signal(libc::SIGKILL);
            report.killed.push(name.clone());
        }
    }
    wait_for_exit(procs.iter().map(|(_, p)| p), KILL_WAIT);
}

fn wait_for_exit<'a>(procs: impl Iterator<Item = &'a ProcessRef> + Clone, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    while procs.clone().any(ProcessRef::is_alive) && Instant::now() < deadline {
        sleep(EXIT_POLL);
    }
}

/// A Unix user to run a program as, and to own the files it writes.
#[derive(Debug, Clone)]
pub(crate) struct User {
    name: String,
    uid: u32,
    gid: u32,
    home: PathBuf,
}

impl User {
    /// Who runs Patroni: PostgreSQL refuses to run as root, so as root we
    /// switch to `postgres`; otherwise we run it as ourselves (None).
    pub(crate) fn for_patroni() -> Result<Option<Self>, LabError> {
        // SAFETY: geteuid cannot fail.
        if unsafe { libc::geteuid() } == 0 { Self::lookup("postgres").map(Some) } else { Ok(None) }
    }

    fn lookup(name: &str) -> Result<Self, LabError> {
        let not_found = || LabError::UserNotFound { user: name.into() };
        let c_name = CString::new(name).map_err(|_| not_found())?;
        let mut buf = vec![0; 16 * 1024];
        // SAFETY: passwd is plain old data, fully written by getpwnam_r.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut found = std::ptr::null_mut();
        // SAFETY: every pointer refers to a live local; buf.len() is its size.
        let rc = unsafe { libc::getpwnam_r(c_name.as_ptr(), &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found) };
        if rc != 0 || found.is_null() {
            return Err(not_found());
        }
        // SAFETY: on success pw_dir is a NUL-terminated string inside buf.
        let home = unsafe { CStr::from_ptr(pwd.pw_dir) };
        Ok(Self {
            name: name.to_owned(),
            uid: pwd.pw_uid,
            gid: pwd.pw_gid,
            home: OsStr::from_bytes(home.to_bytes()).into(),
        })
    }

    /// Makes `cmd` run as this user. std drops privileges directly; runuser
    /// would sit in between as the recorded pid, and it SIGKILLs its child
    /// two seconds after passing on SIGTERM, cutting Patroni's shutdown short.
    pub(crate) fn apply(&self, cmd: &mut Command) {
        cmd.uid(self.uid).gid(self.gid).env("HOME", &self.home).env("USER", &self.name).env("LOGNAME", &self.name);
    }

    pub(crate) fn chown(&self, path: &Path) -> Result<(), LabError> {
        std::os::unix::fs::chown(path, Some(self.uid), Some(self.gid)).map_err(LabError::io("chown", path))
    }

    /// Whether this user may enter `dir`, judged by its mode bits.
    pub(crate) fn can_traverse(&self, dir: &Path) -> bool {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(dir).is_ok_and(|m| {
            let mode = m.mode();
            mode & 0o001 != 0
                || (m.uid() == self.uid && mode & 0o100 != 0)
                || (m.gid() == self.gid && mode & 0o010 != 0)
        })
    }
}

/// Creates `dir` (and its parents) and hands it to `owner`, if any.
pub(crate) fn create_dir(dir: &Path, owner: Option<&User>) -> Result<(), LabError> {
    fs::create_dir_all(dir).map_err(LabError::io("create", dir))?;
    owner.map_or(Ok(()), |owner| owner.chown(dir))
}
