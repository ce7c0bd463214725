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
mod tests {
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::process::Command;

    use super::*;

    /// A repository and a global config file in a temporary folder.
    struct Setup {
        dir: tempfile::TempDir,
        global: PathBuf,
        repo: PathBuf,
    }

    impl Setup {
        fn new(global: &str, local: &str) -> Setup {
            let dir = tempfile::tempdir().expect("temp dir");
            let global_path = dir.path().join("global.gitconfig");
            std::fs::write(&global_path, global).expect("global config");
            let repo = dir.path().join("repo");
            Repository::init(&repo).expect("repository");
            let config = repo.join(".git/config");
            let mut text = std::fs::read_to_string(&config).expect("local config");
            text.push_str(local);
            std::fs::write(&config, text).expect("local config");
            Setup {
                global: global_path,
                repo,
                dir,
            }
        }

        /// The environment of a test case: an isolated global config and no system
        /// one, unless `vars` say otherwise.
        fn env(&self, vars: &[(&str, &str)]) -> HashMap<String, String> {
            let mut env = HashMap::from([
                (
                    "GIT_CONFIG_GLOBAL".to_string(),
                    self.global.display().to_string(),
                ),
                ("GIT_CONFIG_NOSYSTEM".to_string(), "1".to_string()),
            ]);
            env.extend(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
            env
        }
    }

    fn ours(dir: &Path, env: &HashMap<String, String>) -> Identities {
        identities(dir, &|name: &str| env.get(name).cloned()).expect("identities")
    }

    /// `git var GIT_<ROLE>_IDENT` run in `dir` with only `env`: the name and email,
    /// `None` where git fails or writes an empty value.
    fn git_var(
        dir: &Path,
        env: &HashMap<String, String>,
        role: &str,
    ) -> (Option<String>, Option<String>) {
        let home = tempfile::tempdir().expect("temp home");
        let output = Command::new("git")
            .args(["var", &format!("GIT_{role}_IDENT")])
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home.path())
            .envs(env)
            .output()
            .expect("git runs");
        if !output.status.success() {
            return (None, None);
        }
        let line = String::from_utf8(output.stdout).expect("utf-8");
        // `Name <email> 1700000000 +0000`
        let (rest, _zone) = line.trim_end().rsplit_once(' ').expect("a time zone");
        let (person, _time) = rest.rsplit_once(' ').expect("a time");
        let (name, email) = person.rsplit_once(" <").expect("name <email>");
        let email = email.strip_suffix('>').expect("<email>");
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        (some(name), some(email))
    }

    fn parts(identity: &Identity) -> (Option<String>, Option<String>) {
        (
            identity.name.as_ref().map(|s| s.value.clone()),
            identity.email.as_ref().map(|s| s.value.clone()),
        )
    }

    /// Asserts that aims and `git var` agree on both identities in `dir`, where git
    /// knows an identity at all, and returns aims's answer.
    fn agree(name: &str, dir: &Path, env: &HashMap<String, String>) -> Identities {
        let ours = ours(dir, env);
        for (role, identity) in [("AUTHOR", &ours.author), ("COMMITTER", &ours.committer)] {
            let git = git_var(dir, env, role);
            if git == (None, None) {
                assert!(
                    identity.person().is_none(),
                    "{name}: git knows no {role}, aims has {identity:?}"
                );
            } else {
                assert_eq!(parts(identity), git, "{name}: {role}");
            }
        }
        ours
    }

    /// A case: what it shows, the global config, the repository's config, and the
    /// environment.
    struct Case(
        &'static str,
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    );

    const GLOBAL: &str = "[user]\n\tname = Global Name\n\temail = global@x.example\n";
    const CONFIG_ONLY: &str = "[user]\n\tuseConfigOnly = true\n";

    #[test]
    fn repository_config_comes_before_global() {
        let setup = Setup::new(GLOBAL, "[user]\n\temail = local@x.example\n");
        let env = setup.env(&[]);
        let ids = agree("local over global", &setup.repo, &env);
        let email = ids.author.email.expect("an email");
        assert_eq!(email.value, "local@x.example");
        assert_eq!(
            email.origin,
            Origin::Config {
                key: "user.email",
                scope: Scope::Local
            }
        );
        assert_eq!(
            ids.committer.name.expect("a name").origin,
            Origin::Config {
                key: "user.name",
                scope: Scope::Global
            }
        );

        // from a folder inside the repository, too
        let inside = setup.repo.join("risks");
        std::fs::create_dir(&inside).expect("folder");
        let ids = agree("inside", &inside, &env);
        assert_eq!(
            ids.author.person(),
            Some(Person {
                name: "Global Name".into(),
                email: "local@x.example".into()
            })
        );
    }

    #[test]
    fn worktree_config_comes_before_the_repository_config() {
        let setup = Setup::new(
            GLOBAL,
            "[user]\n\temail = local@x.example\n[core]\n\trepositoryformatversion = 1\n[extensions]\n\tworktreeConfig = true\n",
        );
        std::fs::write(
            setup.repo.join(".git/config.worktree"),
            "[user]\n\temail = worktree@x.example\n",
        )
        .expect("worktree config");
        let ids = agree("worktree", &setup.repo, &setup.env(&[]));
        assert_eq!(
            ids.author.email.expect("an email").origin,
            Origin::Config {
                key: "user.email",
                scope: Scope::Worktree
            }
        );
    }

    #[test]
    fn outside_a_repository_global_config_is_used() {
        let setup = Setup::new(GLOBAL, "[user]\n\temail = local@x.example\n");
        let outside = setup.dir.path().join("elsewhere");
        std::fs::create_dir(&outside).expect("folder");
        let ids = agree("outside", &outside, &setup.env(&[]));
        assert_eq!(
            ids.author.email.expect("an email").value,
            "global@x.example"
        );
    }

    #[test]
    fn identities_follow_git_var() {
        let includes = |dir: &Path| {
            let included = dir.join("work.gitconfig");
            std::fs::write(&included, "[user]\n\temail = included@x.example\n")
                .expect("included config");
            included
        };
        let cases = [
            Case("global only", GLOBAL, "", &[]),
            Case(
                "author.email in global beats user.email in the repository",
                "[user]\n\tname = G\n[author]\n\temail = author@x.example\n",
                "[user]\n\temail = local@x.example\n",
                &[],
            ),
            Case(
                "an empty author.email falls through to user.email",
                "[user]\n\tname = G\n[author]\n\temail = author@x.example\n",
                "[user]\n\temail = local@x.example\n[author]\n\temail =\n",
                &[],
            ),
            Case(
                "committer.name and committer.email",
                GLOBAL,
                "[committer]\n\tname = Bot\n\temail = bot@x.example\n",
                &[],
            ),
            Case(
                "environment variables come first",
                GLOBAL,
                "[user]\n\temail = local@x.example\n",
                &[
                    ("GIT_AUTHOR_NAME", "Env Author"),
                    ("GIT_AUTHOR_EMAIL", "env-author@x.example"),
                    ("GIT_COMMITTER_EMAIL", "env-committer@x.example"),
                ],
            ),
            Case(
                "an empty GIT_AUTHOR_EMAIL is an empty email",
                GLOBAL,
                "",
                &[("GIT_AUTHOR_EMAIL", "")],
            ),
            Case(
                "EMAIL when no email is configured",
                "[user]\n\tname = G\n",
                "",
                &[("EMAIL", "from-env@x.example")],
            ),
            Case(
                "EMAIL is ignored when user.email is set",
                GLOBAL,
                "",
                &[("EMAIL", "from-env@x.example")],
            ),
            Case(
                "EMAIL is ignored for the committer once author.email is set",
                "[user]\n\tname = G\n[author]\n\temail = author@x.example\n",
                "",
                &[("EMAIL", "from-env@x.example")],
            ),
            Case(
                "GIT_CONFIG_COUNT overrides every file",
                GLOBAL,
                "[user]\n\temail = local@x.example\n",
                &[
                    ("GIT_CONFIG_COUNT", "2"),
                    ("GIT_CONFIG_KEY_0", "User.Email"),
                    ("GIT_CONFIG_VALUE_0", "first@x.example"),
                    ("GIT_CONFIG_KEY_1", "user.EMAIL"),
                    ("GIT_CONFIG_VALUE_1", "command@x.example"),
                ],
            ),
            Case(
                "git strips punctuation around names and emails",
                "[user]\n\tname = \" \\\"Jr. <Tom>, \"\n\temail = \" <tom.@x.example>. \"\n",
                "",
                &[],
            ),
            Case("nothing configured", CONFIG_ONLY, "", &[]),
            Case(
                "an email but no name",
                "[user]\n\tuseConfigOnly = true\n\temail = g@x.example\n",
                "",
                &[],
            ),
        ];
        for Case(name, global, local, vars) in cases {
            let setup = Setup::new(global, local);
            agree(name, &setup.repo, &setup.env(vars));
        }

        // `include` in the global file, `includeIf` in the repository's
        let setup = Setup::new("", "");
        let included = includes(setup.dir.path());
        std::fs::write(
            &setup.global,
            format!(
                "[user]\n\tname = G\n\temail = g@x.example\n[include]\n\tpath = {}\n",
                included.display()
            ),
        )
        .expect("global config");
        let ids = agree("include", &setup.repo, &setup.env(&[]));
        assert_eq!(ids.author.email.expect("email").value, "included@x.example");

        let setup = Setup::new(GLOBAL, "");
        let included = includes(setup.dir.path());
        let config = setup.repo.join(".git/config");
        let mut text = std::fs::read_to_string(&config).expect("local config");
        text.push_str(&format!(
            "[includeIf \"gitdir:{}/\"]\n\tpath = {}\n",
            setup.repo.display(),
            included.display()
        ));
        std::fs::write(&config, text).expect("local config");
        let ids = agree("includeIf", &setup.repo, &setup.env(&[]));
        assert_eq!(ids.author.email.expect("email").value, "included@x.example");
    }

    #[test]
    fn unknown_parts_are_none() {
        let setup = Setup::new(CONFIG_ONLY, "");
        let ids = ours(&setup.repo, &setup.env(&[]));
        assert_eq!(
            ids.author,
            Identity {
                name: None,
                email: None
            }
        );
        assert_eq!(ids.author.person(), None);
    }

    #[test]
    fn a_bad_environment_is_an_error() {
        let setup = Setup::new(GLOBAL, "");
        let run = |vars: &[(&str, &str)]| {
            let env = setup.env(vars);
            identities(&setup.repo, &|name: &str| env.get(name).cloned())
        };
        assert!(matches!(
            run(&[("GIT_CONFIG_NOSYSTEM", "maybe")]),
            Err(IdentityError::NotABoolean { .. })
        ));
        assert!(matches!(
            run(&[("GIT_CONFIG_COUNT", "two")]),
            Err(IdentityError::NotACount(_))
        ));
        assert!(matches!(
            run(&[("GIT_CONFIG_COUNT", "1"), ("GIT_CONFIG_KEY_0", "user.email")]),
            Err(IdentityError::MissingConfigEntry(v)) if v == "GIT_CONFIG_VALUE_0"
        ));
        assert!(run(&[("GIT_CONFIG_NOSYSTEM", "no"), ("GIT_CONFIG_COUNT", "")]).is_ok());
    }

    #[test]
    fn git_strips_crud_from_identities() {
        assert_eq!(without_crud(" \"Jr. <Tom>, "), "Jr. Tom");
        assert_eq!(without_crud("<tom@x.example>."), "tom@x.example.");
        assert_eq!(without_crud("Tom"), "Tom");
    }

    #[test]
    fn booleans_read_as_git_reads_them() {
        assert_eq!(boolean("Yes"), Some(true));
        assert_eq!(boolean("2"), Some(true));
        assert_eq!(boolean(""), Some(false));
        assert_eq!(boolean("0"), Some(false));
        assert_eq!(boolean("maybe"), None);
    }
}
