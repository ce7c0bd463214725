//! Risk scoring against the organisation's own criteria (clause 6.1.2).
//!
//! [`Scoring::new`] checks the criteria of `aims.yaml` (scales numbered 1..n, bands in
//! ascending order covering every score, a matrix of the right shape naming known
//! bands, a threshold inside the score range) and compiles them; [`Scoring::rate`]
//! turns a likelihood and consequence into a [`Rating`] with its score and band. Pure
//! functions: no I/O, no clock.

use std::cmp::Ordering;

use crate::model::{Band, Criteria, Threshold};

/// A problem with the criteria themselves, located by JSON pointer into `aims.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriteriaError {
    pub pointer: String,
    pub message: String,
}

fn error(pointer: impl Into<String>, message: impl Into<String>) -> CriteriaError {
    CriteriaError {
        pointer: pointer.into(),
        message: message.into(),
    }
}

/// The acceptance threshold, resolved: a score, or the index of a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptanceLimit {
    Score(u32),
    Band(usize),
}

/// Compiled, validated risk criteria.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scoring {
    pub likelihood_levels: u32,
    pub consequence_levels: u32,
    pub likelihood_names: Vec<String>,
    pub consequence_names: Vec<String>,
    pub bands: Vec<Band>,
    /// `matrix[l-1][c-1]` = band index, when the criteria use an explicit matrix.
    matrix: Option<Vec<Vec<usize>>>,
    pub acceptance: AcceptanceLimit,
}

/// A likelihood and consequence, scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rating {
    pub likelihood: u32,
    pub consequence: u32,
    /// Likelihood x consequence.
    pub score: u32,
    /// Index into [`Scoring::bands`].
    pub band: usize,
}

/// A likelihood or consequence outside its scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutOfRange {
    Likelihood { given: u32, levels: u32 },
    Consequence { given: u32, levels: u32 },
}

impl Scoring {
    /// Validates and compiles the criteria; every problem found is returned.
    pub fn new(criteria: &Criteria) -> Result<Scoring, Vec<CriteriaError>> {
        let mut errors = Vec::new();
        for (name, scale) in [
            ("likelihood", &criteria.likelihood),
            ("consequence", &criteria.consequence),
        ] {
            for (i, level) in scale.iter().enumerate() {
                let expected = u32::try_from(i + 1).unwrap_or(u32::MAX);
                if level.level != expected {
                    errors.push(error(
                        format!("/criteria/{name}/{i}/level"),
                        format!(
                            "{name} levels must be numbered 1 to {} in order; entry {} has level {}, expected {expected}",
                            scale.len(),
                            i + 1,
                            level.level
                        ),
                    ));
                }
            }
        }
        let likelihood_levels = u32::try_from(criteria.likelihood.len()).unwrap_or(u32::MAX);
        let consequence_levels = u32::try_from(criteria.consequence.len()).unwrap_or(u32::MAX);
        let max_score = likelihood_levels.saturating_mul(consequence_levels);

        let bands: Vec<Band> = criteria.bands.clone();
        for (i, band) in bands.iter().enumerate() {
            if let Some(first) = bands[..i].iter().position(|b| b.name == band.name) {
                errors.push(error(
                    format!("/criteria/bands/{i}/name"),
                    format!(
                        "band `{}` is defined twice (first as band {})",
                        band.name,
                        first + 1
                    ),
                ));
            }
        }

        let matrix = match &criteria.matrix {
            Some(rows) => Some(compile_matrix(
                rows,
                &bands,
                likelihood_levels,
                consequence_levels,
                &mut errors,
            )),
            None => {
                check_band_maxima(&bands, max_score, &mut errors);
                None
            }
        };

        let acceptance = match (&criteria.acceptance_threshold, &matrix) {
            (Threshold::Score(score), None) => {
                if *score < 1 || *score > max_score {
                    errors.push(error(
                        "/criteria/acceptance_threshold",
                        format!("acceptance threshold {score} is outside the score range 1 to {max_score}"),
                    ));
                }
                AcceptanceLimit::Score(*score)
            }
            (Threshold::Band(name), Some(_)) => match bands.iter().position(|b| &b.name == name) {
                Some(i) => AcceptanceLimit::Band(i),
                None => {
                    errors.push(error(
                        "/criteria/acceptance_threshold",
                        format!("acceptance threshold names band `{name}`, which is not defined"),
                    ));
                    AcceptanceLimit::Band(0)
                }
            },
            (Threshold::Band(name), None) => {
                errors.push(error(
                    "/criteria/acceptance_threshold",
                    format!(
                        "acceptance threshold `{name}` is a band name, but band names are only used with a `matrix`; give a score from 1 to {max_score}"
                    ),
                ));
                AcceptanceLimit::Score(0)
            }
            (Threshold::Score(_), Some(_)) => {
                errors.push(error(
                    "/criteria/acceptance_threshold",
                    "with a `matrix`, the acceptance threshold names a band (a risk in that band or a lower one may be accepted)",
                ));
                AcceptanceLimit::Band(0)
            }
        };

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Scoring {
            likelihood_levels,
            consequence_levels,
            likelihood_names: criteria.likelihood.iter().map(|l| l.name.clone()).collect(),
            consequence_names: criteria
                .consequence
                .iter()
                .map(|l| l.name.clone())
                .collect(),
            bands,
            matrix: matrix.map(|m| {
                m.into_iter()
                    .map(|row| row.into_iter().flatten().collect())
                    .collect()
            }),
            acceptance,
        })
    }

    /// The highest possible score.
    pub fn max_score(&self) -> u32 {
        self.likelihood_levels * self.consequence_levels
    }

    /// Scores a likelihood and consequence, refusing levels outside the scales.
    pub fn rate(&self, likelihood: u32, consequence: u32) -> Result<Rating, OutOfRange> {
        if likelihood < 1 || likelihood > self.likelihood_levels {
            return Err(OutOfRange::Likelihood {
                given: likelihood,
                levels: self.likelihood_levels,
            });
        }
        if consequence < 1 || consequence > self.consequence_levels {
            return Err(OutOfRange::Consequence {
                given: consequence,
                levels: self.consequence_levels,
            });
        }
        let score = likelihood * consequence;
        let band = match &self.matrix {
            Some(m) => m[(likelihood - 1) as usize][(consequence - 1) as usize],
            None => self
                .bands
                .iter()
                .position(|b| b.max.is_some_and(|max| max >= score))
                .unwrap_or(self.bands.len() - 1),
        };
        Ok(Rating {
            likelihood,
            consequence,
            score,
            band,
        })
    }

    pub fn band(&self, rating: &Rating) -> &Band {
        &self.bands[rating.band]
    }

    /// Whether a risk rated so may be accepted without further treatment.
    pub fn acceptable(&self, rating: &Rating) -> bool {
        match self.acceptance {
            AcceptanceLimit::Score(threshold) => rating.score <= threshold,
            AcceptanceLimit::Band(threshold) => rating.band <= threshold,
        }
    }

    /// Orders ratings from least to most severe: by score, or with a matrix by band
    /// and then by score.
    pub fn compare(&self, a: &Rating, b: &Rating) -> Ordering {
        match self.matrix {
            Some(_) => (a.band, a.score).cmp(&(b.band, b.score)),
            None => a.score.cmp(&b.score),
        }
    }

    /// The threshold as people read it: `6` or `band medium`.
    pub fn threshold_text(&self) -> String {
        match self.acceptance {
            AcceptanceLimit::Score(s) => s.to_string(),
            AcceptanceLimit::Band(i) => format!("band {}", self.bands[i].name),
        }
    }

    /// `3x4 = 12 (band high)`.
    pub fn describe(&self, rating: &Rating) -> String {
        format!(
            "{}x{} = {} (band {})",
            rating.likelihood,
            rating.consequence,
            rating.score,
            self.band(rating).name
        )
    }
}

fn check_band_maxima(bands: &[Band], max_score: u32, errors: &mut Vec<CriteriaError>) {
    let mut previous: Option<u32> = None;
    for (i, band) in bands.iter().enumerate() {
        match band.max {
            None => errors.push(error(
                format!("/criteria/bands/{i}"),
                format!(
                    "band `{}` has no `max`; without a `matrix` every band needs one",
                    band.name
                ),
            )),
            Some(max) => {
                if let Some(prev) = previous
                    && max <= prev
                {
                    errors.push(error(
                        format!("/criteria/bands/{i}/max"),
                        format!(
                            "bands must be in ascending order of `max`: band `{}` has max {max}, not above the previous {prev}",
                            band.name
                        ),
                    ));
                }
                previous = Some(max);
            }
        }
    }
    if let Some(last) = bands.last()
        && let Some(max) = last.max
        && max < max_score
    {
        errors.push(error(
            format!("/criteria/bands/{}/max", bands.len() - 1),
            format!(
                "the highest band `{}` ends at {max}, but scores go up to {max_score}; raise its max to {max_score}",
                last.name
            ),
        ));
    }
}

fn compile_matrix(
    rows: &[Vec<String>],
    bands: &[Band],
    likelihood_levels: u32,
    consequence_levels: u32,
    errors: &mut Vec<CriteriaError>,
) -> Vec<Vec<Option<usize>>> {
    if rows.len() != likelihood_levels as usize {
        errors.push(error(
            "/criteria/matrix",
            format!(
                "the matrix has {} rows; it needs one per likelihood level ({likelihood_levels})",
                rows.len()
            ),
        ));
    }
    rows.iter()
        .enumerate()
        .map(|(l, row)| {
            if row.len() != consequence_levels as usize {
                errors.push(error(
                    format!("/criteria/matrix/{l}"),
                    format!(
                        "matrix row {} has {} entries; it needs one per consequence level ({consequence_levels})",
                        l + 1,
                        row.len()
                    ),
                ));
            }
            row.iter()
                .enumerate()
                .map(|(c, name)| {
                    let found = bands.iter().position(|b| &b.name == name);
                    if found.is_none() {
                        errors.push(error(
                            format!("/criteria/matrix/{l}/{c}"),
                            format!("the matrix names band `{name}`, which is not defined under `bands`"),
                        ));
                    }
                    found
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Band as BandDef, Level};

    fn scale(n: u32) -> Vec<Level> {
        (1..=n)
            .map(|level| Level {
                level,
                name: format!("L{level}"),
                description: None,
            })
            .collect()
    }

    fn band(name: &str, max: Option<u32>, every: &str) -> BandDef {
        BandDef {
            name: name.to_string(),
            max,
            review_every: every.parse().expect("duration"),
            description: None,
        }
    }

    fn five_by_five() -> Criteria {
        Criteria {
            likelihood: scale(5),
            consequence: scale(5),
            consequence_areas: vec![],
            bands: vec![
                band("low", Some(4), "1y"),
                band("medium", Some(9), "6m"),
                band("high", Some(16), "3m"),
                band("critical", Some(25), "1m"),
            ],
            acceptance_threshold: Threshold::Score(6),
            matrix: None,
        }
    }

    fn messages(criteria: &Criteria) -> Vec<(String, String)> {
        Scoring::new(criteria)
            .expect_err("invalid")
            .into_iter()
            .map(|e| (e.pointer, e.message))
            .collect()
    }

    #[test]
    fn scores_and_bands_by_product() {
        let s = Scoring::new(&five_by_five()).expect("valid");
        let r = s.rate(3, 4).expect("in range");
        assert_eq!((r.score, s.band(&r).name.as_str()), (12, "high"));
        assert_eq!(s.band(&s.rate(2, 2).expect("ok")).name, "low");
        assert_eq!(s.band(&s.rate(1, 5).expect("ok")).name, "medium");
        assert_eq!(s.band(&s.rate(5, 5).expect("ok")).name, "critical");
        assert_eq!(s.describe(&r), "3x4 = 12 (band high)");
        assert_eq!(s.max_score(), 25);
    }

    #[test]
    fn band_boundaries_are_inclusive() {
        let s = Scoring::new(&five_by_five()).expect("valid");
        assert_eq!(s.band(&s.rate(2, 2).expect("ok")).name, "low"); // 4 = max of low
        assert_eq!(s.band(&s.rate(1, 5).expect("ok")).name, "medium"); // 5
        assert_eq!(s.band(&s.rate(3, 3).expect("ok")).name, "medium"); // 9 = max of medium
        assert_eq!(s.band(&s.rate(2, 5).expect("ok")).name, "high"); // 10
    }

    #[test]
    fn a_score_equal_to_the_threshold_may_be_accepted() {
        let s = Scoring::new(&five_by_five()).expect("valid");
        let rate = |l, c| s.rate(l, c).expect("in range");
        assert!(s.acceptable(&rate(2, 3))); // 6, the threshold
        assert!(s.acceptable(&rate(1, 5))); // 5
        assert!(!s.acceptable(&rate(2, 4))); // 8, the next possible score
    }

    #[test]
    fn levels_outside_the_scale_are_refused() {
        let s = Scoring::new(&five_by_five()).expect("valid");
        assert_eq!(
            s.rate(6, 1),
            Err(OutOfRange::Likelihood {
                given: 6,
                levels: 5
            })
        );
        assert_eq!(
            s.rate(1, 0),
            Err(OutOfRange::Consequence {
                given: 0,
                levels: 5
            })
        );
        assert!(s.rate(5, 5).is_ok());
    }

    #[test]
    fn matrix_scoring_uses_bands_from_the_matrix() {
        let mut c = five_by_five();
        c.likelihood = scale(3);
        c.consequence = scale(3);
        c.bands = vec![
            band("low", None, "1y"),
            band("medium", None, "6m"),
            band("high", None, "3m"),
        ];
        c.matrix = Some(vec![
            vec!["low".into(), "low".into(), "medium".into()],
            vec!["low".into(), "medium".into(), "high".into()],
            vec!["medium".into(), "high".into(), "high".into()],
        ]);
        c.acceptance_threshold = Threshold::Band("low".into());
        let s = Scoring::new(&c).expect("valid");
        let r = s.rate(1, 3).expect("ok");
        assert_eq!((r.score, s.band(&r).name.as_str()), (3, "medium"));
        assert!(s.acceptable(&s.rate(2, 1).expect("ok")));
        assert!(!s.acceptable(&r));
        // ordered by band first: 1x3 (medium, 3) is worse than 2x1 (low, 2) and 2x2 (medium, 4) worse still
        assert_eq!(s.compare(&r, &s.rate(2, 1).expect("ok")), Ordering::Greater);
        assert_eq!(s.compare(&r, &s.rate(2, 2).expect("ok")), Ordering::Less);
        assert_eq!(s.threshold_text(), "band low");
    }

    #[test]
    fn levels_must_be_numbered_one_to_n() {
        let mut c = five_by_five();
        c.likelihood[2].level = 4;
        let found = messages(&c);
        assert_eq!(found[0].0, "/criteria/likelihood/2/level");
        assert!(
            found[0].1.contains("entry 3 has level 4, expected 3"),
            "{found:?}"
        );
    }

    #[test]
    fn bands_must_ascend_and_cover_the_highest_score() {
        let mut c = five_by_five();
        c.bands[2].max = Some(8);
        c.bands[3].max = Some(20);
        let found = messages(&c);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "/criteria/bands/2/max");
        assert!(found[0].1.contains("ascending"));
        assert_eq!(found[1].0, "/criteria/bands/3/max");
        assert!(found[1].1.contains("scores go up to 25"));
    }

    #[test]
    fn bands_need_max_without_a_matrix_and_unique_names() {
        let mut c = five_by_five();
        c.bands[1].max = None;
        c.bands[2].name = "low".into();
        let found = messages(&c);
        let pointers: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(pointers, ["/criteria/bands/2/name", "/criteria/bands/1"]);
    }

    #[test]
    fn the_matrix_must_have_the_right_shape_and_known_bands() {
        let mut c = five_by_five();
        c.likelihood = scale(3);
        c.consequence = scale(3);
        c.acceptance_threshold = Threshold::Band("low".into());
        c.matrix = Some(vec![
            vec!["low".into(), "low".into(), "medium".into()],
            vec!["low".into(), "severe".into()],
        ]);
        let found = messages(&c);
        let pointers: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/criteria/matrix",
                "/criteria/matrix/1",
                "/criteria/matrix/1/1"
            ]
        );
    }

    #[test]
    fn the_threshold_must_lie_in_the_score_range_and_match_the_method() {
        let mut c = five_by_five();
        c.acceptance_threshold = Threshold::Score(26);
        assert!(
            messages(&c)[0]
                .1
                .contains("outside the score range 1 to 25")
        );
        c.acceptance_threshold = Threshold::Band("low".into());
        assert!(messages(&c)[0].1.contains("only used with a `matrix`"));
    }
}
