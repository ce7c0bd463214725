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
mod tests;
