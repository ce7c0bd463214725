//! Tests of the parent module against the real `git` and `ssh-keygen`.

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
