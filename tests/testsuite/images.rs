//! Images (FORMAT.md 8.1) and social cards (8.6) as readers and sharing sites get
//! them: figures with captions and credits, sizes on every `<img>`, resized copies that
//! exist at the widths the `srcset` states, absolute `og:image`s, and cards that are
//! the same bytes on every build.

use std::io::Cursor;
use std::path::Path;

use crate::support::{jsonld, tag_attributes, SiteTest};

/// A PNG of `width` × `height` pixels, in a gradient so that resizing has work to do.
fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

const SVG: &str =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 80\"><rect width=\"120\" height=\"80\"/></svg>";

/// A site with a page bundle (lead image, an `images:` entry with credit and source,
/// an inline drawing) and a flat article using an image from `static/`.
fn illustrated() -> SiteTest {
    SiteTest::new("illustrated")
        .file("site.yaml", "title: Pictures\nbase_url: https://example.org/news/\n")
        .bytes("content/articles/bundle/lead.png", &png(1600, 800))
        .bytes("content/articles/bundle/podium.png", &png(900, 600))
        .file("content/articles/bundle/icon.svg", SVG)
        .file(
            "content/articles/bundle/index.md",
            "---\ntitle: With pictures\ndate: 2024-05-01\nimage: lead.png\nimage_alt: A wide test picture\n\
             image_credit: \"Photo: Test Agency\"\nsources:\n  - { id: wire, title: The wire story }\n\
             images:\n  - id: podium\n    file: podium.png\n    alt: A speaker at a podium\n\
             \x20   caption: The speaker in *May*.\n    credit: \"Photo: Someone Else\"\n    source: wire\n---\n\
             Intro with an icon ![a small icon](icon.svg) inline.\n\n![](@podium)\n\nThe end.\n",
        )
        .bytes("static/charts/bars.png", &png(500, 300))
        .article(
            "flat",
            "title: Flat\ndate: 2024-04-01",
            "![Bars of a chart](charts/bars.png \"What the bars show\")\n\nText.\n",
        )
}

fn attrs_of_imgs(html: &str) -> Vec<Vec<(String, String)>> {
    html5gum::Tokenizer::new(html)
        .flatten()
        .filter_map(|t| match t {
            html5gum::Token::StartTag(tag) if tag.name.as_slice() == b"img" => Some(
                tag.attributes
                    .iter()
                    .map(|(k, v)| (String::from_utf8_lossy(k).into_owned(), String::from_utf8_lossy(v).into_owned()))
                    .collect(),
            ),
            _ => None,
        })
        .collect()
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[test]
fn figures_carry_caption_credit_source_and_size() {
    let out = illustrated().build();
    let page = out.main("articles/bundle/");
    let figure = &page[page.find("<figure class=\"picture\" id=\"img-podium\"").expect("a figure for @podium")..];
    let figure = &figure[..figure.find("</figure>").unwrap()];
    assert!(figure.contains("<figcaption>The speaker in <em>May</em>."), "{figure}");
    assert!(figure.contains("<span class=\"credit\">Photo: Someone Else</span>"), "{figure}");
    assert!(figure.contains("href=\"../../articles/bundle/#src-wire\""), "{figure}");
    let img = &attrs_of_imgs(figure)[0];
    assert_eq!((attr(img, "width"), attr(img, "height")), (Some("900"), Some("600")));
    assert_eq!(attr(img, "alt"), Some("A speaker at a podium"));
    assert_eq!(attr(img, "loading"), Some("lazy"), "below the lead image");

    let inline = attrs_of_imgs(&page).into_iter().find(|a| attr(a, "alt") == Some("a small icon")).unwrap();
    assert_eq!((attr(&inline, "width"), attr(&inline, "height")), (Some("120"), Some("80")));
    assert!(
        !page.contains("<figure class=\"picture\"><img src=\"../../articles/bundle/icon.svg\""),
        "inline stays inline"
    );

    let flat = out.main("articles/flat/");
    assert!(flat.contains("<figcaption>What the bars show</figcaption>"), "{flat}");
    let bars = &attrs_of_imgs(&flat)[0];
    assert_eq!(attr(bars, "src"), Some("../../charts/bars.png"));
    assert_eq!(attr(bars, "loading"), None, "the first image of a page without a lead image loads at once");
    assert!(out.has("charts/bars.png") && out.has("articles/bundle/podium.png") && out.has("articles/bundle/icon.svg"));
}

#[test]
fn every_img_on_every_page_has_its_size() {
    let out = illustrated().build();
    let mut seen = 0;
    for entry in walkdir::WalkDir::new(&out.out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            for img in attrs_of_imgs(&std::fs::read_to_string(entry.path()).unwrap()) {
                seen += 1;
                assert!(attr(&img, "width").is_some() && attr(&img, "height").is_some(), "{img:?}");
                assert!(attr(&img, "alt").is_some_and(|a| !a.is_empty()), "{img:?}");
            }
        }
    }
    assert!(seen >= 5, "lead, figure and icon, bars, and the lead image on the home page: {seen}");
}

#[test]
fn wide_images_get_resized_copies_at_the_widths_the_srcset_states() {
    let out = illustrated().build();
    let page = out.file("articles/bundle/index.html");
    let lead = attrs_of_imgs(&page).into_iter().find(|a| attr(a, "alt") == Some("A wide test picture")).unwrap();
    assert_eq!(attr(&lead, "fetchpriority"), Some("high"));
    let srcset = attr(&lead, "srcset").expect("a srcset");
    let mut widths = Vec::new();
    for candidate in srcset.split(", ") {
        let (url, w) = candidate.split_once(' ').unwrap();
        let width: u32 = w.trim_end_matches('w').parse().unwrap();
        let file = out.out.join("articles/bundle").join(url.rsplit('/').next().unwrap());
        let (actual, height) = image::image_dimensions(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(actual, width, "{url}");
        assert_eq!(height, width / 2, "{url} keeps the proportions");
        widths.push(width);
    }
    assert_eq!(widths, [480, 720, 1080, 1440, 1600]);
    assert!(attr(&lead, "sizes").is_some());
    let podium = attrs_of_imgs(&page).into_iter().find(|a| attr(a, "alt") == Some("A speaker at a podium")).unwrap();
    assert!(attr(&podium, "srcset").unwrap().contains("podium-720w.png 720w"));
    let bars = attrs_of_imgs(&out.file("articles/flat/index.html")).remove(0);
    assert_eq!(attr(&bars, "srcset"), None, "narrower than the column");
}

#[test]
fn pages_share_absolute_images_and_cards() {
    let out = illustrated().build();
    let og = |path: &str| {
        let html = out.file(path);
        let meta: Vec<String> = tag_attributes(&html, "content");
        let at = meta.iter().position(|c| c.starts_with("https://example.org/news/") && c.ends_with(".png"));
        (at.map(|i| meta[i].clone()), html.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
    };
    assert_eq!(
        og("articles/bundle/index.html"),
        (Some("https://example.org/news/articles/bundle/lead.png".into()), true)
    );
    assert_eq!(
        og("articles/flat/index.html"),
        (Some("https://example.org/news/social/articles/flat.png".into()), true)
    );
    assert!(out.has("social/articles/flat.png"));
    assert!(!out.has("social/articles/bundle.png"), "an article with a lead image has no card");
    assert_eq!(og("entities/index.html"), (None, false));
    let jsonld = jsonld(&out.file("articles/flat/index.html"));
    assert_eq!(jsonld["image"]["url"], "https://example.org/news/social/articles/flat.png");
    assert_eq!((jsonld["image"]["width"].as_u64(), jsonld["image"]["height"].as_u64()), (Some(1200), Some(630)));
}

#[test]
fn social_cards_are_1200_by_630_and_the_same_bytes_on_every_build() {
    let site = SiteTest::new("cards")
        .entity("ada", "Ada Lovelace", "person")
        .article(
            "a",
            "title: Ünïcode, <b>tags</b> & a very long headline that has to wrap over several lines of the card\n\
             date: 2024-01-01\nquotes:\n  - { id: q, by: ada, text: \"Words in a quote\", date: 2024-01-01, source: s }\n\
             sources:\n  - { id: s, title: S }",
            "She said \"Words in a quote\" once.\n",
        );
    let first = site.build();
    let card = std::fs::read(first.out.join("social/articles/a.png")).unwrap();
    let quote = std::fs::read(first.out.join("social/quotes/q.png")).unwrap();
    assert_eq!(image::load_from_memory(&card).unwrap().into_rgb8().dimensions(), (1200, 630));
    assert_eq!(image::image_dimensions(first.out.join("social/quotes/q.png")).unwrap(), (1200, 630));
    std::fs::remove_dir_all(site.root.join(".gloss-cache")).unwrap();
    std::fs::remove_dir_all(&first.out).unwrap();
    let second = site.build();
    assert!(std::fs::read(second.out.join("social/articles/a.png")).unwrap() == card, "drawn again, same bytes");
    assert!(std::fs::read(second.out.join("social/quotes/q.png")).unwrap() == quote);
}

/// How many pixels of `card` inside `area` (x, y ranges) are darker than `below` in every channel.
fn dark_pixels(card: &image::RgbImage, area: (std::ops::Range<u32>, std::ops::Range<u32>), below: u8) -> usize {
    let (xs, ys) = area;
    ys.flat_map(|y| xs.clone().map(move |x| (x, y)))
        .filter(|&(x, y)| card.get_pixel(x, y).0.iter().all(|&c| c < below))
        .count()
}

#[test]
fn cards_show_the_bar_the_words_and_the_speaker_in_any_script() {
    let site = SiteTest::new("scripts")
        .entity("ada", "Ada Lovelace", "person")
        .article(
            "latin",
            "title: Ünïcode & Ελληνικά <script>alert(1)</script>\ndate: 2024-01-01\nquotes:\n  - { id: q, by: ada, text: \"Words in a quote\", date: 2024-01-01, source: s }\n\
             sources:\n  - { id: s, title: S }",
            "She said \"Words in a quote\" once.\n",
        )
        .article("arabic", "title: مرحبا بالعالم في الشرق الأوسط\ndate: 2024-01-01", "نص.\n");
    let out = site.build();
    for card in ["social/articles/latin.png", "social/articles/arabic.png", "social/quotes/q.png"] {
        let img = image::open(out.out.join(card)).unwrap().into_rgb8();
        assert_eq!(img.dimensions(), (1200, 630), "{card}");
        let bar = img.get_pixel(5, 315).0;
        assert!(bar[0] > 0x90 && bar[1] < 0x40 && bar[2] < 0x40, "{card}: the accent bar is red, not {bar:?}");
        let paper = img.get_pixel(600, 20).0;
        assert!(paper.iter().all(|&c| c > 0xe0), "{card}: the paper is light, not {paper:?}");
        assert!(dark_pixels(&img, (80..1120, 190..420), 0x40) > 500, "{card}: the words are drawn dark");
    }
    let quote = image::open(out.out.join("social/quotes/q.png")).unwrap().into_rgb8();
    assert!(dark_pixels(&quote, (80..700, 300..630), 0x60) > 200, "the speaker's line is drawn under the quote");
}
/// The modification time of every file under `dir`.
fn mtimes(dir: &Path) -> Vec<(String, std::time::SystemTime)> {
    let mut all: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && !e.path().to_string_lossy().contains("/build-state"))
        .map(|e| (e.path().display().to_string(), e.metadata().unwrap().modified().unwrap()))
        .collect();
    all.sort();
    all
}

#[test]
fn a_rebuild_encodes_nothing_that_did_not_change() {
    let site = illustrated();
    let first = site.build();
    let copy = std::fs::read(first.out.join("articles/bundle/lead-720w.png")).unwrap();
    let cache = site.root.join(".gloss-cache");
    let before = mtimes(&cache);
    assert!(before.len() >= 7, "four copies of the lead, one of the podium, two cards: {before:?}");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = site.build();
    assert_eq!(mtimes(&cache), before, "nothing in the cache was made again");
    assert_eq!(std::fs::read(second.out.join("articles/bundle/lead-720w.png")).unwrap(), copy);

    let site = site.bytes("content/articles/bundle/lead.png", &png(1500, 750));
    let third = site.build();
    assert_eq!(image::image_dimensions(third.out.join("articles/bundle/lead-1440w.png")).unwrap(), (1440, 720));
    let after = mtimes(&cache);
    let new: Vec<_> = after.iter().filter(|e| !before.contains(e)).collect();
    let gone: Vec<_> = before.iter().filter(|e| !after.contains(e)).collect();
    // The replaced image's old copies are no longer used, so the build removes them.
    assert_eq!((new.len(), gone.len()), (4, 4), "only the changed image's copies change: new {new:?}, gone {gone:?}");
    assert!(gone.iter().all(|(p, _)| p.contains("/images/")), "{gone:?}");
}

#[test]
fn an_entity_shows_its_image() {
    let out = SiteTest::new("portrait")
        .bytes("static/people/ada.png", &png(400, 500))
        .file(
            "content/entities/ada.md",
            "---\nname: Ada Lovelace\nkind: person\nimage: people/ada.png\nimage_alt: A portrait\nimage_credit: Painting, 1836\n---\n",
        )
        .article("a", "title: A\ndate: 2024-01-01", "Ada Lovelace wrote.\n")
        .build();
    let page = out.file("entities/ada/index.html");
    let img = attrs_of_imgs(&page).remove(0);
    assert_eq!((attr(&img, "src"), attr(&img, "width")), (Some("../../people/ada.png"), Some("400")));
    assert!(page.contains("<span class=\"credit\">Painting, 1836</span>"));
    assert!(page.contains("<meta property=\"og:image\" content=\"https://example.org/people/ada.png\">"));
}
