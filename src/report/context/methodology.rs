//! The risk methodology as reports show it: the scales, the bands with their colours
//! and review cycles, the threshold, and heat maps of current and target scores.

use serde::Serialize;

use crate::view::{HeatMap, View};

/// The band colours, lowest band (green) to highest (red, then purple). Band names are
/// printed on them in near-black (`#111`), and each gives that text a contrast of at
/// least 4.5:1 (WCAG 2.1 AA): the red is `#ef5350` (5.4:1) rather than a deeper red,
/// which fell short at 4.46:1.
const RAMP: [&str; 5] = ["#4caf50", "#fdd835", "#fb8c00", "#ef5350", "#ba68c8"];

/// Every colour a band can have, lowest first: what stylesheets define classes for.
pub fn band_palette() -> &'static [&'static str] {
    &RAMP
}

/// Colours from the lowest band (green) to the highest (red, then purple).
pub fn band_colour(index: usize, bands: usize) -> &'static str {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The WCAG 2.1 contrast ratio of two `#rrggbb` colours.
    fn contrast(a: &str, b: &str) -> f64 {
        let luminance = |hex: &str| {
            let channel = |i: usize| {
                let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")) / 255.0;
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
        };
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn band_names_are_readable_on_every_band_colour() {
        for colour in band_palette() {
            let ratio = contrast(colour, "#111111");
            assert!(ratio >= 4.5, "{colour}: {ratio:.2}:1");
        }
    }
}
