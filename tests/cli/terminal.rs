//! A pseudo-terminal for the tests that need `aims` to see a person's terminal: the
//! prompts, colour on a terminal, progress on standard error.
//!
//! `aims` runs in a session of its own (setsid(1), from util-linux) with the terminal's
//! far side as its controlling terminal and its standard input, output and error, as
//! a shell in a terminal window would start it, whatever terminal the tests themselves
//! run in. The answers are typed in before it starts (the terminal keeps them until
//! they are read, as it keeps a fast typist's), followed by Ctrl-D twice, so that a
//! question nobody typed an answer to ends the input instead of waiting for ever;
//! what the terminal shows is read until `aims` and everything it started have let go
//! of it. A run that has not ended after a minute is killed and fails the test.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{ErrorKind, Read as _, Write as _};
use std::os::unix::ffi::OsStrExt as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};

/// Ctrl-D twice: the first ends a line typed without a newline, the second (or a
/// first at the start of a line) ends the input.
const END: &str = "\u{4}\u{4}";

/// What the terminal keeps of typed input that nobody has read yet.
const TYPED_MAX: usize = 4095;

/// How long a run may take before it is killed.
const PATIENCE: Duration = Duration::from_secs(60);

/// One run of `aims` on a terminal.
pub struct Terminal<'a> {
    dir: &'a Path,
    args: Vec<String>,
    typed: String,
    env: Vec<(String, Option<String>)>,
}

/// `aims ARGS` in `dir`, where `args` is split on spaces, without colour.
pub fn terminal<'a>(dir: &'a Path, args: &str) -> Terminal<'a> {
    Terminal {
        dir,
        args: args.split_whitespace().map(String::from).collect(),
        typed: String::new(),
        env: vec![("NO_COLOR".into(), Some("1".into()))],
    }
}

impl Terminal<'_> {
    /// What a person types, newlines and all (Ctrl-D follows it).
    pub fn typing(mut self, text: &str) -> Self {
        self.typed.push_str(text);
        self
    }

    /// Sets a variable of the environment (`None` removes it).
    pub fn env(mut self, name: &str, value: Option<&str>) -> Self {
        self.env.retain(|(n, _)| n != name);
        self.env.push((name.into(), value.map(String::from)));
        self
    }

    /// Runs it; returns everything the terminal showed, the typed echo included.
    pub fn screen(self) -> String {
        // The side the test types into and reads the screen from.
        let ours = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
            .expect("a pseudo-terminal");
        grantpt(&ours).expect("grantpt");
        unlockpt(&ours).expect("unlockpt");
        let name = ptsname(&ours, Vec::new()).expect("ptsname");
        // Not as the test's own controlling terminal, whose end would hang the test up.
        let far = File::options()
            .read(true)
            .write(true)
            .custom_flags(rustix::fs::OFlags::NOCTTY.bits() as i32)
            .open(OsStr::from_bytes(name.as_bytes()))
            .expect("the terminal's far side");
        let mut command = Command::new("setsid");
        command
            .args(["--wait", "--ctty"])
            .arg(assert_cmd::cargo::cargo_bin("aims"))
            .args(&self.args)
            .current_dir(self.dir)
            .env_remove("GIT_DIR")
            .stdin(Stdio::from(far.try_clone().expect("dup")))
            .stdout(Stdio::from(far.try_clone().expect("dup")))
            .stderr(Stdio::from(far.try_clone().expect("dup")));
        for (name, value) in &self.env {
            match value {
                Some(value) => command.env(name, value),
                None => command.env_remove(name),
            };
        }
        let mut child = command
            .spawn()
            .expect("setsid(1), from util-linux, starts aims");
        // The command keeps its copies of the far side until it is dropped: without
        // that, the terminal stays open after aims exits.
        drop(command);
        // A minute at most: then aims, and the session it leads, are killed.
        let (ended, watch) = mpsc::channel::<()>();
        let pid = child.id();
        let watchdog = std::thread::spawn(move || {
            let late = watch.recv_timeout(PATIENCE).is_err();
            if late {
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &format!("-{pid}"), &pid.to_string()])
                    .status();
            }
            late
        });
        let typed = format!("{}{END}", self.typed);
        assert!(
            typed.len() <= TYPED_MAX,
            "type less: the terminal keeps 4 KB"
        );
        let mut terminal = File::from(ours);
        terminal
            .write_all(typed.as_bytes())
            .expect("typed into the terminal");
        // Held until the answers are typed: a terminal nobody holds takes no input.
        drop(far);
        let mut screen = Vec::new();
        let mut buffer = [0; 4096];
        loop {
            match terminal.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => screen.extend_from_slice(&buffer[..n]),
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                // Linux reports a terminal nobody holds any more as an I/O error.
                Err(_) => break,
            }
        }
        child.wait().expect("aims ends");
        let _ = ended.send(());
        let late = watchdog.join().expect("the watchdog");
        assert!(
            !late,
            "aims {} did not end within {PATIENCE:?}; the screen so far:\n{}",
            self.args.join(" "),
            String::from_utf8_lossy(&screen)
        );
        String::from_utf8_lossy(&screen).into_owned()
    }
}
