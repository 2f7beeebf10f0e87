//! A laid-out graph drawn as inline SVG: co-mentions as straight lines as thick as
//! they are frequent, relations as arrowed curves with their words, each entity a
//! linked circle with its name, clipped to fit. The drawing is hidden from assistive
//! technology and its links from the keyboard: the list beside it carries the same
//! (see `docs/authoring.md`, "The entity graph"). Every text is escaped; colours come from the stylesheet.

use std::fmt::Write;

use super::layout::Area;
use super::{Graph, Tie};
use crate::text::escape_html;

/// The size of a drawing and of what is in it, in SVG units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame {
    /// Width of the view box.
    width: f64,
    /// Height of the view box.
    height: f64,
    /// Radius of a node.
    radius: f64,
    /// Size of a name.
    font: f64,
    /// The widest a name may be, in ems; longer ones are clipped.
    label_em: f64,
    /// Names sit beside their node, away from the centre (an entity's own graph),
    /// rather than under it.
    radial: bool,
}

impl Frame {
    /// Where nodes may go: far enough from the edges for their names.
    pub(crate) fn inner(&self) -> Area {
        let side =
            if self.radial { self.label_em * self.font + self.radius + 8.0 } else { self.label_em * self.font / 2.0 };
        let below = self.radius + self.font * 1.4;
        Area { left: side, top: below, width: self.width - 2.0 * side, height: self.height - 2.0 * below }
    }
}

/// The site-wide graph's frame.
pub(crate) const SITE: Frame =
    Frame { width: 1000.0, height: 760.0, radius: 7.0, font: 15.0, label_em: 10.0, radial: false };

/// The frame of an entity's own graph.
pub(crate) const NEIGHBOURHOOD: Frame =
    Frame { width: 720.0, height: 460.0, radius: 8.0, font: 16.0, label_em: 10.0, radial: true };

/// The width of `c` in ems, roughly: East Asian wide characters take a whole em.
fn em_width(c: char) -> f64 {
    let wide = matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF | 0x20000..=0x3FFFD);
    if wide {
        1.0
    } else {
        0.62
    }
}

/// `text` cut to at most `max_em` ems, with an ellipsis when cut, and its width in ems.
pub(crate) fn clip(text: &str, max_em: f64) -> (String, f64) {
    let total: f64 = text.chars().map(em_width).sum();
    if total <= max_em {
        return (text.to_string(), total);
    }
    let mut out = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        if used + em_width(c) > max_em - 1.0 {
            break;
        }
        used += em_width(c);
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    (out, used + 1.0)
}

/// A text centred at (`x`, `y`) but kept inside the view box, in class `class`.
fn label(svg: &mut String, frame: &Frame, (x, y): (f64, f64), font: f64, (text, em): (String, f64), class: &str) {
    let half = em * font / 2.0;
    let x = x.clamp(half + 2.0, (frame.width - half - 2.0).max(half + 2.0));
    let y = y.clamp(font, frame.height - 4.0);
    let _ = write!(svg, "<text class=\"{class}\" x=\"{x:.1}\" y=\"{y:.1}\">{}</text>", escape_html(&text));
}

/// Where the name of the node at `p` goes: under it, or for an entity's own graph
/// beside it on the side away from the centre `c`.
fn name_at(frame: &Frame, p: (f64, f64), c: (f64, f64), em: f64, centre: bool) -> (f64, f64) {
    let below = (p.0, p.1 + frame.radius + frame.font);
    if !frame.radial || centre {
        return (below.0, below.1 + if centre { 4.0 } else { 0.0 });
    }
    let (dx, dy) = (p.0 - c.0, p.1 - c.1);
    let d = (dx * dx + dy * dy).sqrt().max(1.0);
    if (dx / d).abs() < 0.35 {
        return if dy > 0.0 { below } else { (p.0, p.1 - frame.radius - 6.0) };
    }
    let shift = frame.radius + 6.0 + em * frame.font / 2.0;
    (p.0 + dx.signum() * shift, p.1 + frame.font * 0.35)
}

/// The drawing of `graph` with its nodes at `at`.
pub(crate) fn draw(graph: &Graph, at: &[(f64, f64)], frame: &Frame) -> String {
    let (w, h) = (frame.width, frame.height);
    let mut svg = format!(
        "<svg class=\"graph-svg\" viewBox=\"0 0 {w} {h}\" aria-hidden=\"true\" focusable=\"false\">\
<defs><marker id=\"s-graph-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" \
orient=\"auto\"><path class=\"g-arrow\" d=\"M0 0L10 5L0 10z\"/></marker></defs><g class=\"g-edges\">"
    );
    let heaviest = f64::from(graph.heaviest());
    let mut words = String::new();
    for e in &graph.edges {
        let (a, b) = (at[e.from], at[e.to]);
        match &e.tie {
            Tie::Together(n) => {
                let width = 1.0 + 4.0 * (f64::from(*n) / heaviest).sqrt();
                let _ = write!(
                    svg,
                    "<line class=\"g-co\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke-width=\"{width:.1}\"/>",
                    a.0, a.1, b.0, b.1
                );
            }
            Tie::Related(relation) => {
                let mid =
                    relation_curve(&mut svg, a, b, frame.radius + if e.to == 0 && frame.radial { 5.0 } else { 1.0 });
                let font = frame.font * 0.8;
                label(&mut words, frame, (mid.0, mid.1 + font * 0.35), font, clip(relation, 12.0), "g-rel-label");
            }
        }
    }
    svg.push_str("</g><g class=\"g-edge-labels\">");
    svg.push_str(&words);
    svg.push_str("</g><g class=\"g-nodes\">");
    let centre = at.first().copied().unwrap_or_default();
    for (i, (node, &p)) in graph.nodes.iter().zip(at).enumerate() {
        let is_centre = frame.radial && i == 0;
        let r = if is_centre { frame.radius * 1.6 } else { frame.radius };
        let class = if is_centre { " g-centre" } else { "" };
        let _ = write!(
            svg,
            "<a class=\"g-node g-{}{class}\" href=\"{}\" tabindex=\"-1\"><title>{}</title>\
<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\"/>",
            node.kind,
            escape_html(&node.href),
            escape_html(&node.name),
            p.0,
            p.1
        );
        let name = clip(&node.name, frame.label_em);
        let spot = name_at(frame, p, centre, name.1, is_centre);
        label(&mut svg, frame, spot, frame.font, name, "g-label");
        svg.push_str("</a>");
    }
    svg.push_str("</g></svg>");
    svg
}

/// Draws a relation from `a` to `b` as a curve bowed to its left, stopping `gap`
/// short of `b` for the arrow, and returns the middle of the curve.
fn relation_curve(svg: &mut String, a: (f64, f64), b: (f64, f64), gap: f64) -> (f64, f64) {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let control = (a.0 + dx / 2.0 + dy * 0.15, a.1 + dy / 2.0 - dx * 0.15);
    let (ex, ey) = (b.0 - control.0, b.1 - control.1);
    let len = (ex * ex + ey * ey).sqrt().max(1.0);
    let end = (b.0 - ex / len * gap, b.1 - ey / len * gap);
    let _ = write!(
        svg,
        "<path class=\"g-rel\" d=\"M{:.1} {:.1}Q{:.1} {:.1} {:.1} {:.1}\" marker-end=\"url(#s-graph-arrow)\"/>",
        a.0, a.1, control.0, control.1, end.0, end.1
    );
    (0.25 * a.0 + 0.5 * control.0 + 0.25 * b.0, 0.25 * a.1 + 0.5 * control.1 + 0.25 * b.1)
}

#[cfg(test)]
mod tests {
    use super::clip;

    #[test]
    fn long_names_are_clipped_with_an_ellipsis() {
        assert_eq!(clip("Ada", 10.0).0, "Ada");
        let (cut, em) = clip(&"Lovelace ".repeat(10), 10.0);
        assert!(cut.ends_with('…') && em <= 10.0, "{cut}");
        let (cjk, em) = clip("朝鮮民主主義人民共和国国務委員会", 8.0);
        assert_eq!(cjk.chars().count(), 8);
        assert!(em <= 8.0);
    }
}
