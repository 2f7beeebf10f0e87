//! `gloss check --external`: every `http`/`https` URL the content links to is fetched
//! (HEAD, then GET where HEAD is refused), hosts in parallel and one request at a time
//! per host, with a timeout and retries. A URL that answered well within the last day
//! is not fetched again (the cache is `.gloss-cache/external-links.json` under the
//! site root); `external_skip` in `site.yaml` lists URLs and hosts never fetched. Each
//! failure is reported at every place the URL is written.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pulldown_cmark::{Event, Tag};
use rayon::prelude::*;

use crate::diag::{Diagnostic, SourceMap};
use crate::site::body::Node;
use crate::site::Site;

/// How long a good answer is trusted.
const CACHE_SECONDS: u64 = 24 * 60 * 60;
/// Attempts per URL after the first, for timeouts and server errors.
const RETRIES: usize = 2;
/// The cache file, under the site root.
const CACHE_FILE: &str = ".gloss-cache/external-links.json";

/// Fetches every external URL of `site` and returns a diagnostic for each place a
/// failing one is written.
pub(crate) fn check(site: &Site, sources: &SourceMap, root: &Path) -> Vec<Diagnostic> {
    let skip = &site.config.external_skip;
    let urls: Vec<String> = external_urls(site).into_iter().filter(|u| !skipped(u, skip)).collect();
    let cache_path = root.join(CACHE_FILE);
    let mut cache = read_cache(&cache_path);
    let now = now();
    let due: Vec<&String> =
        urls.iter().filter(|u| cache.get(*u).is_none_or(|&at| now.saturating_sub(at) > CACHE_SECONDS)).collect();
    let mut by_host: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for u in due {
        by_host.entry(host_of(u).to_string()).or_default().push(u);
    }
    let agent = ureq::AgentBuilder::new().timeout(timeout()).redirects(10).build();
    let results: Vec<(&String, Result<(), String>)> = by_host
        .into_par_iter()
        .flat_map_iter(|(_, urls)| urls.into_iter().map(|u| (u, fetch(&agent, u))).collect::<Vec<_>>())
        .collect();
    let mut found = Vec::new();
    for (url, result) in results {
        match result {
            Ok(()) => {
                cache.insert(url.clone(), now);
            }
            Err(why) => found.extend(places(sources, url).into_iter().map(|(file, span)| {
                Diagnostic::error(file, span, format!("external link '{url}' fails: {why}")).help(
                    "fix or remove the link; if the site refuses robots, list it under external_skip in site.yaml",
                )
            })),
        }
    }
    write_cache(&cache_path, &cache);
    found
}

/// How long one request may take (`GLOSS_EXTERNAL_TIMEOUT`, in seconds; 10 by default).
fn timeout() -> Duration {
    let secs = std::env::var("GLOSS_EXTERNAL_TIMEOUT").ok().and_then(|v| v.parse::<f64>().ok()).unwrap_or(10.0);
    Duration::from_secs_f64(secs.clamp(0.05, 120.0))
}

/// HEAD, then GET when HEAD is refused; server errors and timeouts are tried again.
fn fetch(agent: &ureq::Agent, url: &str) -> Result<(), String> {
    let mut last = String::new();
    for attempt in 0..=RETRIES {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(200 * attempt as u64));
        }
        let answer = match agent.head(url).call() {
            Err(ureq::Error::Status(405 | 501 | 403, _)) => agent.get(url).call(),
            other => other,
        };
        match answer {
            Ok(_) => return Ok(()),
            Err(ureq::Error::Status(code, _)) if code < 500 => return Err(format!("HTTP {code}")),
            Err(ureq::Error::Status(code, _)) => last = format!("HTTP {code}"),
            Err(ureq::Error::Transport(t)) => {
                last = format!("no answer ({})", t.message().map_or_else(|| t.kind().to_string(), str::to_string))
            }
        }
    }
    Err(last)
}

/// Whether `url` is in `skip`: a URL prefix, or a host (which also covers its subdomains).
fn skipped(url: &str, skip: &[String]) -> bool {
    let host = host_of(url);
    skip.iter().any(|s| {
        if s.contains("://") {
            url.starts_with(s.as_str())
        } else {
            host == s || host.ends_with(&format!(".{s}"))
        }
    })
}

/// The host (and port) of an absolute URL.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

fn is_external(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Every external URL of the site, sorted, each once: links and images in every
/// Markdown text, sources' `url`, entities' `same_as`.
fn external_urls(site: &Site) -> Vec<String> {
    let mut urls = Vec::new();
    let mut from_nodes = |nodes: &[Node]| {
        for n in nodes {
            if let Node::Event(e) = n {
                if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &**e {
                    urls.push(dest_url.to_string());
                }
            }
        }
    };
    for a in &site.articles {
        from_nodes(&a.body.nodes());
        a.summary.iter().chain(a.notes.iter().flatten()).for_each(|n| from_nodes(n));
    }
    for e in &site.entities {
        from_nodes(&e.body);
    }
    for d in &site.documents {
        from_nodes(&d.body);
        d.summaries.iter().flatten().for_each(|n| from_nodes(n));
    }
    urls.extend(site.articles.iter().flat_map(|a| a.meta.sources.iter().filter_map(|s| s.url.clone())));
    urls.extend(site.entities.iter().flat_map(|e| e.meta.same_as.iter().cloned()));
    urls.retain(|u| is_external(u));
    urls.sort();
    urls.dedup();
    urls
}

/// Where `url` is written in the content (or a template override).
fn places(sources: &SourceMap, url: &str) -> Vec<(usize, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    for (file, _, text) in sources.authored() {
        out.extend(text.match_indices(url).map(|(at, _)| (file, at..at + url.len())));
    }
    out
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The cache: when each URL last answered well.
fn read_cache(path: &Path) -> BTreeMap<String, u64> {
    std::fs::read_to_string(path).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default()
}

/// Writes the cache; a cache that cannot be written only costs requests next time.
fn write_cache(path: &Path, cache: &BTreeMap<String, u64>) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(text) = serde_json::to_string_pretty(cache) {
        let _ = std::fs::write(path, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skip_entries_are_prefixes_or_hosts() {
        let skip = vec!["twitter.com".to_string(), "https://example.org/private/".to_string()];
        assert!(skipped("https://twitter.com/x", &skip));
        assert!(skipped("https://mobile.twitter.com/x", &skip));
        assert!(skipped("https://example.org/private/a", &skip));
        assert!(!skipped("https://example.org/public/", &skip));
        assert!(!skipped("https://nottwitter.com/", &skip));
    }
}
