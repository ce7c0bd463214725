//! Gathering the values a command needs: from flags, or, in a terminal, by asking.
//!
//! Every value given on the command line is checked against the register (unknown
//! ids are refused with the valid ones and a did-you-mean). A required value that is
//! missing is asked for when standard input is a terminal, offering the register's
//! own choices; otherwise all missing flags are collected and reported together.
//!
//! Asking never guesses: an empty answer takes a default only when the question shows
//! it (`[deployed]`), an optional value says that Enter leaves it out, and an answer
//! that does not fit is asked for again, as often as it takes, keeping the answers
//! already given. Ctrl-D (the end of the input) abandons the command before anything
//! is written; so does Ctrl-C.

use std::io::{self, BufRead, IsTerminal, Write};

use anyhow::Result;
use chrono::NaiveDate;

use crate::suggest;

/// One option of a choice: the value written to the file and what people read.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    /// Shown after the label when the choice is offered.
    pub description: Option<String>,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
            description: None,
        }
    }

    pub fn described(mut self, description: Option<String>) -> Choice {
        self.description = description;
        self
    }
}

/// The input ended before every question was answered.
#[derive(Debug, thiserror::Error)]
#[error("the input ended before every question was answered; nothing was written")]
pub struct Abandoned;

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

    /// Asks from `input` (tests).
    #[cfg(test)]
    fn reading(input: &'static str) -> Asker {
        Asker {
            input: Some(Box::new(io::Cursor::new(input))),
            missing: Vec::new(),
        }
    }

    /// Whether questions can be asked.
    pub fn interactive(&self) -> bool {
        self.input.is_some()
    }

    /// Records a required flag that was not given and cannot be asked for; returns
    /// whether it was missing.
    fn missing(&mut self, flag: &str) -> bool {
        if self.input.is_some() {
            return false;
        }
        self.missing.push(format!("--{flag}"));
        true
    }

    /// A required text value.
    pub fn text(&mut self, flag: &str, question: &str, given: Option<String>) -> Result<String> {
        self.text_or(flag, question, given, None)
    }

    /// A required text value; an empty answer takes `default`, which the question shows.
    pub fn text_or(
        &mut self,
        flag: &str,
        question: &str,
        given: Option<String>,
        default: Option<&str>,
    ) -> Result<String> {
        if let Some(value) = given.filter(|v| !v.trim().is_empty()) {
            return Ok(value);
        }
        if self.missing(flag) {
            return Ok(String::new());
        }
        let prompt = match default {
            Some(d) => format!("{question} [{d}]: "),
            None => format!("{question}: "),
        };
        self.ask_until(&prompt, |answer| match (answer, default) {
            ("", Some(d)) => Ok(d.to_string()),
            ("", None) => Err("an answer is required".to_string()),
            (a, _) => Ok(a.to_string()),
        })
    }

    /// An optional text value: asked in a terminal, where Enter leaves it out.
    pub fn optional(&mut self, question: &str, given: Option<String>) -> Result<Option<String>> {
        if let Some(value) = given {
            return Ok(Some(value).filter(|v| !v.trim().is_empty()));
        }
        if self.input.is_none() {
            return Ok(None);
        }
        let prompt = format!("{question} (optional; Enter for none): ");
        self.ask_until(&prompt, |answer| {
            Ok(Some(answer.to_string()).filter(|a| !a.is_empty()))
        })
    }

    /// A required choice among `options`; a given value must be one of them.
    pub fn choose(
        &mut self,
        flag: &str,
        what: &str,
        given: Option<String>,
        options: &[Choice],
    ) -> Result<String> {
        self.choose_or(flag, what, given, options, None)
    }

    /// A required choice; an empty answer takes `default`, which the question shows.
    pub fn choose_or(
        &mut self,
        flag: &str,
        what: &str,
        given: Option<String>,
        options: &[Choice],
        default: Option<&str>,
    ) -> Result<String> {
        if let Some(value) = given {
            return check(flag, what, &value, options);
        }
        if self.missing(flag) {
            return Ok(String::new());
        }
        eprintln!("{what}:");
        list(options);
        let prompt = match default {
            Some(d) => format!("choose a number or a value [{d}]: "),
            None => "choose a number or a value: ".to_string(),
        };
        self.ask_until(&prompt, |answer| match (answer, default) {
            ("", Some(d)) => Ok(d.to_string()),
            ("", None) => Err("an answer is required".to_string()),
            (a, _) => pick(a, options).ok_or_else(|| format!("`{a}` is not one of the choices")),
        })
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
        if self.missing(flag) {
            return Ok(Vec::new());
        }
        eprintln!("{what} (one or more, separated by commas):");
        list(options);
        self.ask_until("choose: ", |answer| {
            let picked: Option<Vec<String>> = answer
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| pick(a, options))
                .collect();
            match picked {
                Some(values) if !values.is_empty() => Ok(values),
                _ if answer.is_empty() => Err("an answer is required".to_string()),
                _ => Err(format!("`{answer}` is not a list of the choices")),
            }
        })
    }

    /// A yes or no question, asked only in a terminal; an empty answer takes
    /// `default`, which the question shows.
    pub fn confirm(&mut self, question: &str, default: Option<bool>) -> Result<bool> {
        let shown = match default {
            Some(true) => "[Y/n]",
            Some(false) => "[y/N]",
            None => "[y/n]",
        };
        self.ask_until(&format!("{question} {shown}: "), |answer| {
            match (answer.to_ascii_lowercase().as_str(), default) {
                ("y" | "yes", _) => Ok(true),
                ("n" | "no", _) => Ok(false),
                ("", Some(d)) => Ok(d),
                _ => Err("answer yes or no".to_string()),
            }
        })
    }

    /// A date that has happened: given, or asked with `default` shown, and never after
    /// `today`.
    pub fn past_date(
        &mut self,
        flag: &str,
        question: &str,
        given: Option<NaiveDate>,
        default: NaiveDate,
        today: NaiveDate,
    ) -> Result<NaiveDate> {
        if let Some(date) = given {
            refuse_future(flag, date, today)?;
            return Ok(date);
        }
        if self.input.is_none() {
            return Ok(default);
        }
        self.ask_until(&format!("{question} [{default}]: "), |answer| {
            let date = match answer {
                "" => default,
                a => super::parse_date(a)?,
            };
            match date > today {
                true => Err(format!("{date} is after today ({today})")),
                false => Ok(date),
            }
        })
    }

    /// A date ahead (a due date): given, or asked; required.
    pub fn date(
        &mut self,
        flag: &str,
        question: &str,
        given: Option<NaiveDate>,
    ) -> Result<Option<NaiveDate>> {
        if let Some(date) = given {
            return Ok(Some(date));
        }
        if self.missing(flag) {
            return Ok(None);
        }
        self.ask_until(&format!("{question} (YYYY-MM-DD): "), |answer| {
            super::parse_date(answer).map(Some)
        })
    }

    /// Asks `prompt` until `parse` accepts the answer, saying why it did not.
    pub fn ask_until<T>(
        &mut self,
        prompt: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T> {
        loop {
            let answer = self.ask(prompt)?;
            match parse(&answer) {
                Ok(value) => return Ok(value),
                Err(why) => eprintln!("  {why}"),
            }
        }
    }

    fn ask(&mut self, prompt: &str) -> Result<String> {
        let Some(input) = self.input.as_mut() else {
            return Err(Abandoned.into());
        };
        let mut err = io::stderr().lock();
        write!(err, "{prompt}")?;
        err.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(err)?;
            return Err(Abandoned.into());
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

/// An answer of the form `n/a: reason`: `Some(Ok(reason))`; a bare `n/a` (or one with
/// no reason) is refused; `None` for any other answer.
pub fn not_applicable(answer: &str) -> Option<Result<String, String>> {
    let lower = answer.to_ascii_lowercase();
    let rest = lower.strip_prefix("n/a")?;
    let reason = answer[answer.len() - rest.len()..]
        .trim_start_matches(':')
        .trim();
    Some(match reason.is_empty() {
        true => Err("give a reason: `n/a: ...`".to_string()),
        false => Ok(reason.to_string()),
    })
}

/// Refuses a date after today for something that has happened.
pub fn refuse_future(flag: &str, date: NaiveDate, today: NaiveDate) -> Result<()> {
    if date > today {
        return Err(super::fail(
            format!("--{flag} {date} is after today ({today})"),
            "record things once they have happened; a date ahead is a due date",
        ));
    }
    Ok(())
}

/// Prints numbered options; a scale level's number is its value, so only its label shows.
fn list(options: &[Choice]) {
    for (i, option) in options.iter().enumerate() {
        let described = match &option.description {
            Some(d) => format!("{}: {d}", option.label),
            None => option.label.clone(),
        };
        if option.value == (i + 1).to_string() {
            eprintln!("  {:>2}) {described}", i + 1);
        } else if option.label.is_empty() {
            eprintln!("  {:>2}) {}", i + 1, option.value);
        } else {
            eprintln!("  {:>2}) {:<28} {described}", i + 1, option.value);
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
pub fn check(flag: &str, what: &str, value: &str, options: &[Choice]) -> Result<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Vec<Choice> {
        ["concept", "deployed"]
            .iter()
            .map(|v| Choice::new(*v, ""))
            .collect()
    }

    #[test]
    fn an_empty_answer_takes_only_a_shown_default_and_bad_answers_are_asked_again() {
        let mut ask = Asker::reading("\n\nnope\n2\n");
        let picked = ask
            .choose("lifecycle", "stage", None, &options())
            .expect("answered");
        assert_eq!(picked, "deployed", "asked until a valid answer came");
        let mut ask = Asker::reading("\n");
        let picked = ask
            .choose_or("lifecycle", "stage", None, &options(), Some("deployed"))
            .expect("answered");
        assert_eq!(picked, "deployed");
        let mut ask = Asker::reading("\n\n\n\nTitle\n");
        assert_eq!(ask.text("title", "title", None).expect("answered"), "Title");
    }

    #[test]
    fn the_end_of_the_input_abandons_the_command() {
        let mut ask = Asker::reading("\n");
        let error = ask.text("title", "title", None).expect_err("abandoned");
        assert!(error.downcast_ref::<Abandoned>().is_some());
    }

    #[test]
    fn not_applicable_needs_a_reason() {
        assert_eq!(not_applicable("fine"), None);
        assert_eq!(
            not_applicable("n/a"),
            Some(Err("give a reason: `n/a: ...`".to_string()))
        );
        assert_eq!(
            not_applicable("N/A: no people"),
            Some(Ok("no people".to_string()))
        );
        assert!(matches!(not_applicable("n/a:  "), Some(Err(_))));
    }

    #[test]
    fn optional_values_and_confirmations() {
        let mut ask = Asker::reading("\nmaybe\ny\n");
        assert_eq!(ask.optional("note", None).expect("answered"), None);
        assert!(ask.confirm("accept?", None).expect("answered"));
        let mut ask = Asker::reading("\n");
        assert!(!ask.confirm("accept?", Some(false)).expect("answered"));
    }
}
