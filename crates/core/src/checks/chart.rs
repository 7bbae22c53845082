//! The trend across checks as an SVG chart: one bar per check for its response rate, and a line
//! for the median time to answer on a second axis. Plain SVG elements only, with the text in
//! the reader's language passed in, so that the page needs neither JavaScript nor fonts.

use liaison_types::checks::TrendPoint;
use std::fmt::Write;

/// The words of the chart, in the reader's language.
#[derive(Debug, Clone)]
pub struct Labels {
    pub title: String,
    pub rate: String,
    pub median: String,
    pub open: String,
    pub empty: String,
}

const WIDTH: u32 = 720;
const HEIGHT: u32 = 260;
const LEFT: u32 = 48;
const RIGHT: u32 = 84;
const TOP: u32 = 36;
const BOTTOM: u32 = 44;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The chart of `points` (oldest first, as `checks::stats::trend` orders them).
pub fn trend_svg(points: &[TrendPoint], labels: &Labels) -> String {
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="trend-title"><title id="trend-title">{}</title><rect width="100%" height="100%" fill="#fff"/>"##,
        escape(&labels.title)
    );
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let y_of = |percent: f64| f64::from(TOP) + f64::from(plot_h) * (1.0 - percent / 100.0);
    // Axes and grid: 0, 50 and 100 %.
    for percent in [0.0, 50.0, 100.0] {
        let y = y_of(percent);
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#d5dde5"/><text x="{}" y="{:.1}" font-size="11" text-anchor="end" fill="#5a6b7b">{percent:.0} %</text>"##,
            WIDTH - RIGHT,
            LEFT - 6,
            y + 4.0
        );
    }
    let _ = write!(
        svg,
        r##"<text x="{LEFT}" y="20" font-size="12" fill="#0b5394">■ {}</text><text x="{}" y="20" font-size="12" text-anchor="end" fill="#a65e00">● {}</text>"##,
        escape(&labels.rate),
        WIDTH - RIGHT,
        escape(&labels.median)
    );
    if points.is_empty() {
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="13" text-anchor="middle" fill="#5a6b7b">{}</text></svg>"##,
            WIDTH / 2,
            HEIGHT / 2,
            escape(&labels.empty)
        );
        return svg;
    }
    let n = u32::try_from(points.len()).unwrap_or(u32::MAX).max(1);
    let slot = f64::from(plot_w) / f64::from(n);
    let bar = (slot * 0.6).min(60.0);
    let max_median = points
        .iter()
        .filter_map(|p| p.median_seconds)
        .max()
        .unwrap_or(0)
        .max(60);
    let mut line = Vec::new();
    for (i, point) in points.iter().enumerate() {
        let centre = f64::from(LEFT) + slot * (i as f64 + 0.5);
        let rate = f64::from(point.response_rate_percent.unwrap_or(0));
        let y = y_of(rate);
        let fill = if point.closed { "#0b5394" } else { "#8fb4d9" };
        let _ = write!(
            svg,
            r##"<rect x="{:.1}" y="{y:.1}" width="{bar:.1}" height="{:.1}" fill="{fill}"><title>#{} · {rate:.0} %{}</title></rect>"##,
            centre - bar / 2.0,
            f64::from(TOP + plot_h) - y,
            point.check_id,
            if point.closed {
                String::new()
            } else {
                format!(" · {}", labels.open)
            }
        );
        let date = point.launched_at.date();
        let _ = write!(
            svg,
            r##"<text x="{centre:.1}" y="{}" font-size="11" text-anchor="middle" fill="#1b2733">#{} {:02}-{:02}</text>"##,
            TOP + plot_h + 16,
            point.check_id,
            u8::from(date.month()),
            date.day()
        );
        if let Some(median) = point.median_seconds {
            let share = median as f64 / max_median as f64;
            line.push((
                centre,
                f64::from(TOP) + f64::from(plot_h) * (1.0 - share),
                median,
            ));
        }
    }
    if !line.is_empty() {
        let path: Vec<String> = line
            .iter()
            .map(|(x, y, _)| format!("{x:.1},{y:.1}"))
            .collect();
        let _ = write!(
            svg,
            r##"<polyline points="{}" fill="none" stroke="#a65e00" stroke-width="2"/>"##,
            path.join(" ")
        );
        for (x, y, median) in &line {
            let _ = write!(
                svg,
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="4" fill="#a65e00"><title>{}</title></circle>"##,
                duration(*median)
            );
        }
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="11" fill="#a65e00">{}</text>"##,
            WIDTH - RIGHT + 4,
            TOP + 4,
            duration(max_median)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A duration in seconds as hours and minutes (`2 h 05 min`, `7 min`).
pub fn duration(seconds: i64) -> String {
    let minutes = seconds.max(0) / 60;
    if minutes >= 60 {
        format!("{} h {:02} min", minutes / 60, minutes % 60)
    } else {
        format!("{minutes} min")
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn labels() -> Labels {
        Labels {
            title: "Trend <across> checks".into(),
            rate: "Response rate".into(),
            median: "Median".into(),
            open: "open".into(),
            empty: "No checks yet".into(),
        }
    }

    fn point(id: i64, rate: Option<u32>, median: Option<i64>, closed: bool) -> TrendPoint {
        TrendPoint {
            check_id: id,
            launched_at: datetime!(2027-01-15 10:00 UTC),
            closed,
            response_rate_percent: rate,
            median_seconds: median,
            challenged: 10,
        }
    }

    #[test]
    fn one_bar_per_check_and_one_point_per_median() {
        let svg = trend_svg(
            &[
                point(1, Some(100), Some(600), true),
                point(2, Some(50), None, true),
                point(3, None, Some(7200), false),
            ],
            &labels(),
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        // The legend's square is text; the bars are the rects after the background.
        assert_eq!(svg.matches("<rect").count(), 1 + 3);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(
            svg.contains("Trend &lt;across&gt; checks"),
            "labels are escaped"
        );
        assert!(svg.contains("#3 · 0 % · open"));
        assert!(svg.contains("2 h 00 min"));
    }

    #[test]
    fn no_checks_says_so() {
        let svg = trend_svg(&[], &labels());
        assert!(svg.contains("No checks yet"));
        assert!(!svg.contains("<polyline"));
    }

    #[test]
    fn durations_read_as_hours_and_minutes() {
        assert_eq!(duration(0), "0 min");
        assert_eq!(duration(59), "0 min");
        assert_eq!(duration(420), "7 min");
        assert_eq!(duration(7500), "2 h 05 min");
        assert_eq!(duration(-5), "0 min");
    }
}
