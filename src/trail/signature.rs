//! Verifying a commit's signature against the SSH public keys `aims.yaml` allows.
//!
//! git signs a commit with SSH keys (`gpg.format ssh`) by writing an SSHSIG block
//! (`-----BEGIN SSH SIGNATURE-----`, namespace `git`) into the commit's `gpgsig`
//! header; the signed payload is the commit object without that header. This module
//! checks such a block in-process with the `ssh-key` crate: against keys given as
//! text, the way a user pastes a `.pub` file's line into `aims.yaml`, with no
//! `ssh-keygen`, no `allowed_signers` file and nothing from the user's git
//! configuration.
//!
//! It answers whether the signature verifies and which key made it. Who that key
//! belongs to, and whether the approval counts, is decided by the approval model.
//! OpenPGP and X.509 signatures are recognised and reported as unsupported.

use std::fmt;

use git2::{Oid, Repository};
use ssh_key::public::KeyData;
use ssh_key::{Algorithm, EcdsaCurve, HashAlg, PublicKey, SshSig};

/// The namespace git signs commits and tags in.
const GIT_NAMESPACE: &str = "git";

/// The first line of each kind of signature git writes.
const SSH_HEADER: &[u8] = b"-----BEGIN SSH SIGNATURE-----";
const OPENPGP_HEADERS: [&[u8]; 2] = [
    b"-----BEGIN PGP SIGNATURE-----",
    b"-----BEGIN PGP MESSAGE-----",
];
const X509_HEADER: &[u8] = b"-----BEGIN SIGNED MESSAGE-----";

/// A public key that may sign approvals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedKey(PublicKey);

impl AllowedKey {
    /// The key's SHA-256 fingerprint as `ssh-keygen -l` prints it (`SHA256:...`).
    pub fn fingerprint(&self) -> String {
        fingerprint(self.0.key_data())
    }
}

/// The keys a signature is checked against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedKeys(Vec<AllowedKey>);

/// A key of the list given to [`AllowedKeys::parse`] that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadKey {
    /// Its position in the list, from 0.
    pub index: usize,
    pub error: KeyError,
}

/// Why a key's text cannot be used to verify signatures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("the key is empty; paste the line of the public key's `.pub` file")]
    Empty,
    #[error(
        "this is a private key, which must never be shared; paste the line of the `.pub` file instead"
    )]
    PrivateKey,
    #[error("`{algorithm}` keys cannot verify git signatures; use an ed25519, ecdsa or rsa key")]
    Unsupported { algorithm: String },
    #[error("not an OpenSSH public key (`ssh-ed25519 AAAA... comment`): {0}")]
    Malformed(#[source] ssh_key::Error),
}

impl AllowedKeys {
    /// Reads keys in OpenSSH's one-line format (`ssh-ed25519 AAAA... comment`),
    /// keeping those that can be used and naming the others.
    pub fn parse<I, S>(texts: I) -> (AllowedKeys, Vec<BadKey>)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut keys = Vec::new();
        let mut bad = Vec::new();
        for (index, text) in texts.into_iter().enumerate() {
            match parse_key(text.as_ref()) {
                Ok(key) => keys.push(key),
                Err(error) => bad.push(BadKey { index, error }),
            }
        }
        (AllowedKeys(keys), bad)
    }

    /// Whether no key is allowed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn contains(&self, key: &KeyData) -> bool {
        self.0.iter().any(|allowed| allowed.0.key_data() == key)
    }
}

/// Reads one key in OpenSSH's one-line format; the comment is optional.
pub fn parse_key(text: &str) -> Result<AllowedKey, KeyError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(KeyError::Empty);
    }
    if text.starts_with("-----BEGIN") && text.contains("PRIVATE KEY") {
        return Err(KeyError::PrivateKey);
    }
    let key = PublicKey::from_openssh(text).map_err(KeyError::Malformed)?;
    if !verifiable(key.key_data()) {
        return Err(KeyError::Unsupported {
            algorithm: key.algorithm().to_string(),
        });
    }
    Ok(AllowedKey(key))
}

/// Whether signatures made with this kind of key can be verified here.
fn verifiable(key: &KeyData) -> bool {
    match key.algorithm() {
        Algorithm::Ed25519
        | Algorithm::Rsa { .. }
        | Algorithm::SkEd25519
        | Algorithm::SkEcdsaSha2NistP256 => true,
        Algorithm::Ecdsa { curve } => matches!(
            curve,
            EcdsaCurve::NistP256 | EcdsaCurve::NistP384 | EcdsaCurve::NistP521
        ),
        _ => false,
    }
}

fn fingerprint(key: &KeyData) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// What a commit's signature proves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureCheck {
    /// Made by one of the allowed keys over exactly this commit.
    Valid { fingerprint: String },
    /// Made over exactly this commit, but by a key that is not allowed.
    NotAllowed { fingerprint: String },
    /// Does not prove the commit: damaged, altered, or made for something else.
    Invalid { reason: Invalid },
    /// A kind of signature that cannot be verified here.
    Unsupported { reason: Unsupported },
}

/// Why a signature does not prove the commit it is on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("not a signature git writes")]
    UnknownFormat,
    #[error("the SSH signature cannot be read: {0}")]
    Malformed(#[source] ssh_key::Error),
    #[error("the SSH signature was made for `{0}`, not for git")]
    Namespace(String),
    #[error("the signature by key {fingerprint} does not match the commit")]
    Mismatch { fingerprint: String },
}

/// A signature this module recognises but cannot verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unsupported {
    #[error("an OpenPGP signature; only SSH signatures (git's `gpg.format ssh`) are supported")]
    OpenPgp,
    #[error("an X.509 signature; only SSH signatures (git's `gpg.format ssh`) are supported")]
    X509,
    #[error("an SSH signature made with a `{algorithm}` key, which cannot be verified here")]
    Algorithm { algorithm: String },
}

impl fmt::Display for SignatureCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureCheck::Valid { fingerprint } => {
                write!(f, "a valid signature by allowed key {fingerprint}")
            }
            SignatureCheck::NotAllowed { fingerprint } => {
                write!(
                    f,
                    "a valid signature by key {fingerprint}, which is not allowed"
                )
            }
            SignatureCheck::Invalid { reason } => write!(f, "a bad signature: {reason}"),
            SignatureCheck::Unsupported { reason } => write!(f, "{reason}"),
        }
    }
}

/// Checks a commit's signature (the `gpgsig` header's value) over its signed payload
/// (the commit without that header), as `git2::Repository::extract_signature` returns
/// them.
pub fn verify(signature: &[u8], payload: &[u8], allowed: &AllowedKeys) -> SignatureCheck {
    let start = signature.trim_ascii_start();
    if OPENPGP_HEADERS.iter().any(|h| start.starts_with(h)) {
        return SignatureCheck::Unsupported {
            reason: Unsupported::OpenPgp,
        };
    }
    if start.starts_with(X509_HEADER) {
        return SignatureCheck::Unsupported {
            reason: Unsupported::X509,
        };
    }
    if !start.starts_with(SSH_HEADER) {
        return SignatureCheck::Invalid {
            reason: Invalid::UnknownFormat,
        };
    }
    let sshsig = match SshSig::from_pem(start) {
        Ok(sshsig) => sshsig,
        Err(error) => {
            return SignatureCheck::Invalid {
                reason: Invalid::Malformed(error),
            };
        }
    };
    if sshsig.namespace() != GIT_NAMESPACE {
        return SignatureCheck::Invalid {
            reason: Invalid::Namespace(sshsig.namespace().to_string()),
        };
    }
    let signer = sshsig.public_key();
    if !verifiable(signer) {
        return SignatureCheck::Unsupported {
            reason: Unsupported::Algorithm {
                algorithm: signer.algorithm().to_string(),
            },
        };
    }
    let fingerprint = fingerprint(signer);
    // The signer's key travels inside the signature: verifying with it shows the
    // signature is sound, and the allowed list then says whether it counts.
    if PublicKey::from(signer.clone())
        .verify(GIT_NAMESPACE, payload, &sshsig)
        .is_err()
    {
        return SignatureCheck::Invalid {
            reason: Invalid::Mismatch { fingerprint },
        };
    }
    if allowed.contains(signer) {
        SignatureCheck::Valid { fingerprint }
    } else {
        SignatureCheck::NotAllowed { fingerprint }
    }
}

/// A commit's signature and the payload it signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCommit {
    pub signature: Vec<u8>,
    pub payload: Vec<u8>,
}

/// The signature of a commit, or `None` when it is not signed.
pub fn commit_signature(
    repo: &Repository,
    commit: Oid,
) -> Result<Option<SignedCommit>, git2::Error> {
    match repo.extract_signature(&commit, None) {
        Ok((signature, payload)) => Ok(Some(SignedCommit {
            signature: signature.to_vec(),
            payload: payload.to_vec(),
        })),
        Err(error) if error.code() == git2::ErrorCode::NotFound => {
            // Also the answer for a missing commit: tell the two apart.
            repo.find_commit(commit)?;
            Ok(None)
        }
        Err(error) => Err(error),
    }
}

#[cfg(test)]
mod tests {
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
}
