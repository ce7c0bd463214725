//! A monitor's series drawn in the terminal, with its threshold: one column per
//! measurement (the most recent that fit), the threshold as a dotted line, the early
//! warning as a fainter one, and each point marked by where it stands. Plain text
//! (colour is the caller's), the same text for the same series.

use crate::model::Limit;

/// The marks of a point: within, beyond the early warning, beyond the threshold.
pub const WITHIN: char = '●';
pub const WARNING: char = '◆';
pub const BREACH: char = '✕';
const THRESHOLD: char = '┄';
const WARN_LINE: char = '·';

/// How many rows the plot takes.
const ROWS: usize = 10;

/// At most this many points are drawn; the most recent are kept.
pub const MAX_POINTS: usize = 60;

/// Draws `points` (date, value), oldest first, against `threshold` and `warn`.
pub fn draw(points: &[(String, f64)], threshold: &Limit, warn: Option<&Limit>) -> Vec<String> {
    let points = &points[points.len().saturating_sub(MAX_POINTS)..];
    let Some(first) = points.first() else {
        return Vec::new();
    };
    let bound = |l: &Limit| l.max.or(l.min);
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for v in points
        .iter()
        .map(|p| p.1)
        .chain(bound(threshold))
        .chain(warn.and_then(bound))
    {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if hi - lo < f64::EPSILON * hi.abs().max(1.0) {
        lo -= 1.0;
        hi += 1.0;
    }
    let row = |v: f64| -> usize {
        let scaled = (v - lo) / (hi - lo) * (ROWS - 1) as f64;
        // In range by construction: lo <= v <= hi.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let r = scaled.round().clamp(0.0, (ROWS - 1) as f64) as usize;
        r
    };
    let step = if points.len() <= MAX_POINTS / 2 { 2 } else { 1 };
    let width = points.len() * step;
    let mut grid = vec![vec![' '; width]; ROWS];
    let threshold_row = bound(threshold).map(row);
    let warn_row = warn.and_then(bound).map(row);
    if let Some(r) = warn_row {
        grid[r].iter_mut().for_each(|c| *c = WARN_LINE);
    }
    if let Some(r) = threshold_row {
        grid[r].iter_mut().for_each(|c| *c = THRESHOLD);
    }
    for (i, (_, v)) in points.iter().enumerate() {
        let mark = if threshold.beyond(*v) {
            BREACH
        } else if warn.is_some_and(|w| w.beyond(*v)) {
            WARNING
        } else {
            WITHIN
        };
        grid[row(*v)][i * step] = mark;
    }
    let label_of = |r: usize| -> String {
        if Some(r) == threshold_row {
            threshold.describe()
        } else if Some(r) == warn_row {
            format!(
                "warn {}",
                warn.map(Limit::describe)
                    .unwrap_or_default()
                    .replace("max ", "")
                    .replace("min ", "")
            )
        } else if r == ROWS - 1 {
            number(hi)
        } else if r == 0 {
            number(lo)
        } else {
            String::new()
        }
    };
    let labels: Vec<String> = (0..ROWS).map(label_of).collect();
    let pad = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut lines: Vec<String> = (0..ROWS)
        .rev()
        .map(|r| {
            format!(
                "{:>pad$} │{}",
                labels[r],
                grid[r].iter().collect::<String>().trim_end()
            )
        })
        .collect();
    let last = &points[points.len() - 1].0;
    let span = if points.len() == 1 {
        first.0.clone()
    } else {
        let gap = width
            .saturating_sub(first.0.chars().count() + last.chars().count())
            .max(2);
        format!("{}{}{}", first.0, " ".repeat(gap), last)
    };
    lines.push(format!("{:>pad$} └{}", "", "─".repeat(width.max(1))));
    lines.push(format!("{:>pad$}  {span}", ""));
    lines
}

/// A value in few characters: `0.25`, `5`, `1.2e6`.
pub fn number(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1e6 || v.abs() < 1e-3) {
        return format!("{v:.2e}");
    }
    let text = format!("{v:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn max(v: f64) -> Limit {
        Limit {
            max: Some(v),
            min: None,
        }
    }

    #[test]
    fn a_breach_stands_above_a_maximum_threshold() {
        let points: Vec<(String, f64)> = [2.0, 2.5, 7.8, 4.6, 2.4]
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("2026-0{}-30", i + 1), *v))
            .collect();
        let lines = draw(&points, &max(5.0), Some(&max(4.0)));
        assert_eq!(
            lines,
            [
                "   7.8 │    ✕",
                "       │",
                "       │",
                "       │",
                " max 5 │┄┄┄┄┄┄┄┄┄┄",
                "       │      ◆",
                "warn 4 │··········",
                "       │",
                "       │  ●     ●",
                "     2 │●",
                "       └──────────",
                "        2026-01-30  2026-05-30",
            ]
            .map(String::from)
        );
    }

    #[test]
    fn one_point_and_no_points() {
        assert!(draw(&[], &max(1.0), None).is_empty());
        let lines = draw(&[("2026-01-01".into(), 1.0)], &max(1.0), None);
        assert!(lines.iter().any(|l| l.contains(WITHIN)), "{lines:?}");
        assert_eq!(lines.last().map(|l| l.trim()), Some("2026-01-01"));
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(number(5.0), "5");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(0.123456), "0.123");
        assert_eq!(number(2_500_000.0), "2.50e6");
    }
}
