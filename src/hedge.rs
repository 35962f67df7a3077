//! Hedged requests: one source is asked first and the next ones only when it has failed or not
//! answered within a delay; the first answer wins. A healthy source costs one request, a frozen
//! one (it accepts connections and never answers) the delay. etcd reads and the Patroni REST API
//! endpoints of `check` are asked this way.

use std::future::Future;
use std::time::Duration;
use tokio::task::JoinSet;

/// Asks `ask(0)`, then `ask(1)`, ... (up to `count`), each once those before it have failed or
/// have not answered within `delay`. The first `Ok`, with its index; when every one failed, the
/// last failure (`None` when nothing was asked or only tasks panicked).
pub async fn first_answer<T, E, Fut>(
    count: usize,
    delay: Duration,
    mut ask: impl FnMut(usize) -> Fut,
) -> Result<(usize, T), Option<E>>
where
    Fut: Future<Output = Result<T, E>> + Send + 'static,
    T: Send + 'static,
    E: Send + 'static,
{
    let mut asked = JoinSet::new();
    let mut next = 0;
    let mut ask_next = |asked: &mut JoinSet<(usize, Result<T, E>)>| {
        if next == count {
            return false;
        }
        let (index, answer) = (next, ask(next));
        next += 1;
        asked.spawn(async move { (index, answer.await) });
        true
    };
    let mut more = ask_next(&mut asked);
    let mut last = None;
    loop {
        tokio::select! {
            joined = asked.join_next() => match joined {
                Some(Ok((index, Ok(answer)))) => return Ok((index, answer)),
                Some(Ok((_, Err(e)))) => {
                    last = Some(e);
                    more = ask_next(&mut asked);
                }
                Some(Err(_)) => more = ask_next(&mut asked),
                None => return Err(last),
            },
            () = tokio::time::sleep(delay), if more => more = ask_next(&mut asked),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    fn run<T>(future: impl Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(future)
    }

    /// Source `i` answers `Ok(i)` after `after[i]` (never when `None`), or fails at once when
    /// `after[i]` is zero and `fails` holds it.
    async fn source(i: usize, after: Option<Duration>, fails: bool) -> Result<usize, String> {
        match after {
            None => std::future::pending().await,
            Some(_) if fails => Err(format!("source {i} failed")),
            Some(after) => {
                tokio::time::sleep(after).await;
                Ok(i)
            }
        }
    }

    #[test]
    fn the_first_answers_alone_a_silent_one_costs_the_delay_a_failure_none() {
        let delay = Duration::from_millis(50);
        let ms = |n| Some(Duration::from_millis(n));
        // A healthy first source: the second is never needed.
        let asked = std::sync::atomic::AtomicUsize::new(0);
        let answer = run(first_answer(3, delay, |i| {
            asked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            source(i, ms(1), false)
        }));
        assert_eq!(answer, Ok((0, 0)));
        assert_eq!(asked.into_inner(), 1);
        // A silent first source: the second answers after the delay.
        let started = Instant::now();
        let answer = run(first_answer(2, delay, |i| source(i, if i == 0 { None } else { ms(1) }, false)));
        assert_eq!(answer, Ok((1, 1)));
        assert!(started.elapsed() >= delay, "{:?}", started.elapsed());
        // A failing first source: the second is asked at once.
        let started = Instant::now();
        let answer = run(first_answer(2, Duration::from_secs(5), |i| source(i, ms(1), i == 0)));
        assert_eq!(answer, Ok((1, 1)));
        assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
        // All fail: the last failure.
        let answer = run(first_answer(2, delay, |i| source(i, ms(0), true)));
        assert_eq!(answer, Err(Some("source 1 failed".to_string())));
        assert_eq!(run(first_answer(0, delay, |i| source(i, ms(0), true))), Err(None));
    }
}
