//! Where the nodes of a graph go, decided at build time and the same on every
//! machine: only additions, multiplications, divisions and square roots of `f64`, in a
//! fixed order (IEEE 754 makes each exact to the last bit), no platform `sin`/`cos`,
//! no threads, no randomness; the results are rounded to a tenth of a unit.

/// The rectangle nodes are placed in, in SVG units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Area {
    /// Left edge.
    pub(crate) left: f64,
    /// Top edge.
    pub(crate) top: f64,
    /// Width.
    pub(crate) width: f64,
    /// Height.
    pub(crate) height: f64,
}

/// How many rounds the force layout runs.
const ROUNDS: usize = 300;

/// π, to the precision of an `f64`.
const PI: f64 = std::f64::consts::PI;

/// The cosine and sine of `turns` full turns, by their Taylor series on an angle in
/// [-π, π] (accurate to about 1e-15, and computed the same everywhere).
fn turn(turns: f64) -> (f64, f64) {
    let a = 2.0 * PI * (turns - (turns + 0.5).floor());
    let (mut cos, mut sin) = (0.0, 0.0);
    // The k-th term is a^k / k!, added with the sign of its place in the series.
    let mut term = 1.0;
    for k in 0..40u32 {
        let sign = if (k / 2) % 2 == 0 { 1.0 } else { -1.0 };
        if k % 2 == 0 {
            cos += sign * term;
        } else {
            sin += sign * term;
        }
        term = term * a / f64::from(k + 1);
    }
    (cos, sin)
}

/// `v` rounded to a tenth.
fn tenth(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The centre node then `n` nodes on an ellipse around it, the first at the top,
/// going clockwise.
pub(crate) fn radial(n: usize, area: &Area) -> Vec<(f64, f64)> {
    let (cx, cy) = (area.left + area.width / 2.0, area.top + area.height / 2.0);
    let mut at = vec![(tenth(cx), tenth(cy))];
    for i in 0..n {
        let (cos, sin) = turn(i as f64 / n as f64 - 0.25);
        at.push((tenth(cx + cos * area.width / 2.0), tenth(cy + sin * area.height / 2.0)));
    }
    at
}

/// How strongly every node is drawn to the middle, so that loosely joined parts do
/// not drift to the corners and squeeze the rest.
const GRAVITY: f64 = 1.5;

/// The Fruchterman–Reingold layout of `n` nodes joined by `edges` (each with the
/// strength of its pull, 0 to 1), fitted to `area`: nodes start on a circle in their
/// given order, repel each other, are pulled together along edges and a little
/// towards the middle, for a fixed number of rounds with a falling step.
pub(crate) fn force(n: usize, edges: &[(usize, usize, f64)], area: &Area) -> Vec<(f64, f64)> {
    let mut at: Vec<(f64, f64)> =
        (0..n).map(|i| turn(i as f64 / n.max(1) as f64)).map(|(c, s)| (c / 2.0, s / 2.0)).collect();
    let k = 1.4 * (1.0 / n.max(1) as f64).sqrt();
    for round in 0..ROUNDS {
        let step = 0.1 * (1.0 - round as f64 / ROUNDS as f64);
        let mut push = vec![(0.0, 0.0); n];
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy, d) = apart(at[i], at[j]);
                let f = k * k / d;
                push[i] = (push[i].0 + dx / d * f, push[i].1 + dy / d * f);
                push[j] = (push[j].0 - dx / d * f, push[j].1 - dy / d * f);
            }
        }
        for (p, (px, py)) in at.iter().zip(push.iter_mut()) {
            *px -= p.0 * GRAVITY;
            *py -= p.1 * GRAVITY;
        }
        for &(u, v, pull) in edges {
            let (dx, dy, d) = apart(at[u], at[v]);
            let f = pull * d * d / k;
            push[u] = (push[u].0 - dx / d * f, push[u].1 - dy / d * f);
            push[v] = (push[v].0 + dx / d * f, push[v].1 + dy / d * f);
        }
        for (p, (px, py)) in at.iter_mut().zip(push) {
            let len = (px * px + py * py).sqrt().max(1e-9);
            let moved = len.min(step);
            *p = ((p.0 + px / len * moved).clamp(-1.0, 1.0), (p.1 + py / len * moved).clamp(-1.0, 1.0));
        }
    }
    fit(&at, area)
}

/// The offset from `b` to `a` and its length, never zero (coinciding nodes are
/// pulled apart along a fixed direction).
fn apart(a: (f64, f64), b: (f64, f64)) -> (f64, f64, f64) {
    let (dx, dy) = (a.0 - b.0, a.1 - b.1);
    let d = (dx * dx + dy * dy).sqrt();
    if d < 1e-6 {
        (1e-6, 0.0, 1e-6)
    } else {
        (dx, dy, d)
    }
}

/// `points` stretched to fill `area`, rounded.
fn fit(points: &[(f64, f64)], area: &Area) -> Vec<(f64, f64)> {
    let min_x = points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let max_x = points.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let min_y = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
    let max_y = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
    let scale = |v: f64, lo: f64, hi: f64, start: f64, size: f64| {
        if hi - lo < 1e-9 {
            start + size / 2.0
        } else {
            start + (v - lo) / (hi - lo) * size
        }
    };
    points
        .iter()
        .map(|&(x, y)| {
            (tenth(scale(x, min_x, max_x, area.left, area.width)), tenth(scale(y, min_y, max_y, area.top, area.height)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_match_the_platform_closely() {
        for i in 0..64 {
            let t = f64::from(i) / 64.0 - 0.5;
            let (c, s) = turn(t);
            assert!((c - (2.0 * PI * t).cos()).abs() < 1e-12, "{t}");
            assert!((s - (2.0 * PI * t).sin()).abs() < 1e-12, "{t}");
        }
    }

    #[test]
    fn a_force_layout_stays_in_its_area() {
        let area = Area { left: 10.0, top: 20.0, width: 300.0, height: 200.0 };
        let edges = [(0, 1, 1.0), (1, 2, 0.5), (3, 4, 1.0)];
        let at = force(6, &edges, &area);
        assert!(at.iter().all(|&(x, y)| (10.0..=310.0).contains(&x) && (20.0..=220.0).contains(&y)));
        assert_eq!(at, force(6, &edges, &area));
    }
}
