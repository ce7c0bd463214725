//! Progress bars on standard error for work that runs long (`indicatif`): shown only
//! on a terminal, only once the work has taken a while (a second, or
//! `AIMS_PROGRESS_DELAY` seconds), and never with `--quiet` or when the command
//! prints JSON, so that scripts and logs see nothing of them.

use std::io::{self, IsTerminal};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::output::{self, Verbosity};
use crate::progress::Progress;

/// A bar for one command; each piece of work it is told about gets its own.
pub struct Bar {
    shown: bool,
    delay: Duration,
    current: Mutex<Option<(ProgressBar, Instant, bool)>>,
}

impl Bar {
    /// A bar, shown only if the run may show one: `json` says whether the command
    /// prints JSON.
    pub fn new(json: bool) -> Bar {
        let delay =
            super::seconds_from_env("AIMS_PROGRESS_DELAY").unwrap_or(Duration::from_secs(1));
        Bar {
            shown: !json && output::verbosity() > Verbosity::Quiet && io::stderr().is_terminal(),
            delay,
            current: Mutex::new(None),
        }
    }
}

impl Progress for Bar {
    fn start(&self, what: &str, total: u64) {
        if !self.shown {
            return;
        }
        let bar = if total == 0 {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()).with_style(
                ProgressStyle::with_template("{spinner} {msg} ({pos})").expect("a valid template"),
            )
        } else {
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden()).with_style(
                ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta} left)")
                    .expect("a valid template")
                    .progress_chars("=> "),
            )
        };
        bar.set_message(what.to_string());
        if let Ok(mut current) = self.current.lock() {
            *current = Some((bar, Instant::now(), false));
        }
    }

    fn advance(&self, steps: u64) {
        let Ok(mut current) = self.current.lock() else {
            return;
        };
        let Some((bar, started, visible)) = current.as_mut() else {
            return;
        };
        bar.inc(steps);
        // Quick work shows nothing: the bar appears once the work has run a while.
        if !*visible && started.elapsed() >= self.delay {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.tick();
            bar.enable_steady_tick(Duration::from_millis(120));
            *visible = true;
        }
    }

    fn finish(&self) {
        if let Ok(mut current) = self.current.lock()
            && let Some((bar, _, _)) = current.take()
        {
            bar.finish_and_clear();
        }
    }
}
