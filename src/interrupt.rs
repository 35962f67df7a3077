//! Ctrl-C (SIGINT) during a wait.
//!
//! A command calls [`listen`] just before it sends an action; from then on a Ctrl-C is kept
//! until the wait asks for it with [`requested`], wherever the command was when it came: in the
//! middle of a request, between two polls, or before the wait began. (tokio's `ctrl_c()` only
//! sees a signal delivered while that very future is being polled; a wait that creates a new
//! one on each turn of its loop loses every Ctrl-C pressed during a request, and then ignores
//! it, since tokio's handler stays installed.) Before [`listen`], Ctrl-C ends the process as
//! usual: nothing was sent yet.
//!
//! Needs a tokio runtime with its I/O driver; the binary runs one per process.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::task::Poll;
use tokio::signal::unix::{Signal, SignalKind, signal};

static LISTENER: Mutex<Option<Signal>> = Mutex::new(None);
static PRESSED: AtomicBool = AtomicBool::new(false);

/// Starts keeping Ctrl-C instead of dying of it. Idempotent. When SIGINT cannot be listened to,
/// Ctrl-C keeps ending the process.
pub fn listen() {
    let mut slot = LISTENER.lock().unwrap_or_else(PoisonError::into_inner);
    if slot.is_none() {
        *slot = signal(SignalKind::interrupt()).ok();
    }
}

/// Whether Ctrl-C was pressed since [`listen`], without waiting: for a command about to send
/// its next action (the next member of a rolling restart), which should rather not send it.
pub fn pressed() -> bool {
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    std::pin::pin!(requested()).poll(&mut cx).is_ready()
}

/// Completes once Ctrl-C was pressed since [`listen`] (which it calls, so that a wait not
/// preceded by one listens from its start). Meant for one waiter at a time.
pub async fn requested() {
    listen();
    std::future::poll_fn(|cx| {
        if PRESSED.load(Ordering::SeqCst) {
            return Poll::Ready(());
        }
        let mut slot = LISTENER.lock().unwrap_or_else(PoisonError::into_inner);
        match slot.as_mut().map(|listener| listener.poll_recv(cx)) {
            Some(Poll::Ready(Some(()))) => {
                PRESSED.store(true, Ordering::SeqCst);
                Poll::Ready(())
            }
            // Not pressed yet, or nobody listens (then never).
            _ => Poll::Pending,
        }
    })
    .await
}
