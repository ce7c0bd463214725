//! An AI system with what the register says about it: its risks, how each risk
//! category is covered (by a risk, by a screening entry, or not at all), its impact
//! assessments and incidents.

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
    Missing,
}

impl Coverage {
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Risk => "risk",
            Coverage::Screened => "screened",
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
