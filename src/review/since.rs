//! The period a management review looks back over, read from git: from the last
//! management review (the commit it records as `revision`, or the last commit on or
//! before its date), from what `--since` names (a revision, a date, or a management
//! review's id), or, before the first review, from one `management_review_every`
//! before today. When history is younger than that, or `--since` names a date before
//! the first commit, the period still starts on that date and the register is
//! compared with its first commit: what is dated in the period counts, whether it
//! was recorded before the first commit or after. The register is read as it stood at
//! the start of the period, and at each earlier review, for the trends.

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::register::{OpenError, Register};
use crate::trail::{self, Trail, TrailError};
use crate::view::{ManagementReviewView, View};

/// How many earlier management reviews the trends reach back to.
const EARLIER_REVIEWS: usize = 3;

#[derive(Debug, thiserror::Error)]
pub enum SinceError {
    #[error(transparent)]
    Trail(#[from] TrailError),
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error(
        "management review `{review}` records revision `{revision}`, which this repository does not have: {source}"
    )]
    Revision {
        review: String,
        revision: String,
        source: TrailError,
    },
    #[error("the register did not exist at `{0}`")]
    Missing(String),
}

/// One end of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Point {
    /// What it was resolved from: `MR-2026-1`, `2026-03-20`, `HEAD~5`, `working tree`.
    pub spec: String,
    pub commit: Option<String>,
    pub short: Option<String>,
    pub date: NaiveDate,
}

/// The period the pack covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub since: Point,
    pub until: Point,
    /// Why the period starts where it does, in words.
    pub basis: String,
    /// The management review the period starts from, if any.
    pub review: Option<String>,
}

/// The register at the start of the period, at earlier reviews, and the period.
pub struct History {
    pub then: Register,
    pub period: Period,
    /// `(review id, its date, the register at it)`, oldest first.
    pub earlier: Vec<(String, NaiveDate, Register)>,
}

/// Reads what a management review of `now` (read at `root`, judged by `now_view`,
/// with its `provenance`) compares with. `since` is what the user wrote, if anything.
pub fn history(
    root: &Path,
    now: &Register,
    now_view: &View<'_>,
    provenance: Option<&trail::Provenance>,
    since: Option<&str>,
) -> Result<History, SinceError> {
    let trail = Trail::open(root)?;
    let review = match since {
        Some(spec) => now_view.management_review(spec),
        None => now_view.last_management_review(),
    };
    // The start of the period when it is earlier than the commit compared with.
    let mut starts = None;
    let (revision, spec, basis) = match (review, since) {
        (Some(review), _) => {
            let revision = match at_review(&trail, review) {
                // A review held before the register's history began: from the start.
                Err(SinceError::Trail(TrailError::Revision { .. }))
                    if review.review.revision.is_none() =>
                {
                    let root = trail.root()?;
                    let basis = format!(
                        "management review {} of {}, before the register's first commit: since that commit",
                        review.id(),
                        review.review.date
                    );
                    (root, basis)
                }
                other => {
                    let revision = other?;
                    (revision, String::new())
                }
            };
            let (revision, early) = revision;
            let basis = match &review.review.revision {
                _ if !early.is_empty() => early,
                Some(r) => format!(
                    "management review {} of {} (the revision its inputs were drawn from, {r})",
                    review.id(),
                    review.review.date
                ),
                None => format!(
                    "management review {} of {} (the last commit on or before its date)",
                    review.id(),
                    review.review.date
                ),
            };
            (revision, review.id().to_string(), basis)
        }
        (None, Some(spec)) => match (trail.resolve(spec), spec.parse::<NaiveDate>()) {
            (Ok(revision), _) => (revision, spec.to_string(), format!("`--since {spec}`")),
            // A date before the first commit: from the beginning.
            (Err(TrailError::Revision { .. }), Ok(date))
                if trail.root().is_ok_and(|root| date < root.date()) =>
            {
                starts = Some(date);
                (
                    trail.root()?,
                    spec.to_string(),
                    format!(
                        "`--since {spec}`, before the register's first commit: from the beginning, compared with the first commit"
                    ),
                )
            }
            (Err(e), _) => return Err(e.into()),
        },
        (None, None) => {
            let every = now_view.cycles.management_review;
            let start = every.window_start(now_view.today);
            match trail.resolve(&start.to_string()) {
                Ok(revision) => (
                    revision,
                    start.to_string(),
                    format!("no management review yet: the last {every}"),
                ),
                Err(_) => {
                    starts = Some(start);
                    (
                        trail.root()?,
                        "first commit".to_string(),
                        format!(
                            "no management review yet: the last {every}; history is younger, so the register is compared with its first commit"
                        ),
                    )
                }
            }
        }
    };
    let then = read(&trail, root, revision.clone(), &spec)?;
    let until = Point {
        spec: match now.revision() {
            Some(r) => r.spec.clone(),
            None if provenance.is_some_and(|p| p.clean) => "HEAD".to_string(),
            None => "working tree".to_string(),
        },
        commit: provenance.map(|p| p.commit.clone()),
        short: provenance.map(|p| p.short.clone()),
        date: now_view.today,
    };
    // From a review, the period starts on the review's day, whatever the date of the
    // commit its inputs were drawn from.
    let since_point = Point {
        spec,
        short: Some(revision.short().to_string()),
        commit: Some(revision.commit.clone()),
        date: match (review, starts) {
            (Some(r), _) => r.review.date,
            (None, Some(start)) => start.min(revision.date()),
            (None, None) => revision.date(),
        },
    };
    let mut earlier = Vec::new();
    if let Some(review) = review {
        let mut before: Vec<&ManagementReviewView<'_>> = Vec::new();
        let mut at = review;
        while let Some(previous) = now_view.management_review_before(at) {
            before.push(previous);
            if before.len() == EARLIER_REVIEWS {
                break;
            }
            at = previous;
        }
        for previous in before.into_iter().rev() {
            // An earlier point that cannot be read shortens the trend; it does not
            // stop the pack.
            if let Ok(revision) = at_review(&trail, previous)
                && let Ok(register) = read(&trail, root, revision, previous.id())
            {
                earlier.push((previous.id().to_string(), previous.review.date, register));
            }
        }
    }
    Ok(History {
        then,
        period: Period {
            since: since_point,
            until,
            basis,
            review: review.map(|r| r.id().to_string()),
        },
        earlier,
    })
}

/// The commit a management review's inputs were drawn from: its `revision`, or the
/// last commit on or before its date.
fn at_review(
    trail: &Trail,
    review: &ManagementReviewView<'_>,
) -> Result<crate::register::Revision, SinceError> {
    match &review.review.revision {
        Some(revision) => trail
            .resolve(revision)
            .map_err(|source| SinceError::Revision {
                review: review.id().to_string(),
                revision: revision.clone(),
                source,
            }),
        None => Ok(trail.resolve(&review.review.date.to_string())?),
    }
}

fn read(
    trail: &Trail,
    root: &Path,
    revision: crate::register::Revision,
    spec: &str,
) -> Result<Register, SinceError> {
    let files = trail.snapshot(&revision)?;
    Register::from_snapshot(root, revision, files).map_err(|e| match e {
        OpenError::NotFound { .. } => SinceError::Missing(spec.to_string()),
        other => SinceError::Open(other),
    })
}
