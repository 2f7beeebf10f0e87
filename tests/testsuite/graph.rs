//! The entity graph (FORMAT.md 8.6): `/entities/graph/` and the graph of each
//! entity's neighbours, drawn as inline SVG from `related` relations and co-mentions,
//! with lists that say the same, bounded on large sites, the same on every build,
//! and safe with hostile names.

use std::collections::BTreeSet;

use crate::support::{tag_attributes, Built, SiteTest};

/// Ada names the society as related; two articles mention Ada and London, one the
/// society too; Hermit is on no page but its own.
fn site() -> SiteTest {
    SiteTest::new("graph")
        .file(
            "content/entities/ada.md",
            "---\nname: Ada Lovelace\nkind: person\nrelated:\n  - { id: society, as: corresponded with }\n---\n",
        )
        .entity("society", "Analytical Society", "organization")
        .entity("london", "London", "place")
        .entity("hermit", "Hermit", "person")
        .article(
            "one",
            "title: One\ndate: 2024-01-01",
            "[Ada](@ada) lived in [London](@london), wrote to the [society](@society).\n",
        )
        .article("two", "title: Two\ndate: 2024-02-01", "[Ada](@ada) returned to [London](@london).\n")
}

/// The `<svg>…</svg>` of `html`.
fn svg_of(html: &str) -> &str {
    let start = html.find("<svg").expect("the page has an SVG");
    &html[start..html[start..].find("</svg>").unwrap() + start + 6]
}

/// What the drawing shows: the nodes (name, link) and the edges, each as
/// (kind, from name, to name), the kind `rel` or `co`.
struct Drawing {
    nodes: BTreeSet<(String, String)>,
    edges: Vec<(String, String, String)>,
}

/// Parses the SVG as XML and reads its nodes and edges, matching each edge's ends to
/// the nodes at those coordinates.
fn drawing(html: &str) -> Drawing {
    let doc = roxmltree::Document::parse(svg_of(html)).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.attribute("aria-hidden"), Some("true"));
    let mut at = Vec::new();
    let mut nodes = BTreeSet::new();
    for a in root.descendants().filter(|n| n.has_tag_name("a")) {
        assert_eq!(a.attribute("tabindex"), Some("-1"), "node links are out of the tab order");
        let name = a.children().find(|c| c.has_tag_name("title")).and_then(|t| t.text()).unwrap().to_string();
        let circle = a.children().find(|c| c.has_tag_name("circle")).unwrap();
        let xy: (f64, f64) =
            (circle.attribute("cx").unwrap().parse().unwrap(), circle.attribute("cy").unwrap().parse().unwrap());
        at.push((xy, name.clone()));
        nodes.insert((name, a.attribute("href").unwrap().to_string()));
    }
    let nearest = |x: f64, y: f64| {
        let d = |p: &(f64, f64)| (p.0 - x).powi(2) + (p.1 - y).powi(2);
        at.iter().min_by(|a, b| d(&a.0).total_cmp(&d(&b.0))).unwrap().1.clone()
    };
    let mut edges = Vec::new();
    for e in root.descendants() {
        let num = |k: &str| e.attribute(k).unwrap().parse::<f64>().unwrap();
        match e.attribute("class") {
            Some("g-co") => {
                // A co-mention has no direction: its ends in name order.
                let mut ends = [nearest(num("x1"), num("y1")), nearest(num("x2"), num("y2"))];
                ends.sort();
                let [a, b] = ends;
                edges.push(("co".into(), a, b));
            }
            Some("g-rel") => {
                let n: Vec<f64> = e
                    .attribute("d")
                    .unwrap()
                    .replace(['M', 'Q'], " ")
                    .split_whitespace()
                    .map(|v| v.parse().unwrap())
                    .collect();
                edges.push(("rel".into(), nearest(n[0], n[1]), nearest(n[4], n[5])));
            }
            _ => {}
        }
    }
    Drawing { nodes, edges }
}

/// The site-wide page's `<main>` and its drawing.
fn graph_page(out: &Built) -> (String, Drawing) {
    let main = out.main("entities/graph/");
    let d = drawing(&main);
    (main, d)
}

#[test]
fn the_graph_page_is_linked_and_every_node_links_an_entity_page() {
    let out = site().build();
    assert!(tag_attributes(&out.main("entities/"), "href").contains(&"../entities/graph/".to_string()));
    assert!(out.file("sitemap.xml").contains("/entities/graph/</loc>"));
    let (main, d) = graph_page(&out);
    let names: Vec<&str> = d.nodes.iter().map(|n| n.0.as_str()).collect();
    assert_eq!(names, ["Ada Lovelace", "Analytical Society", "London"], "Hermit has no neighbour");
    for (_, href) in &d.nodes {
        let id = href.strip_prefix("../../entities/").and_then(|h| h.strip_suffix('/')).expect(href);
        assert!(out.has(&format!("entities/{id}/index.html")), "{href}");
    }
    assert!(main.contains("All 3 connected entities; the site has 4 in all"), "{main}");
    assert!(out.broken_links("/").is_empty(), "{:?}", out.broken_links("/"));
}

#[test]
fn the_drawing_has_the_relations_and_co_mentions_and_the_list_says_the_same() {
    let out = site().build();
    let (main, d) = graph_page(&out);
    let mut edges = d.edges.clone();
    edges.sort();
    let e = |k: &str, a: &str, b: &str| (k.to_string(), a.to_string(), b.to_string());
    assert_eq!(
        edges,
        [
            e("co", "Ada Lovelace", "Analytical Society"),
            e("co", "Ada Lovelace", "London"),
            e("co", "Analytical Society", "London"),
            e("rel", "Ada Lovelace", "Analytical Society"),
        ]
    );
    let list = &main[main.find("class=\"graph-list\"").unwrap()..];
    let tops: Vec<&str> = list.split("\n    <li>").skip(1).collect();
    assert_eq!(tops.len(), d.nodes.len(), "one list item per node");
    // Every line of the drawing is said under both of its ends.
    assert_eq!(list.matches("mentioned together with").count(), 2 * 3, "{list}");
    assert_eq!(list.matches(" corresponded with ").count(), 2, "{list}");
    assert!(list.contains(">Ada Lovelace</a>\n      <ul><li>"), "{list}");
    assert!(list.contains(
        "mentioned together with <a href=\"../../entities/london/\" class=\"link-place\">London</a> in 2 explainers"
    ));
    assert!(list.contains("in 1 explainer</li>"), "{list}");
    // Two explainers mention Ada and London, one the others: the line is thicker.
    let widths: Vec<String> = tag_attributes(svg_of(&main), "stroke-width");
    assert!(widths.contains(&"5.0".to_string()) && widths.iter().any(|w| w != "5.0"), "{widths:?}");
}

#[test]
fn an_entity_with_neighbours_has_its_graph_and_one_without_has_none() {
    let out = site().build();
    let ada = out.main("entities/ada/");
    let d = drawing(&ada);
    let names: Vec<&str> = d.nodes.iter().map(|n| n.0.as_str()).collect();
    assert_eq!(names, ["Ada Lovelace", "Analytical Society", "London"]);
    let mut kinds: Vec<&str> = d.edges.iter().map(|e| e.0.as_str()).collect();
    kinds.sort_unstable();
    assert_eq!(kinds, ["co", "co", "rel"], "two co-mentions and the relation, all from Ada");
    assert!(d.edges.iter().all(|e| e.1 == "Ada Lovelace" || e.2 == "Ada Lovelace"));
    assert!(ada.contains("class=\"g-node g-person g-centre\""), "{ada}");
    assert!(tag_attributes(&ada, "href").contains(&"../../entities/graph/".to_string()));
    // The lists beside it: the relation under Connections, the counts under Often mentioned with.
    assert!(ada.contains("corresponded with <a href=\"../../entities/society/\""), "{ada}");
    assert!(ada.contains("(together in 2 explainers)") && ada.contains("(together in 1 explainer)"), "{ada}");
    // The society is named by Ada: its graph shows the relation pointing at it.
    let society = drawing(&out.main("entities/society/"));
    assert!(society.edges.contains(&("rel".into(), "Ada Lovelace".into(), "Analytical Society".into())));
    let hermit = out.main("entities/hermit/");
    assert!(!hermit.contains("<svg") && !hermit.contains("s-related"), "{hermit}");
}

#[test]
fn a_large_site_shows_a_bounded_graph_and_says_how_much_it_shows() {
    let mut s = SiteTest::new("graph-large");
    for i in 0..90 {
        s = s.entity(&format!("e{i:02}"), &format!("Entity {i:02}"), "organization");
    }
    // Entity i is mentioned in i % 9 + 1 articles with its neighbours in a chain.
    for a in 0..30 {
        let refs: String =
            (0..90).filter(|i| i % 9 >= a % 9 && (i + a) % 3 == 0).map(|i| format!("[x](@e{i:02}) ")).collect();
        s = s.article(&format!("a{a}"), &format!("title: A{a}\ndate: 2024-01-01"), &format!("{refs}\n"));
    }
    let out = s.build();
    let (main, d) = graph_page(&out);
    assert_eq!(d.nodes.len(), 50, "at most 50 entities");
    let said = regex::Regex::new(r"The 50 most connected of (\d+) connected entities; the site has 90 in all").unwrap();
    let connected: usize = said.captures(&main).expect("the page says how many it shows")[1].parse().unwrap();
    assert!((51..=90).contains(&connected), "{connected}");
    let listed = main[main.find("class=\"graph-list\"").unwrap()..].split("\n    <li>").count() - 1;
    assert_eq!(listed, 50);
    let lines = d.edges.iter().filter(|e| e.0 == "co").count();
    assert!((50..=3 * 50).contains(&lines), "each node draws its 3 strongest co-mentions, not every pair: {lines}");
    let entity = drawing(&out.main("entities/e00/"));
    assert!(entity.nodes.len() <= 25, "an entity's graph shows at most 24 neighbours");
    // Two builds of the same site are byte for byte the same.
    let again = s.build();
    assert_eq!(out.file("entities/graph/index.html"), again.file("entities/graph/index.html"));
    assert_eq!(out.file("entities/e00/index.html"), again.file("entities/e00/index.html"));
}

#[test]
fn hostile_names_are_escaped_and_long_ones_clipped_inside_the_drawing() {
    let long = format!("<script>alert(\"x\")</script> & 'Co' {}", "very long name ".repeat(8));
    let out = site()
        .file("content/entities/bad.md", &format!("---\nname: {long:?}\nkind: organization\n---\n"))
        .file("content/entities/rtl.md", "---\nname: \"وزارة الخارجية الروسية\"\nkind: organization\n---\n")
        .file(
            "content/entities/cjk.md",
            "---\nname: 朝鮮民主主義人民共和国国務委員会と外務省\nkind: organization\n---\n",
        )
        .article("three", "title: Three\ndate: 2024-03-01", "[a](@bad) [b](@rtl) [c](@cjk) [Ada](@ada).\n")
        .build();
    let (main, d) = graph_page(&out);
    assert!(!main.contains("<script>"), "{main}");
    assert!(d.nodes.iter().any(|n| n.0 == long), "the full name is the node's title");
    assert!(d.nodes.iter().any(|n| n.0 == "وزارة الخارجية الروسية"));
    let doc = roxmltree::Document::parse(svg_of(&main)).unwrap();
    let labels: Vec<&str> =
        doc.descendants().filter(|n| n.attribute("class") == Some("g-label")).filter_map(|n| n.text()).collect();
    let bad = labels.iter().find(|l| l.starts_with("<script>")).expect("the label, unescaped by the parser");
    assert!(bad.ends_with('…') && bad.chars().count() < 20, "{bad}");
    let cjk = labels.iter().find(|l| l.starts_with('朝')).unwrap();
    assert!(cjk.ends_with('…') && cjk.chars().count() <= 10, "{cjk}");
    let viewbox_width = 1000.0;
    for t in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let x: f64 = t.attribute("x").unwrap().parse().unwrap();
        assert!((0.0..=viewbox_width).contains(&x), "a label runs off the drawing at x = {x}");
    }
}

#[test]
fn an_entity_cannot_take_the_id_of_the_graph_page() {
    let run = site().entity("graph", "Graph", "other").run(&["check"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("the entity id 'graph' is reserved"), "{stderr}");
}
