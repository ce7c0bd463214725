//! How long work reports how far it has got, without printing anything itself.
//!
//! Code that can run for seconds (working out what every commit of a long history
//! changed, reading that history for approvals) takes a `&dyn Progress` and says when
//! it starts, how many steps it has, and when each is done. The command line decides
//! whether and how that is shown (a bar on a terminal's standard error); everything
//! else passes [`Silent`].

/// Told about the progress of one piece of work. Shared between the threads doing it.
pub trait Progress: Sync {
    /// The work begins: `what` it is, and how many steps it has (0 when unknown).
    fn start(&self, what: &str, total: u64);
    /// `steps` more steps are done.
    fn advance(&self, steps: u64);
    /// The work is over.
    fn finish(&self);
}

/// Progress nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _what: &str, _total: u64) {}
    fn advance(&self, _steps: u64) {}
    fn finish(&self) {}
}
