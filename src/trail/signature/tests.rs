//! Tests of the parent module against the real `git` and `ssh-keygen`.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::*;

/// Whether `ssh-keygen` can be run; the tests that need it skip without it, and
/// say so.
#[allow(clippy::print_stderr)]
fn have_ssh_keygen() -> bool {
    let found = Command::new("ssh-keygen")
        .arg("-?")
        .output()
        .is_ok_and(|o| !o.stderr.is_empty());
    if !found {
        eprintln!("ssh-keygen is not installed: skipping the signed-commit test");
    }
    found
}

/// Makes a key pair with `ssh-keygen`, returning the public key's path.
fn keygen(dir: &Path, name: &str, kind: &[&str]) -> PathBuf {
    let path = dir.join(name);
    let status = Command::new("ssh-keygen")
        .args(kind)
        .args(["-q", "-N", "", "-C", name, "-f"])
        .arg(&path)
        .status()
        .expect("ssh-keygen runs");
    assert!(status.success(), "ssh-keygen makes a {kind:?} key");
    path.with_extension("pub")
}

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=Priya N",
            "-c",
            "user.email=priya@x.example",
        ])
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_DATE", "2025-03-01T10:00:00Z")
        .env("GIT_COMMITTER_DATE", "2025-03-01T10:00:00Z")
        .env_remove("SSH_AUTH_SOCK")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// Commits with a signature by the key at `public` (or none), returning its id.
fn commit(repo: &Path, public: Option<&Path>, message: &str) -> Oid {
    match public {
        Some(key) => {
            let key = format!("user.signingkey={}", key.display());
            git(
                repo,
                &[
                    "-c",
                    "gpg.format=ssh",
                    "-c",
                    &key,
                    "commit",
                    "-q",
                    "--allow-empty",
                    "-S",
                    "-m",
                    message,
                ],
            );
        }
        None => git(repo, &["commit", "-q", "--allow-empty", "-m", message]),
    }
    Repository::open(repo)
        .expect("repository")
        .head()
        .expect("HEAD")
        .target()
        .expect("a commit")
}

fn allowed(keys: &[&Path]) -> AllowedKeys {
    let texts: Vec<String> = keys
        .iter()
        .map(|k| std::fs::read_to_string(k).expect("public key"))
        .collect();
    let (keys, bad) = AllowedKeys::parse(&texts);
    assert_eq!(bad, []);
    keys
}

fn ssh_fingerprint(public: &Path) -> String {
    let out = Command::new("ssh-keygen")
        .arg("-lf")
        .arg(public)
        .output()
        .expect("ssh-keygen runs");
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .split_whitespace()
        .nth(1)
        .expect("a fingerprint")
        .to_string()
}

#[test]
fn signed_commits_verify_against_the_allowed_keys() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let ed25519 = keygen(dir.path(), "ed25519", &["-t", "ed25519"]);
    let other = keygen(dir.path(), "other", &["-t", "ed25519"]);
    let rsa = keygen(dir.path(), "rsa", &["-t", "rsa", "-b", "3072"]);
    let ecdsa = keygen(dir.path(), "ecdsa", &["-t", "ecdsa", "-b", "256"]);
    let ecdsa384 = keygen(dir.path(), "ecdsa384", &["-t", "ecdsa", "-b", "384"]);
    let path = dir.path().join("repo");
    std::fs::create_dir(&path).expect("repo folder");
    git(&path, &["init", "-q"]);
    let repo = Repository::open(&path).expect("repository");

    for key in [&ed25519, &rsa, &ecdsa, &ecdsa384] {
        let id = commit(&path, Some(key), "Approve R-001\n\nApproves: R-001\n");
        let signed = commit_signature(&repo, id)
            .expect("readable")
            .expect("signed");
        let fingerprint = ssh_fingerprint(key);
        assert_eq!(
            verify(&signed.signature, &signed.payload, &allowed(&[&other, key])),
            SignatureCheck::Valid {
                fingerprint: fingerprint.clone()
            },
            "{}",
            key.display()
        );
        assert_eq!(
            verify(&signed.signature, &signed.payload, &allowed(&[&other])),
            SignatureCheck::NotAllowed {
                fingerprint: fingerprint.clone()
            },
        );
        assert_eq!(
            verify(&signed.signature, &signed.payload, &AllowedKeys::default()),
            SignatureCheck::NotAllowed {
                fingerprint: fingerprint.clone()
            },
        );
        let altered = String::from_utf8(signed.payload.clone())
            .expect("utf-8")
            .replace("R-001", "R-002");
        assert_eq!(
            verify(&signed.signature, altered.as_bytes(), &allowed(&[key])),
            SignatureCheck::Invalid {
                reason: Invalid::Mismatch { fingerprint }
            },
        );
    }

    let unsigned = commit(&path, None, "Unsigned");
    assert_eq!(commit_signature(&repo, unsigned).expect("readable"), None);
    let missing = Oid::from_str("1111111111111111111111111111111111111111").expect("an id");
    assert!(commit_signature(&repo, missing).is_err());
}

/// A commit carrying `signature` in its `gpgsig` header, written with git2.
fn commit_with_signature(repo: &Repository, signature: &str) -> Oid {
    let person = git2::Signature::new(
        "Priya N",
        "priya@x.example",
        &git2::Time::new(1_740_823_200, 0),
    )
    .expect("signature");
    let tree = repo
        .find_tree(
            repo.treebuilder(None)
                .expect("builder")
                .write()
                .expect("tree"),
        )
        .expect("tree");
    let content = repo
        .commit_create_buffer(&person, &person, "Approve R-001\n", &tree, &[])
        .expect("commit buffer");
    repo.commit_signed(content.as_str().expect("utf-8"), signature, None)
        .expect("commit")
}

#[test]
fn openpgp_and_x509_signatures_are_unsupported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = Repository::init(dir.path()).expect("repository");
    let pgp =
        "-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n=abcd\n-----END PGP SIGNATURE-----";
    let id = commit_with_signature(&repo, pgp);
    let signed = commit_signature(&repo, id)
        .expect("readable")
        .expect("signed");
    let check = verify(&signed.signature, &signed.payload, &AllowedKeys::default());
    assert_eq!(
        check,
        SignatureCheck::Unsupported {
            reason: Unsupported::OpenPgp
        }
    );
    assert!(check.to_string().contains("only SSH signatures"), "{check}");
    assert_eq!(
        verify(
            b"-----BEGIN SIGNED MESSAGE-----\nMIAG\n-----END SIGNED MESSAGE-----\n",
            b"payload",
            &AllowedKeys::default()
        ),
        SignatureCheck::Unsupported {
            reason: Unsupported::X509
        }
    );
}

#[test]
fn damaged_or_foreign_signatures_are_invalid() {
    let none = AllowedKeys::default();
    assert_eq!(
        verify(b"not a signature", b"payload", &none),
        SignatureCheck::Invalid {
            reason: Invalid::UnknownFormat
        }
    );
    assert!(matches!(
        verify(
            b"-----BEGIN SSH SIGNATURE-----\nAAAA\n-----END SSH SIGNATURE-----\n",
            b"payload",
            &none
        ),
        SignatureCheck::Invalid {
            reason: Invalid::Malformed(_)
        }
    ));
    if !have_ssh_keygen() {
        return;
    }
    // A valid SSH signature, but over a file (namespace `file`), not a commit.
    let dir = tempfile::tempdir().expect("temp dir");
    let public = keygen(dir.path(), "key", &["-t", "ed25519"]);
    let file = dir.path().join("payload");
    std::fs::write(&file, "payload").expect("payload");
    let status = Command::new("ssh-keygen")
        .args(["-q", "-Y", "sign", "-n", "file", "-f"])
        .arg(public.with_extension(""))
        .arg(&file)
        .env_remove("SSH_AUTH_SOCK")
        .status()
        .expect("ssh-keygen runs");
    assert!(status.success());
    let signature = std::fs::read(file.with_extension("sig")).expect("signature");
    assert_eq!(
        verify(&signature, b"payload", &allowed(&[&public])),
        SignatureCheck::Invalid {
            reason: Invalid::Namespace("file".into())
        }
    );
}

#[test]
fn allowed_keys_name_the_ones_that_cannot_be_used() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let public = keygen(dir.path(), "key", &["-t", "ed25519"]);
    let good = std::fs::read_to_string(&public).expect("public key");
    let private = std::fs::read_to_string(public.with_extension("")).expect("private key");
    let without_comment = good
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let damaged = good.replacen("AAAA", "AA!A", 1);
    let dsa = "ssh-dss AAAAB3NzaC1kc3MAAACBAO5Hqb10cGSNCwvDr2dM+/WArZQzOIQcf0nDsMlUtK5oJCi7RuNuCG2rWyQufzzyhai+y2suYaViLanPoizRuxuSKrJpG2VdW0fDi9zL5rtVUYl5cJPj7XSJiZ3xTVrnfT6Mrjhd7C+CMaQAxvcHB7TeLEGcRcovvB/xA0Z7SChpAAAAFQDzixAU3s4lHMHx45JMx6K/+xfLQQAAAIEAo/rYXb4zWweGz/tmLRotOeB/EiPpsFaB+Oj17DjO4g8JJDJ/cc0NYaJO0n8O12xSo9lHti/f7ZNV4tQW49z6RR42Ycyz6qTVxZq9mAb6fmEDwZ+51M/9BZIAmOYzCxC/sJuGvqUD7tTkto4Kz0q/uTOGpiq49YuZlMyIWudeviQAAACAe/w6MRuiVJBr3HRU1lYIcvgtKjhAcZweJ7jACM0OSc3nRaJsgQKufJkpl43ufFC8RTVhYlpcO8YeGIHWv1WzXCEIWJsxcCUWvvQlJWIt+xWnxYz/WRbISdHmt5Fs74+33tZu13aSFlqyVC+JcURgBmNTRSToXHTADYOYET2mcq0= dsa";
    let texts = [
        good.as_str(),
        "  ",
        private.as_str(),
        without_comment.as_str(),
        damaged.as_str(),
        dsa,
    ];
    let (keys, bad) = AllowedKeys::parse(texts);
    assert!(!keys.is_empty());
    assert_eq!(keys.0.len(), 2, "the key, with and without its comment");
    let errors: Vec<(usize, String)> = bad
        .iter()
        .map(|b| (b.index, format!("{:?}", b.error)))
        .collect();
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert_eq!(
        bad[0],
        BadKey {
            index: 1,
            error: KeyError::Empty
        }
    );
    assert_eq!(
        bad[1],
        BadKey {
            index: 2,
            error: KeyError::PrivateKey
        }
    );
    assert!(matches!(bad[2].error, KeyError::Malformed(_)), "{errors:?}");
    assert_eq!(
        bad[3],
        BadKey {
            index: 5,
            error: KeyError::Unsupported {
                algorithm: "ssh-dss".into()
            }
        }
    );

    let (none, bad) = AllowedKeys::parse(Vec::<String>::new());
    assert!(none.is_empty());
    assert_eq!(bad, []);
}

#[test]
fn parse_key_reads_a_pub_line() {
    if !have_ssh_keygen() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let public = keygen(dir.path(), "key", &["-t", "ed25519"]);
    let text = std::fs::read_to_string(&public).expect("public key");
    let key = parse_key(&format!("  {}  with a long comment\n", text.trim())).expect("a key");
    assert_eq!(key.fingerprint(), ssh_fingerprint(&public));
    assert!(parse_key("ssh-ed25519").is_err());
}

#[test]
fn signature_checks_read_as_sentences() {
    let valid = SignatureCheck::Valid {
        fingerprint: "SHA256:abc".into(),
    };
    assert_eq!(
        valid.to_string(),
        "a valid signature by allowed key SHA256:abc"
    );
    let mismatch = SignatureCheck::Invalid {
        reason: Invalid::Mismatch {
            fingerprint: "SHA256:abc".into(),
        },
    };
    assert_eq!(
        mismatch.to_string(),
        "a bad signature: the signature by key SHA256:abc does not match the commit"
    );
}
