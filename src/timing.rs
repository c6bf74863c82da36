//! Phase timings, reported to whoever asked for them.
//!
//! The library never prints: a caller that wants to know how long reading, reconciling or
//! writing took passes a [`Timings`] with a sink (the CLI's prints to stderr when
//! `PLAN_RECON_TIMINGS` is set); [`Timings::off`] records nothing and costs nothing.

use std::time::{Duration, Instant};

type Sink = Box<dyn Fn(&str, Duration) + Send + Sync>;

/// Where phase durations go.
#[derive(Default)]
pub struct Timings {
    sink: Option<Sink>,
}

impl Timings {
    /// Record nothing.
    pub fn off() -> Timings {
        Timings { sink: None }
    }

    /// Hand each phase's name and duration to `sink` as the phase ends.
    pub fn to(sink: impl Fn(&str, Duration) + Send + Sync + 'static) -> Timings {
        Timings {
            sink: Some(Box::new(sink)),
        }
    }

    /// A phase that began at `since` has ended.
    pub fn done(&self, phase: &str, since: Instant) {
        if let Some(sink) = &self.sink {
            sink(phase, since.elapsed());
        }
    }

    /// Run `f` as the phase `phase`.
    pub fn time<T>(&self, phase: &str, f: impl FnOnce() -> T) -> T {
        let t = Instant::now();
        let out = f();
        self.done(phase, t);
        out
    }
}

impl std::fmt::Debug for Timings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.sink.is_some() {
            "Timings(on)"
        } else {
            "Timings(off)"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[test]
    fn phases_reach_the_sink_in_order_and_off_records_nothing() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s = seen.clone();
        let t = Timings::to(move |p, _| s.lock().unwrap().push(p.to_string()));
        assert_eq!(t.time("read", || 7), 7);
        t.done("write", Instant::now());
        assert_eq!(*seen.lock().unwrap(), ["read", "write"]);
        assert_eq!(Timings::off().time("read", || 1), 1);
    }
}
