//! Gathering the values an `add` needs: from flags, or, in a terminal, by asking.
//!
//! Every value given on the command line is checked against the register (unknown
//! ids are refused with the valid ones and a did-you-mean). A required value that is
//! missing is asked for when standard input is a terminal, offering the register's
//! own choices; otherwise all missing flags are collected and reported together.

use std::io::{self, BufRead, IsTerminal, Write};

use anyhow::{Result, anyhow, bail};

use crate::suggest;

/// One option of a choice: the value written to the file and what people read.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
        }
    }
}

/// Collects values from flags and answers.
pub struct Asker {
    input: Option<Box<dyn BufRead>>,
    missing: Vec<String>,
}

impl Asker {
    /// Asks on the terminal when standard input is one.
    pub fn from_terminal() -> Asker {
        let interactive = io::stdin().is_terminal();
        Asker {
            input: interactive
                .then(|| Box::new(io::BufReader::new(io::stdin())) as Box<dyn BufRead>),
            missing: Vec::new(),
        }
    }

    /// A required text value.
    pub fn text(&mut self, flag: &str, question: &str, given: Option<String>) -> Result<String> {
        if let Some(value) = given.filter(|v| !v.trim().is_empty()) {
            return Ok(value);
        }
        let Some(_) = self.input else {
            self.missing.push(format!("--{flag}"));
            return Ok(String::new());
        };
        for _ in 0..3 {
            let answer = self.ask(&format!("{question}: "))?;
            if !answer.is_empty() {
                return Ok(answer);
            }
            eprintln!("  a value is required");
        }
        bail!("no value for --{flag}")
    }

    /// A required choice among `options`; a given value must be one of them.
    pub fn choose(
        &mut self,
        flag: &str,
        what: &str,
        given: Option<String>,
        options: &[Choice],
    ) -> Result<String> {
        if let Some(value) = given {
            return check(flag, what, &value, options);
        }
        let Some(_) = self.input else {
            self.missing.push(format!("--{flag}"));
            return Ok(String::new());
        };
        eprintln!("{what}:");
        list(options);
        for _ in 0..3 {
            let answer = self.ask("choose a number or a value: ")?;
            match pick(&answer, options) {
                Some(value) => return Ok(value),
                None => eprintln!("  `{answer}` is not one of the choices"),
            }
        }
        bail!("no valid choice for --{flag}")
    }

    /// One or more choices (comma-separated when asked); given values must all be valid.
    pub fn choose_many(
        &mut self,
        flag: &str,
        what: &str,
        given: Vec<String>,
        options: &[Choice],
    ) -> Result<Vec<String>> {
        if !given.is_empty() {
            return given
                .iter()
                .map(|v| check(flag, what, v, options))
                .collect();
        }
        let Some(_) = self.input else {
            self.missing.push(format!("--{flag}"));
            return Ok(Vec::new());
        };
        eprintln!("{what} (one or more, separated by commas):");
        list(options);
        for _ in 0..3 {
            let answer = self.ask("choose: ")?;
            let picked: Option<Vec<String>> = answer
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| pick(a, options))
                .collect();
            match picked {
                Some(values) if !values.is_empty() => return Ok(values),
                _ => eprintln!("  `{answer}` is not a list of the choices"),
            }
        }
        bail!("no valid choice for --{flag}")
    }

    fn ask(&mut self, prompt: &str) -> Result<String> {
        let input = self
            .input
            .as_mut()
            .ok_or_else(|| anyhow!("not interactive"))?;
        let mut err = io::stderr().lock();
        write!(err, "{prompt}")?;
        err.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            bail!("input ended before every value was given");
        }
        Ok(line.trim().to_string())
    }

    /// Fails, listing every missing flag, when values were missing without a terminal.
    pub fn finish(self) -> Result<()> {
        if self.missing.is_empty() {
            return Ok(());
        }
        Err(Missing(self.missing).into())
    }
}

/// Prints numbered options; a scale level's number is its value, so only its label shows.
fn list(options: &[Choice]) {
    for (i, option) in options.iter().enumerate() {
        if option.value == (i + 1).to_string() {
            eprintln!("  {:>2}) {}", i + 1, option.label);
        } else {
            eprintln!("  {:>2}) {:<28} {}", i + 1, option.value, option.label);
        }
    }
}

/// Required values that were neither given nor could be asked for.
#[derive(Debug, thiserror::Error)]
#[error("missing required {}: {}", if .0.len() == 1 { "flag" } else { "flags" }, .0.join(", "))]
pub struct Missing(pub Vec<String>);

/// An answer as a number into the list, or as a value (case-insensitive), or as a
/// label (for scale levels, `Likely` for 4).
fn pick(answer: &str, options: &[Choice]) -> Option<String> {
    if let Ok(n) = answer.parse::<usize>()
        && (1..=options.len()).contains(&n)
        && options.iter().all(|o| o.value.parse::<usize>().is_err())
    {
        return Some(options[n - 1].value.clone());
    }
    options
        .iter()
        .find(|o| o.value.eq_ignore_ascii_case(answer) || o.label.eq_ignore_ascii_case(answer))
        .map(|o| o.value.clone())
}

/// A given value, checked against the options.
fn check(flag: &str, what: &str, value: &str, options: &[Choice]) -> Result<String> {
    if let Some(found) = pick(value, options) {
        return Ok(found);
    }
    if options.is_empty() {
        return Err(super::fail(
            format!("--{flag}: unknown {what} `{value}`"),
            format!("the register has no {what} yet"),
        ));
    }
    let valid: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
    let hint = match suggest::closest(value, valid.iter().copied()) {
        Some(s) => format!("did you mean `{s}`? "),
        None => String::new(),
    };
    Err(super::fail(
        format!("--{flag}: unknown {what} `{value}`"),
        format!(
            "{hint}valid values: {}",
            valid
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ))
}
