//! The monitoring entries of the report contexts (clause 9.1): each monitor with its
//! latest value, its last year as a sparkline (the geometry of an inline SVG, and a
//! line of block characters for Markdown), its breaches; every triggered review with
//! its cause and due date; the monitors evidencing a control.
//!
//! The sparkline is data, not markup: the templates draw it from numbers, so nothing
//! from the register is ever written into the SVG unescaped, and the drawing needs no
//! external resource. Coordinates are rounded to a tenth of a pixel and written with a
//! fixed number of decimals, so the same series always gives the same bytes.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Duration, Limit, Measurement};
use crate::view::{MonitorState, MonitorView, Trigger, View};

/// How much of a series reports draw: the last year.
pub const WINDOW: Duration = Duration::ONE_YEAR;

/// Up to this many measurements, a sparkline marks each with a dot; beyond it (a daily
/// series over a year), only those beyond the early warning or the threshold and the
/// latest, so that a report of hundreds of monitors stays small.
const ALL_DOTS: usize = 60;

/// The size of a sparkline, in pixels.
const WIDTH: f64 = 160.0;
const HEIGHT: f64 = 36.0;
const PAD: f64 = 3.0;

#[derive(Debug, Clone, Serialize)]
pub struct PointEntry {
    pub date: String,
    pub value: f64,
    pub source: Option<String>,
    pub note: Option<String>,
    pub beyond_threshold: bool,
    pub beyond_warning: bool,
}

impl PointEntry {
    fn of(m: &MonitorView<'_>, row: &Measurement) -> PointEntry {
        PointEntry {
            date: row.at.to_string(),
            value: row.value,
            source: m.measurements.and_then(|f| f.source(row)).map(String::from),
            note: m.measurements.and_then(|f| f.note(row)).map(String::from),
            beyond_threshold: m.beyond(row.value),
            beyond_warning: m.monitor.warn.is_some_and(|w| w.beyond(row.value)),
        }
    }
}

/// One measurement on a sparkline.
#[derive(Debug, Clone, Serialize)]
pub struct Dot {
    pub x: String,
    pub y: String,
    /// `within`, `warning` or `breach`.
    pub state: &'static str,
    /// What the dot's tooltip says: `2026-05-31: 7.8`.
    pub label: String,
}

/// The geometry of a sparkline: a polyline through the measurements, the threshold
/// (and early warning) as horizontal lines, a dot per measurement.
#[derive(Debug, Clone, Serialize)]
pub struct Sparkline {
    pub width: u32,
    pub height: u32,
    /// `x,y x,y ...` for an SVG polyline.
    pub points: String,
    pub dots: Vec<Dot>,
    pub threshold_y: Option<String>,
    pub warn_y: Option<String>,
    /// The lowest and highest values drawn, the threshold included.
    pub low: f64,
    pub high: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonitorEntry {
    pub id: String,
    pub system: String,
    pub kind: &'static str,
    pub metric: String,
    pub threshold: String,
    pub warn: Option<String>,
    pub every: String,
    pub owner: String,
    pub risks: Vec<String>,
    pub controls: Vec<String>,
    /// `no-data`, `within`, `warning` or `breach`.
    pub state: MonitorState,
    /// The latest measurement and where it stands, in words.
    pub standing: String,
    pub latest: Option<PointEntry>,
    pub next_due: Option<NaiveDate>,
    pub overdue: bool,
    /// Whether its system is in use (in scope, not retired).
    pub active: bool,
    /// Every breach: a measurement beyond the threshold after one within it.
    pub breaches: Vec<PointEntry>,
    /// The last year drawn; `None` without measurements in it.
    pub sparkline: Option<Sparkline>,
    /// The last year in block characters (`▁▂▇▅▃`), for Markdown.
    pub spark_text: String,
    pub file: String,
}

impl MonitorEntry {
    pub fn of(view: &View<'_>, m: &MonitorView<'_>) -> MonitorEntry {
        let monitor = m.monitor;
        let recent = m.recent(view.today, WINDOW);
        let values: Vec<f64> = recent.iter().map(|r| r.value).collect();
        MonitorEntry {
            id: monitor.id.clone(),
            system: monitor.system.clone(),
            kind: monitor.kind.as_str(),
            metric: monitor.metric.clone(),
            threshold: monitor.threshold.describe(),
            warn: monitor.warn.map(|w| w.describe()),
            every: monitor.every.to_string(),
            owner: monitor.owner.clone(),
            risks: monitor.risks.clone(),
            controls: monitor.controls.clone(),
            state: m.state,
            standing: m.standing(),
            latest: m.latest().map(|row| PointEntry::of(m, row)),
            next_due: m.next_due,
            overdue: m.active && m.overdue,
            active: m.active,
            breaches: m
                .breaches
                .iter()
                .map(|row| PointEntry::of(m, row))
                .collect(),
            sparkline: sparkline(recent, &monitor.threshold, monitor.warn.as_ref()),
            spark_text: spark_text(&values, &monitor.threshold, monitor.warn.as_ref()),
            file: m.file.to_string(),
        }
    }
}

/// The range a series is drawn in: its values, the threshold and the early warning.
fn range(values: impl Iterator<Item = f64>, threshold: &Limit, warn: Option<&Limit>) -> (f64, f64) {
    let bound = |l: &Limit| l.max.or(l.min);
    let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.chain(bound(threshold)).chain(warn.and_then(bound)) {
        low = low.min(v);
        high = high.max(v);
    }
    if !low.is_finite() || !high.is_finite() {
        return (0.0, 1.0);
    }
    if high - low < f64::EPSILON * high.abs().max(1.0) {
        (low - 1.0, high + 1.0)
    } else {
        (low, high)
    }
}

/// A coordinate, rounded to a tenth of a pixel.
fn px(v: f64) -> String {
    format!("{v:.1}")
}

fn sparkline(rows: &[&Measurement], threshold: &Limit, warn: Option<&Limit>) -> Option<Sparkline> {
    if rows.is_empty() {
        return None;
    }
    let (low, high) = range(rows.iter().map(|r| r.value), threshold, warn);
    let y = |v: f64| PAD + (high - v) / (high - low) * (HEIGHT - 2.0 * PAD);
    let n = rows.len();
    let x = |i: usize| {
        if n == 1 {
            WIDTH / 2.0
        } else {
            PAD + i as f64 * (WIDTH - 2.0 * PAD) / (n - 1) as f64
        }
    };
    let dots: Vec<Dot> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| Dot {
            x: px(x(i)),
            y: px(y(r.value)),
            state: if threshold.beyond(r.value) {
                "breach"
            } else if warn.is_some_and(|w| w.beyond(r.value)) {
                "warning"
            } else {
                "within"
            },
            label: format!("{}: {}", r.at, r.value),
        })
        .collect();
    let bound = |l: &Limit| l.max.or(l.min);
    let points = dots
        .iter()
        .map(|d| format!("{},{}", d.x, d.y))
        .collect::<Vec<_>>()
        .join(" ");
    let dots = if n <= ALL_DOTS {
        dots
    } else {
        dots.into_iter()
            .enumerate()
            .filter(|(i, d)| d.state != "within" || *i == n - 1)
            .map(|(_, d)| d)
            .collect()
    };
    Some(Sparkline {
        width: WIDTH as u32,
        height: HEIGHT as u32,
        points,
        dots,
        threshold_y: bound(threshold).map(|v| px(y(v))),
        warn_y: warn.and_then(bound).map(|v| px(y(v))),
        low,
        high,
    })
}

/// A series in eight heights of block characters, on the same scale as the
/// sparkline (the threshold included).
fn spark_text(values: &[f64], threshold: &Limit, warn: Option<&Limit>) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (low, high) = range(values.iter().copied(), threshold, warn);
    values
        .iter()
        .map(|v| {
            let level = ((v - low) / (high - low) * 7.0).round().clamp(0.0, 7.0);
            // In 0..=7 by the clamp.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let level = level as usize;
            BLOCKS[level]
        })
        .collect()
}

/// A review triggered after an entity's last review.
#[derive(Debug, Clone, Serialize)]
pub struct TriggeredEntry {
    /// The risk or impact assessment whose review is triggered.
    pub entity: String,
    /// `risk` or `impact`.
    pub kind: &'static str,
    pub title: String,
    pub owner: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub overdue: bool,
    /// `incident`, `system-change`, `monitor-breach` or `criteria-change`.
    pub cause: &'static str,
    /// The incident, system or monitor id, or `aims.yaml`.
    pub source: String,
    pub description: String,
}

impl TriggeredEntry {
    fn of(
        entity: &str,
        kind: &'static str,
        title: &str,
        owner: &str,
        t: &Trigger<'_>,
    ) -> TriggeredEntry {
        TriggeredEntry {
            entity: entity.to_string(),
            kind,
            title: title.to_string(),
            owner: owner.to_string(),
            date: t.date,
            due: t.due,
            overdue: t.overdue,
            cause: t.cause.name(),
            source: t.source().to_string(),
            description: t.describe(),
        }
    }

    /// Every triggered review of the register, soonest due first.
    pub fn all(view: &View<'_>) -> Vec<TriggeredEntry> {
        let mut out: Vec<TriggeredEntry> = Vec::new();
        for r in &view.risks {
            out.extend(
                r.triggers
                    .iter()
                    .map(|t| TriggeredEntry::of(r.id(), "risk", &r.risk.title, &r.risk.owner, t)),
            );
        }
        for i in &view.impacts {
            let title = format!("impact assessment of {}", i.assessment.system);
            out.extend(
                i.triggers.iter().map(|t| {
                    TriggeredEntry::of(i.id(), "impact", &title, &i.assessment.assessor, t)
                }),
            );
        }
        out.sort_by(|a, b| (a.due, &a.entity, &a.source).cmp(&(b.due, &b.entity, &b.source)));
        out
    }
}

/// A monitor evidencing a control's effectiveness, as the SoA shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EffectivenessEntry {
    pub monitor: String,
    /// `no-data`, `within`, `warning` or `breach`.
    pub state: MonitorState,
    /// The latest measurement and where it stands, in words.
    pub standing: String,
}

impl EffectivenessEntry {
    pub fn of(m: &MonitorView<'_>) -> EffectivenessEntry {
        EffectivenessEntry {
            monitor: m.id().to_string(),
            state: m.state,
            standing: m.standing(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stamp;

    fn row(date: &str, value: f64) -> Measurement {
        Measurement {
            at: Stamp::parse(date).expect("date"),
            value,
            source: Default::default(),
            note: Default::default(),
            line: 2,
        }
    }

    #[test]
    fn a_sparkline_is_drawn_within_its_box_with_its_threshold() {
        let rows = [
            row("2026-09-30", 2.0),
            row("2026-10-31", 7.0),
            row("2026-11-20", 3.0),
        ];
        let refs: Vec<&Measurement> = rows.iter().collect();
        let max = Limit {
            max: Some(5.0),
            min: None,
        };
        let s = sparkline(&refs, &max, None).expect("drawn");
        assert_eq!(s.points, "3.0,33.0 80.0,3.0 157.0,27.0");
        assert_eq!(s.threshold_y.as_deref(), Some("15.0"));
        let states: Vec<&str> = s.dots.iter().map(|d| d.state).collect();
        assert_eq!(states, ["within", "breach", "within"]);
        assert_eq!(spark_text(&[2.0, 7.0, 3.0], &max, None), "▁█▂");
        assert!(sparkline(&[], &max, None).is_none());
    }

    #[test]
    fn a_long_series_marks_only_what_stands_out_and_the_latest() {
        let rows: Vec<Measurement> = (0..365)
            .map(|d| {
                let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date")
                    + chrono::Days::new(d);
                row(&date.to_string(), if d == 100 { 9.0 } else { 2.0 })
            })
            .collect();
        let refs: Vec<&Measurement> = rows.iter().collect();
        let max = Limit {
            max: Some(5.0),
            min: None,
        };
        let s = sparkline(&refs, &max, None).expect("drawn");
        assert_eq!(
            s.points.split(' ').count(),
            365,
            "the line runs through every point"
        );
        let marked: Vec<(&str, &str)> =
            s.dots.iter().map(|d| (d.state, d.label.as_str())).collect();
        assert_eq!(
            marked,
            [("breach", "2026-04-11: 9"), ("within", "2026-12-31: 2")]
        );
    }
}
