//! `SiteTest`: a site copied or written into a fresh temporary folder, built with the
//! real pipeline, and read back as the HTML a visitor gets.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use gloss::BuildOptions;
use gloss::LoadOptions;
use regex::Regex;

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A site in its own temporary folder.
pub(crate) struct SiteTest {
    pub(crate) root: PathBuf,
}

/// A minimal valid `site.yaml`.
pub(crate) const SITE_YAML: &str = "title: Test Site\nbase_url: https://example.org/\n";

impl SiteTest {
    fn fresh(name: &str) -> SiteTest {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("site-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        SiteTest { root }
    }

    /// A copy of `tests/fixtures/<name>`.
    pub(crate) fn fixture(name: &str) -> SiteTest {
        let site = SiteTest::fresh(name);
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name), &site.root);
        site
    }

    /// A site holding only a minimal `site.yaml`.
    pub(crate) fn new(name: &str) -> SiteTest {
        SiteTest::fresh(name).file("site.yaml", SITE_YAML)
    }

    /// Writes (or replaces) a file of the site.
    pub(crate) fn file(self, path: &str, contents: &str) -> SiteTest {
        let p = self.root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
        self
    }

    /// Writes (or replaces) a file of the site with `bytes`.
    pub(crate) fn bytes(self, path: &str, bytes: &[u8]) -> SiteTest {
        let p = self.root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
        self
    }

    /// An article with front matter `fm` (without fences) and `body`.
    pub(crate) fn article(self, slug: &str, fm: &str, body: &str) -> SiteTest {
        self.file(&format!("content/articles/{slug}.md"), &format!("---\n{fm}\n---\n{body}"))
    }

    /// An entity.
    pub(crate) fn entity(self, id: &str, name: &str, kind: &str) -> SiteTest {
        self.file(&format!("content/entities/{id}.md"), &format!("---\nname: {name}\nkind: {kind}\n---\n"))
    }

    /// Builds into `public/`; panics with the diagnostics if the content has errors.
    pub(crate) fn build(&self) -> Built {
        self.build_with(None)
    }

    /// Builds with `base_url` overridden.
    pub(crate) fn build_with(&self, base_url: Option<&str>) -> Built {
        let opts = BuildOptions {
            load: LoadOptions { root: self.root.clone(), drafts: false, base_url: base_url.map(str::to_string) },
            output: None,
            force: false,
            no_cache: false,
        };
        let compiled = gloss::build(&opts).expect("build runs");
        if compiled.diagnostics.has_errors() {
            panic!("build failed:\n{}", compiled.diagnostics.to_text(&compiled.sources));
        }
        Built { out: self.root.join("public") }
    }

    /// Runs the real `gloss` binary with `args` (and `--root` pointing here).
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_gloss"))
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .env("NO_COLOR", "1")
            .output()
            .expect("gloss runs")
    }
}

/// Starts `gloss build --quiet` on the site at `root` in the background, its output
/// thrown away (for killing it midway).
pub(crate) fn spawn_build(root: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["build", "--quiet", "--root"])
        .arg(root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("gloss runs")
}

/// Copies the folder `from` to `to`, file by file.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file, folder and symbolic link under `dir`, with the bytes of each file and
/// the target of each link: two equal snapshots mean nothing was touched.
pub(crate) fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let name = e.path().strip_prefix(dir).unwrap().display().to_string();
            let contents = if e.file_type().is_symlink() {
                format!("link to {}", std::fs::read_link(e.path()).unwrap().display()).into_bytes()
            } else if e.file_type().is_dir() {
                b"folder".to_vec()
            } else {
                std::fs::read(e.path()).unwrap()
            };
            (name, contents)
        })
        .collect()
}

/// [`snapshot`] of an output folder without its manifest, which records when each
/// file was written.
pub(crate) fn output_files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = snapshot(dir);
    files.remove(".gloss-manifest");
    files
}

/// A built site's output folder.
pub(crate) struct Built {
    pub(crate) out: PathBuf,
}

impl Built {
    /// The whole text of an output file; panics if it does not exist.
    pub(crate) fn file(&self, path: &str) -> String {
        let p = self.out.join(path);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{} missing: {e}", p.display()))
    }

    /// The `<main>` region of the page at URL path `path` (`articles/x/`).
    pub(crate) fn main(&self, path: &str) -> String {
        let html = self.file(&format!("{path}index.html"));
        let start = html.find("<main").expect("page has <main>");
        let end = html.find("</main>").expect("page has </main>");
        html[start..end].to_string()
    }

    /// True when the output has this file.
    pub(crate) fn has(&self, path: &str) -> bool {
        self.out.join(path).is_file()
    }

    /// Every internal link and fragment of every HTML page that does not resolve.
    pub(crate) fn broken_links(&self, base_path: &str) -> Vec<String> {
        check_links(&self.out, base_path)
    }
}

/// All values of `attr="…"` in `html`, entity-decoded.
pub(crate) fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let re = Regex::new(&format!(r#"\s{attr}="([^"]*)""#)).unwrap();
    re.captures_iter(html).map(|c| decode(&c[1])).collect()
}

/// All values of attribute `attr` on the start tags of `html`, as an HTML5 tokenizer
/// reads them (text and code that show HTML are not tags).
pub(crate) fn tag_attributes(html: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in html5gum::Tokenizer::new(html).flatten() {
        if let html5gum::Token::StartTag(tag) = token {
            for (name, value) in &tag.attributes {
                if name.as_slice() == attr.as_bytes() {
                    out.push(String::from_utf8_lossy(value).into_owned());
                }
            }
        }
    }
    out
}

fn decode(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// Checks every `href` and `src` of every `.html` file under `out`: internal targets
/// must exist and fragments must name an element id on the target page. Links that
/// start with `/` are taken relative to `base_path` (the 404 page uses them).
pub(crate) fn check_links(out: &Path, base_path: &str) -> Vec<String> {
    let mut ids: HashMap<PathBuf, Vec<String>> = HashMap::new();
    let mut problems = Vec::new();
    let pages: Vec<PathBuf> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let mut links = tag_attributes(&html, "href");
        links.extend(tag_attributes(&html, "src"));
        for link in links {
            if link.contains("://") || link.starts_with("mailto:") || link.starts_with("//") {
                continue;
            }
            let (path, fragment) = link.split_once('#').unwrap_or((&link, ""));
            if path.starts_with('/') && !path.starts_with(base_path) {
                continue; // the publisher's wider site
            }
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(abs) = path.strip_prefix(base_path) {
                resolve(out, abs)
            } else {
                resolve(page.parent().unwrap(), path)
            };
            let target = if target.is_dir() { target.join("index.html") } else { target };
            if !target.is_file() {
                problems.push(format!("{}: link '{link}' has no target", page.display()));
                continue;
            }
            if !fragment.is_empty() && target.extension().is_some_and(|e| e == "html") {
                let known = ids
                    .entry(target.clone())
                    .or_insert_with(|| tag_attributes(&std::fs::read_to_string(&target).unwrap(), "id"));
                if !known.iter().any(|i| i == fragment) {
                    problems.push(format!("{}: fragment '#{fragment}' not on {}", page.display(), target.display()));
                }
            }
        }
    }
    problems
}

fn resolve(dir: &Path, rel: &str) -> PathBuf {
    let mut p = dir.to_path_buf();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                p.pop();
            }
            x => p.push(x),
        }
    }
    p
}

/// Everything unsafe or malformed in an output folder: HTML attributes that run script
/// (`on*`, `style`) or URLs with a script scheme, HTML the tokenizer reports errors in,
/// XML that does not parse, JSON (files and JSON-LD blocks) that does not parse.
pub(crate) fn audit_output(out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(out) {
        let path = entry.unwrap().into_path();
        let name = path.strip_prefix(out).unwrap().display().to_string();
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        match path.extension().and_then(|e| e.to_str()) {
            Some("html") => audit_html(&name, &text, &mut problems),
            Some("xml") => {
                if let Err(e) = roxmltree::Document::parse(&text) {
                    problems.push(format!("{name}: not well-formed XML: {e}"));
                }
            }
            Some("json" | "jsonld") => {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
                    problems.push(format!("{name}: not JSON: {e}"));
                }
            }
            _ => {}
        }
    }
    problems
}

const URL_ATTRIBUTES: [&str; 7] = ["href", "src", "action", "formaction", "poster", "srcset", "xlink:href"];

fn audit_html(name: &str, html: &str, problems: &mut Vec<String>) {
    use html5gum::{Token, Tokenizer};
    let mut in_json: Option<String> = None;
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                for (attr, value) in &tag.attributes {
                    let attr = String::from_utf8_lossy(attr).to_ascii_lowercase();
                    let value = String::from_utf8_lossy(value).to_string();
                    if attr.starts_with("on") || attr == "style" {
                        problems.push(format!("{name}: attribute {attr}=\"{value}\""));
                    }
                    if URL_ATTRIBUTES.contains(&attr.as_str()) && runs_script(&value) {
                        problems.push(format!("{name}: unsafe URL {attr}=\"{value}\""));
                    }
                }
                let is_json = tag
                    .attributes
                    .iter()
                    .any(|(k, v)| k.as_slice() == b"type" && v.as_slice() == b"application/ld+json");
                if &*tag.name == b"script" && is_json {
                    in_json = Some(String::new());
                }
            }
            Token::String(s) => {
                if let Some(json) = &mut in_json {
                    json.push_str(&String::from_utf8_lossy(&s));
                }
            }
            Token::EndTag(tag) if &*tag.name == b"script" => {
                if let Some(json) = in_json.take() {
                    if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
                        problems.push(format!("{name}: JSON-LD does not parse: {e}"));
                    }
                }
            }
            Token::Error(e) => problems.push(format!("{name}: HTML error {e:?}")),
            _ => {}
        }
    }
}

/// True for a URL a browser would run as script or load as inline data, however padded.
fn runs_script(url: &str) -> bool {
    let squeezed: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let lower = squeezed.to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"].iter().any(|s| lower.starts_with(s))
}

/// The JSON-LD block of a page, parsed.
pub(crate) fn jsonld(html: &str) -> serde_json::Value {
    let start = html.find("<script type=\"application/ld+json\">").expect("page has JSON-LD") + 35;
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}
