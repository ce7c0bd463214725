//! Recording an approval: a commit on HEAD that changes no file and carries the
//! approval trailers, made by the `git` command itself so that it is authored,
//! committed and (when asked) signed exactly as the user's git is set up to do it:
//! `gpg.format`, `user.signingkey`, an SSH agent or a GPG agent, included files and
//! conditional configuration alike. The commit is made with `git commit-tree` from
//! HEAD's tree (nothing staged is swept into it, and no hook runs), and HEAD is moved
//! to it only if it has not moved meanwhile.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::approvals::{ApproverRole, approver_roles};
use super::history::Person;
use super::{Trail, TrailError};
use crate::register::CONFIG_FILE;

/// Why an approval commit could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    #[error("the `git` command could not be run; `aims approve` uses it to make the commit")]
    NoGit(#[source] std::io::Error),
    #[error("signing the approval commit with {key} failed: {message}")]
    Signing { key: String, message: String },
    #[error("git could not make the approval commit: {0}")]
    Git(String),
    #[error("HEAD moved while the approval was being recorded; run `aims approve` again")]
    Moved,
    #[error(transparent)]
    Trail(#[from] TrailError),
}

impl Trail {
    /// The approver roles by email (lower-case) in `aims.yaml` as committed at HEAD,
    /// which is what an approval commit made now is judged against.
    pub fn approvers_at_head(&self) -> Result<HashMap<String, ApproverRole>, TrailError> {
        let tree = self.repo.find_commit(self.head()?)?.tree_id();
        Ok(self
            .blob_at(tree, CONFIG_FILE)
            .and_then(|blob| self.read(blob))
            .map(|content| approver_roles(&content))
            .unwrap_or_default())
    }

    /// Who made the commit that last changed `path` (relative to the register),
    /// following first parents from HEAD.
    pub fn last_author(&self, path: &str) -> Result<Option<Person>, TrailError> {
        let mut commit = self.repo.find_commit(self.head()?)?;
        let blob = self.blob_at(commit.tree_id(), path);
        loop {
            let parent = commit.parent(0).ok();
            let before = parent
                .as_ref()
                .and_then(|p| self.blob_at(p.tree_id(), path));
            if parent.is_none() || before != blob {
                let author = commit.author();
                return Ok(Some(Person {
                    name: String::from_utf8_lossy(author.name_bytes()).into_owned(),
                    email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
                }));
            }
            commit = parent.expect("checked above");
        }
    }

    /// Commits `message` on HEAD without changing a file, signed when `sign` is true;
    /// returns the new commit's id.
    pub fn commit_approval(
        &self,
        root: &Path,
        message: &str,
        sign: bool,
    ) -> Result<String, CommitError> {
        let head = self.head()?.to_string();
        let git =
            |args: &[&str], input: Option<&str>| -> Result<(bool, String, String), CommitError> {
                let mut child = Command::new("git")
                    .args(args)
                    .current_dir(root)
                    .stdin(if input.is_some() {
                        Stdio::piped()
                    } else {
                        Stdio::null()
                    })
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .map_err(CommitError::NoGit)?;
                if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
                    stdin
                        .write_all(input.as_bytes())
                        .map_err(CommitError::NoGit)?;
                }
                let out = child.wait_with_output().map_err(CommitError::NoGit)?;
                Ok((
                    out.status.success(),
                    String::from_utf8_lossy(&out.stdout).trim().to_string(),
                    String::from_utf8_lossy(&out.stderr).trim().to_string(),
                ))
            };
        let tree = format!("{head}^{{tree}}");
        let mut args = vec!["commit-tree", tree.as_str(), "-p", head.as_str(), "-F", "-"];
        args.push(if sign { "-S" } else { "--no-gpg-sign" });
        let (ok, commit, error) = git(&args, Some(message))?;
        if !ok {
            if sign {
                let config = |key: &str| {
                    git(&["config", "--get", key], None)
                        .ok()
                        .filter(|(ok, _, _)| *ok)
                        .map(|(_, value, _)| value)
                };
                let format = config("gpg.format").unwrap_or_else(|| "openpgp".to_string());
                let key = match config("user.signingkey") {
                    Some(key) => format!("`{key}` (gpg.format {format})"),
                    None => format!("the default {format} key (user.signingkey is not set)"),
                };
                return Err(CommitError::Signing {
                    key,
                    message: error,
                });
            }
            return Err(CommitError::Git(error));
        }
        let (ok, _, error) = git(
            &["update-ref", "-m", "aims approve", "HEAD", &commit, &head],
            None,
        )?;
        if !ok {
            return Err(
                if error.contains("but expected") || error.contains("is at") {
                    CommitError::Moved
                } else {
                    CommitError::Git(error)
                },
            );
        }
        Ok(commit)
    }

    /// Whether git is set to sign every commit (`commit.gpgsign`).
    pub fn signs_commits(&self) -> bool {
        self.repo
            .config()
            .and_then(|c| c.get_bool("commit.gpgsign"))
            .unwrap_or(false)
    }
}
