//! Who git says the user is: the author and committer identities a commit made here
//! would carry, resolved the way git resolves them.
//!
//! For the author (the committer is alike, with `COMMITTER` and `committer.*`):
//!
//! - the name is `GIT_AUTHOR_NAME`, else `author.name`, else `user.name`;
//! - the email is `GIT_AUTHOR_EMAIL`, else `author.email`, else `user.email`, else
//!   `EMAIL` when no `user.email`, `author.email` or `committer.email` is configured
//!   at all (git ignores `EMAIL` as soon as any of them is, even for the other role).
//!
//! Configuration is read with the repository's precedence: `GIT_CONFIG_COUNT`
//! entries, the worktree's and the repository's own config (with `include` and
//! `includeIf` as libgit2 evaluates them for that repository), then global
//! (`~/.gitconfig` and `$XDG_CONFIG_HOME/git/config`, or the file `GIT_CONFIG_GLOBAL`
//! names), then system (or `GIT_CONFIG_SYSTEM`, or none under `GIT_CONFIG_NOSYSTEM`).
//! Outside a repository, global and system only. Values lose the leading and trailing
//! punctuation and the `<`, `>` and newlines that git strips from identities.
//!
//! Where git would guess (a name from the system account, an email from the host
//! name), this module answers `None`: an approval is recorded for a person, and a
//! guess is not one. `GIT_CONFIG_PARAMETERS` (set by `git -c` for the commands it
//! runs) is not read.
//!
//! The environment is a parameter: this module never reads the process environment
//! itself (libgit2 still finds the home folder on its own, to locate the global file).

use std::path::Path;

use git2::{Config, ConfigLevel, ErrorCode, Repository};

use super::history::Person;

/// Looks up an environment variable; the command line passes `std::env::var`.
pub type Environment<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Where a configuration value was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `GIT_CONFIG_COUNT` and its `GIT_CONFIG_KEY_<n>`, `GIT_CONFIG_VALUE_<n>`.
    Command,
    /// The worktree's own config (`extensions.worktreeConfig`).
    Worktree,
    /// The repository's `.git/config`.
    Local,
    /// The user's global config.
    Global,
    /// The system's config.
    System,
}

/// Where an identity's name or email came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Environment(&'static str),
    Config { key: &'static str, scope: Scope },
}

/// A resolved name or email and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub value: String,
    pub origin: Origin,
}

/// One identity; a part is `None` when git has no value for it, or an empty one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub name: Option<Setting>,
    pub email: Option<Setting>,
}

impl Identity {
    /// The identity as a person, when both name and email are known.
    pub fn person(&self) -> Option<Person> {
        Some(Person {
            name: self.name.as_ref()?.value.clone(),
            email: self.email.as_ref()?.value.clone(),
        })
    }
}

/// The author and committer of a commit made now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identities {
    pub author: Identity,
    pub committer: Identity,
}

#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    #[error("environment variable `{variable}` is `{value}`, which is not a boolean")]
    NotABoolean {
        variable: &'static str,
        value: String,
    },
    #[error("environment variable `GIT_CONFIG_COUNT` is `{0}`, which is not a count")]
    NotACount(String),
    #[error("environment variable `{0}` is missing, but `GIT_CONFIG_COUNT` counts it")]
    MissingConfigEntry(String),
    #[error("git configuration: {0}")]
    Git(#[from] git2::Error),
}

/// The identities git would use in the repository holding `dir`, or, outside any
/// repository, from the global and system configuration.
pub fn identities(dir: &Path, env: Environment<'_>) -> Result<Identities, IdentityError> {
    let base = match Repository::discover(dir) {
        Ok(repo) => repo.config()?,
        Err(error) if error.code() == ErrorCode::NotFound => Config::open_default()?,
        Err(error) => return Err(error.into()),
    };
    let config = Levels::read(&base, env)?;
    let any_email_configured = ["user.email", "author.email", "committer.email"]
        .iter()
        .try_fold(false, |found, key| {
            Ok::<_, IdentityError>(found || config.get(key)?.is_some())
        })?;
    let identity = |role: Role| -> Result<Identity, IdentityError> {
        let name = match env(role.name_variable) {
            Some(value) => Some(setting(value, Origin::Environment(role.name_variable))),
            None => config.first_setting(&[role.name_key, "user.name"])?,
        };
        let mut email = match env(role.email_variable) {
            Some(value) => Some(setting(value, Origin::Environment(role.email_variable))),
            None => config.first_setting(&[role.email_key, "user.email"])?,
        };
        if email.is_none() && !any_email_configured {
            email = env("EMAIL")
                .filter(|v| !v.is_empty())
                .map(|v| setting(v, Origin::Environment("EMAIL")));
        }
        Ok(Identity {
            name: name.filter(|s| !s.value.is_empty()),
            email: email.filter(|s| !s.value.is_empty()),
        })
    };
    Ok(Identities {
        author: identity(Role::AUTHOR)?,
        committer: identity(Role::COMMITTER)?,
    })
}

/// The variables and keys naming one role's identity.
#[derive(Clone, Copy)]
struct Role {
    name_variable: &'static str,
    email_variable: &'static str,
    name_key: &'static str,
    email_key: &'static str,
}

impl Role {
    const AUTHOR: Role = Role {
        name_variable: "GIT_AUTHOR_NAME",
        email_variable: "GIT_AUTHOR_EMAIL",
        name_key: "author.name",
        email_key: "author.email",
    };
    const COMMITTER: Role = Role {
        name_variable: "GIT_COMMITTER_NAME",
        email_variable: "GIT_COMMITTER_EMAIL",
        name_key: "committer.name",
        email_key: "committer.email",
    };
}

fn setting(value: String, origin: Origin) -> Setting {
    Setting {
        value: without_crud(&value),
        origin,
    }
}

/// What git keeps of a name or email: no leading or trailing whitespace, control
/// characters or `,:;<>"\'`, and no `<`, `>` or newline inside.
fn without_crud(value: &str) -> String {
    let crud = |c: char| c <= ' ' || ",:;<>\"\\'".contains(c);
    value
        .trim_matches(crud)
        .chars()
        .filter(|c| !matches!(c, '<' | '>' | '\n'))
        .collect()
}

/// The configuration levels, highest precedence first.
struct Levels {
    /// `GIT_CONFIG_COUNT` entries, in order (a later one wins).
    command: Vec<(String, String)>,
    files: Vec<(Scope, Config)>,
}

impl Levels {
    fn read(base: &Config, env: Environment<'_>) -> Result<Levels, IdentityError> {
        let mut files = Vec::new();
        let mut push = |scope: Scope, config: Option<Config>| {
            files.extend(config.map(|config| (scope, config)));
        };
        push(Scope::Worktree, level(base, ConfigLevel::Worktree)?);
        push(Scope::Local, level(base, ConfigLevel::Local)?);
        // Files named by the environment are read on their own: libgit2 offers no way
        // to add a file with the repository it belongs to, so an `includeIf` in them
        // cannot match.
        match env("GIT_CONFIG_GLOBAL") {
            Some(path) => push(Scope::Global, named_file(&path)?),
            None => {
                push(Scope::Global, level(base, ConfigLevel::Global)?);
                push(Scope::Global, level(base, ConfigLevel::XDG)?);
            }
        }
        let no_system = env("GIT_CONFIG_NOSYSTEM")
            .map(|value| {
                boolean(&value).ok_or(IdentityError::NotABoolean {
                    variable: "GIT_CONFIG_NOSYSTEM",
                    value,
                })
            })
            .transpose()?
            .unwrap_or(false);
        if !no_system {
            match env("GIT_CONFIG_SYSTEM") {
                Some(path) => push(Scope::System, named_file(&path)?),
                None => {
                    push(Scope::System, level(base, ConfigLevel::System)?);
                    push(Scope::System, level(base, ConfigLevel::ProgramData)?);
                }
            }
        }
        Ok(Levels {
            command: command_entries(env)?,
            files,
        })
    }

    /// The value of `key` with the highest precedence, and where it was found.
    fn get(&self, key: &'static str) -> Result<Option<(String, Scope)>, IdentityError> {
        if let Some((_, value)) = self
            .command
            .iter()
            .rev()
            .find(|(name, _)| name.eq_ignore_ascii_case(key))
        {
            return Ok(Some((value.clone(), Scope::Command)));
        }
        for (scope, config) in &self.files {
            match config.get_string(key) {
                Ok(value) => return Ok(Some((value, *scope))),
                Err(error) if error.code() == ErrorCode::NotFound => {}
                Err(error) => return Err(error.into()),
            }
        }
        Ok(None)
    }

    /// The first of `keys` with a value, as a setting: git passes over a key that is
    /// missing or empty.
    fn first_setting(&self, keys: &[&'static str]) -> Result<Option<Setting>, IdentityError> {
        for &key in keys {
            if let Some((value, scope)) = self.get(key)?.filter(|(value, _)| !value.is_empty()) {
                return Ok(Some(setting(value, Origin::Config { key, scope })));
            }
        }
        Ok(None)
    }
}

/// One level of a configuration, if it has a file.
fn level(base: &Config, level: ConfigLevel) -> Result<Option<Config>, IdentityError> {
    match base.open_level(level) {
        Ok(config) => Ok(Some(config)),
        Err(error) if error.code() == ErrorCode::NotFound => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// A configuration file named by the environment. git reads one that is not there,
/// or is not a regular file (`/dev/null`), as empty.
fn named_file(path: &str) -> Result<Option<Config>, IdentityError> {
    let path = Path::new(path);
    if !path.is_file() {
        return Ok(None);
    }
    Ok(Some(Config::open(path)?))
}

/// The `GIT_CONFIG_COUNT` entries git adds to every command's configuration.
fn command_entries(env: Environment<'_>) -> Result<Vec<(String, String)>, IdentityError> {
    let count = match env("GIT_CONFIG_COUNT") {
        None => 0,
        Some(text) if text.is_empty() => 0,
        Some(text) => text
            .parse::<usize>()
            .map_err(|_| IdentityError::NotACount(text))?,
    };
    (0..count)
        .map(|i| {
            let key = format!("GIT_CONFIG_KEY_{i}");
            let value = format!("GIT_CONFIG_VALUE_{i}");
            Ok((
                env(&key).ok_or(IdentityError::MissingConfigEntry(key))?,
                env(&value).ok_or(IdentityError::MissingConfigEntry(value))?,
            ))
        })
        .collect()
}

/// git's reading of a boolean environment variable.
fn boolean(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "off" => Some(false),
        "true" | "yes" | "on" => Some(true),
        number => number.parse::<i64>().ok().map(|n| n != 0),
    }
}

#[cfg(test)]
mod tests;
