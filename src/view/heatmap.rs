//! The likelihood x consequence grid of open risks, for current or target scores:
//! one computation for `aims matrix` and the reports' heat maps.

use crate::criteria::Scoring;

use super::RiskView;

/// Which scores a heat map counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scores {
    Current,
    Target,
}

/// One cell: a likelihood and consequence, its band, and the open risks in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatCell<'r> {
    pub likelihood: u32,
    pub consequence: u32,
    /// Index into the criteria's bands.
    pub band: usize,
    pub risks: Vec<&'r str>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatMap<'r> {
    pub scores: Scores,
    pub likelihood_levels: u32,
    pub consequence_levels: u32,
    /// Row by row from likelihood 1, each row from consequence 1.
    pub cells: Vec<HeatCell<'r>>,
}

impl<'r> HeatMap<'r> {
    pub(super) fn new(scoring: &Scoring, risks: &[RiskView<'r>], scores: Scores) -> HeatMap<'r> {
        let (nl, nc) = (scoring.likelihood_levels, scoring.consequence_levels);
        let mut cells: Vec<HeatCell<'r>> = (1..=nl)
            .flat_map(|l| (1..=nc).map(move |c| (l, c)))
            .map(|(l, c)| HeatCell {
                likelihood: l,
                consequence: c,
                band: scoring
                    .rate(l, c)
                    .expect("levels come from the scales")
                    .band,
                risks: Vec::new(),
            })
            .collect();
        for risk in risks.iter().filter(|r| r.is_open() && !r.is_opportunity()) {
            let rating = match scores {
                Scores::Current => risk.rating(),
                Scores::Target => risk.target_rating(),
            };
            if let Some(r) = rating {
                cells[((r.likelihood - 1) * nc + r.consequence - 1) as usize]
                    .risks
                    .push(risk.id());
            }
        }
        HeatMap {
            scores,
            likelihood_levels: nl,
            consequence_levels: nc,
            cells,
        }
    }

    /// The cell at a likelihood and consequence (both from 1).
    pub fn cell(&self, likelihood: u32, consequence: u32) -> &HeatCell<'r> {
        &self.cells[((likelihood - 1) * self.consequence_levels + consequence - 1) as usize]
    }

    /// How many risks the map counts.
    pub fn total(&self) -> usize {
        self.cells.iter().map(|c| c.risks.len()).sum()
    }
}
