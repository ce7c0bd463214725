//! The risk methodology as reports show it: the scales, the bands with their colours
//! and review cycles, the threshold, and heat maps of current and target scores.

use serde::Serialize;

use crate::view::{HeatMap, View};

/// Colours from the lowest band (green) to the highest (red, then purple).
pub fn band_colour(index: usize, bands: usize) -> &'static str {
    const RAMP: [&str; 5] = ["#4caf50", "#fdd835", "#fb8c00", "#e53935", "#8e24aa"];
    if bands <= 1 {
        return RAMP[0];
    }
    let position = index * (RAMP.len() - 2) / (bands - 1);
    RAMP[position.min(RAMP.len() - 1)]
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelEntry {
    pub level: u32,
    pub name: String,
    pub description: Option<String>,
}

impl LevelEntry {
    pub fn all(levels: &[crate::model::Level]) -> Vec<LevelEntry> {
        levels
            .iter()
            .map(|l| LevelEntry {
                level: l.level,
                name: l.name.clone(),
                description: l.description.clone(),
            })
            .collect()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BandEntry {
    pub name: String,
    pub max: Option<u32>,
    pub review_every: String,
    pub colour: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriteriaEntry {
    pub likelihood: Vec<LevelEntry>,
    pub consequence: Vec<LevelEntry>,
    pub consequence_areas: Vec<String>,
    pub bands: Vec<BandEntry>,
    /// `product` (likelihood x consequence) or `matrix`.
    pub method: &'static str,
    pub threshold: String,
}

impl CriteriaEntry {
    pub fn of(view: &View<'_>) -> Option<CriteriaEntry> {
        let config = view.config()?;
        let scoring = view.criteria.scoring.as_ref()?;
        Some(CriteriaEntry {
            likelihood: LevelEntry::all(&config.criteria.likelihood),
            consequence: LevelEntry::all(&config.criteria.consequence),
            consequence_areas: config.criteria.consequence_areas.clone(),
            bands: scoring
                .bands
                .iter()
                .enumerate()
                .map(|(i, b)| BandEntry {
                    name: b.name.clone(),
                    max: b.max,
                    review_every: b.review_every.to_string(),
                    colour: band_colour(i, scoring.bands.len()),
                })
                .collect(),
            method: if config.criteria.matrix.is_some() {
                "matrix"
            } else {
                "product"
            },
            threshold: scoring.threshold_text(),
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct HeatCellEntry {
    pub likelihood: u32,
    pub consequence: u32,
    pub band: String,
    pub colour: &'static str,
    pub count: usize,
    pub risks: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeatRow {
    pub likelihood: u32,
    pub name: String,
    pub cells: Vec<HeatCellEntry>,
}

/// A likelihood x consequence grid, highest likelihood first.
#[derive(Debug, Clone, Serialize)]
pub struct HeatMapEntry {
    pub title: &'static str,
    pub rows: Vec<HeatRow>,
    pub consequence: Vec<LevelEntry>,
    pub total: usize,
}

impl HeatMapEntry {
    pub fn of(view: &View<'_>, map: &HeatMap<'_>, title: &'static str) -> Option<HeatMapEntry> {
        let scoring = view.criteria.scoring.as_ref()?;
        let config = view.config()?;
        let bands = scoring.bands.len();
        Some(HeatMapEntry {
            title,
            rows: (1..=map.likelihood_levels)
                .rev()
                .map(|l| HeatRow {
                    likelihood: l,
                    name: scoring.likelihood_names[(l - 1) as usize].clone(),
                    cells: (1..=map.consequence_levels)
                        .map(|c| {
                            let cell = map.cell(l, c);
                            HeatCellEntry {
                                likelihood: l,
                                consequence: c,
                                band: scoring.bands[cell.band].name.clone(),
                                colour: band_colour(cell.band, bands),
                                count: cell.risks.len(),
                                risks: cell.risks.iter().map(|r| r.to_string()).collect(),
                            }
                        })
                        .collect(),
                })
                .collect(),
            consequence: LevelEntry::all(&config.criteria.consequence),
            total: map.total(),
        })
    }
}
