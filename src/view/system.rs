//! An AI system with what the register says about it: its risks, how each risk
//! category is covered (by a risk, by a screening entry, or not at all), its impact
//! assessments and incidents.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{FileKind, Kind};
use crate::register::{Loading, Register};

use super::{ImpactView, IncidentView, MonitorView, RiskCategory, RiskView};

use serde::Serialize;

use crate::model::AiSystem;

/// How a system is covered in one risk category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Coverage {
    /// A risk of the system is in the category.
    Risk,
    /// The category was screened and no risk found.
    Screened,
    /// Neither, but a risk file that failed to load may cover it: its own finding
    /// comes first, and no gap is reported until it loads.
    Unknown,
    Missing,
}

impl Coverage {
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Risk => "risk",
            Coverage::Screened => "screened",
            Coverage::Unknown => "unknown",
            Coverage::Missing => "missing",
        }
    }
}

#[derive(Debug, Clone)]
pub struct SystemView<'r> {
    pub doc: usize,
    pub system: &'r AiSystem,
    pub file: &'r str,
    /// Indices into [`super::View::risks`] of the risks naming the system.
    pub risks: Vec<usize>,
    pub open_risks: usize,
    /// Indices into [`super::View::impacts`] of its assessments.
    pub assessments: Vec<usize>,
    /// Indices into [`super::View::incidents`] of incidents involving it.
    pub incidents: Vec<usize>,
    /// Indices into [`super::View::monitors`] of its monitors.
    pub monitors: Vec<usize>,
    /// Every category (built-in, then the register's own) and how it is covered.
    pub coverage: Vec<(&'r str, Coverage)>,
}

impl<'r> SystemView<'r> {
    pub fn id(&self) -> &'r str {
        &self.system.id
    }
}

/// What the risk files that failed to load may cover: (system, category) pairs, with
/// `None` for any system or any category where the file does not say.
struct Unloaded<'r> {
    covers: Vec<(Option<&'r str>, Option<&'r str>)>,
}

impl<'r> Unloaded<'r> {
    fn of(register: &'r Register) -> Unloaded<'r> {
        let mut covers = Vec::new();
        for doc in &register.documents {
            let (FileKind::Entity(Kind::Risk), Loading::Failed(sketch)) = (doc.kind, &doc.loading)
            else {
                continue;
            };
            match sketch {
                Some(sketch) if !sketch.systems.is_empty() => covers.extend(
                    sketch
                        .systems
                        .iter()
                        .map(|s| (Some(s.as_str()), sketch.category.as_deref())),
                ),
                Some(sketch) => covers.push((None, sketch.category.as_deref())),
                None => covers.push((None, None)),
            }
        }
        Unloaded { covers }
    }

    fn may_cover(&self, system: &str, category: &str) -> bool {
        self.covers
            .iter()
            .any(|(s, c)| s.is_none_or(|s| s == system) && c.is_none_or(|c| c == category))
    }
}

/// Each system with its risks, coverage by category, assessments and incidents.
pub(super) fn systems<'r>(
    register: &'r Register,
    categories: &[RiskCategory<'r>],
    risks: &[RiskView<'r>],
    impacts: &[ImpactView<'r>],
    incidents: &[IncidentView<'r>],
    monitors: &[MonitorView<'r>],
) -> Vec<SystemView<'r>> {
    let mut watched: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, m) in monitors.iter().enumerate() {
        watched.entry(&m.monitor.system).or_default().push(i);
    }
    let mut by_system: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in risks.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for s in &r.risk.systems {
            if seen.insert(s.as_str()) {
                by_system.entry(s).or_default().push(i);
            }
        }
    }
    let unknown = Unloaded::of(register);
    let mut assessed: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, a) in impacts.iter().enumerate() {
        assessed.entry(&a.assessment.system).or_default().push(i);
    }
    let mut involved: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, n) in incidents.iter().enumerate() {
        let mut seen = BTreeSet::new();
        for s in &n.incident.systems {
            if seen.insert(s.as_str()) {
                involved.entry(s).or_default().push(i);
            }
        }
    }
    register
        .systems
        .iter()
        .map(|e| {
            let system = &e.value;
            let id = system.id.as_str();
            let mine: Vec<usize> = by_system.get(id).cloned().unwrap_or_default();
            let by_risk: BTreeSet<&str> = mine
                .iter()
                .map(|&i| risks[i].risk.category.as_str())
                .collect();
            let screened: BTreeSet<&str> = system
                .screening
                .iter()
                .map(|s| s.category.as_str())
                .collect();
            SystemView {
                doc: e.doc,
                system,
                file: &register.documents[e.doc].path,
                open_risks: mine
                    .iter()
                    .filter(|&&i| risks[i].is_open() && !risks[i].is_opportunity())
                    .count(),
                risks: mine,
                assessments: assessed.get(id).cloned().unwrap_or_default(),
                incidents: involved.get(id).cloned().unwrap_or_default(),
                monitors: watched.get(id).cloned().unwrap_or_default(),
                coverage: categories
                    .iter()
                    .map(|c| {
                        let how = if by_risk.contains(c.id) {
                            Coverage::Risk
                        } else if screened.contains(c.id) {
                            Coverage::Screened
                        } else if unknown.may_cover(id, c.id) {
                            Coverage::Unknown
                        } else {
                            Coverage::Missing
                        };
                        (c.id, how)
                    })
                    .collect(),
            }
        })
        .collect()
}
