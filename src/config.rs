//! `site.yaml`: the site settings of FORMAT.md section 1.

use serde::{Deserialize, Serialize};

/// How plain-text mentions of entity and document names become links (FORMAT.md 4.3).
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum AutolinkMode {
    /// The first occurrence of each name per article.
    #[default]
    First,
    /// Every occurrence.
    All,
    /// None.
    None,
}

/// What a link that leads nowhere in the site is (FORMAT.md 8.5).
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum LinkPolicy {
    /// An error: nothing is written.
    #[default]
    Error,
    /// A warning: the site still builds.
    Warn,
}

/// The settings in `site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteConfig {
    /// Site title.
    pub(crate) title: String,
    /// Absolute URL the site is published at, ending in `/`.
    pub(crate) base_url: String,
    /// BCP 47 language tag.
    #[serde(default = "default_language")]
    pub(crate) language: String,
    /// One line for feeds and search engines.
    #[serde(default)]
    pub(crate) description: String,
    /// Default autolink mode for articles.
    #[serde(default)]
    pub(crate) autolink: AutolinkMode,
    /// Let raw HTML in article bodies through.
    #[serde(default)]
    pub(crate) raw_html: bool,
    /// Items per list page.
    #[serde(default = "default_paginate")]
    pub(crate) paginate: usize,
    /// Whether a link inside the site that leads nowhere is an error or a warning.
    #[serde(default)]
    pub(crate) links: LinkPolicy,
    /// URL prefixes and hosts that `check --external` never fetches.
    #[serde(default)]
    pub(crate) external_skip: Vec<String>,
}

fn default_language() -> String {
    "en".to_string()
}

fn default_paginate() -> usize {
    50
}

impl SiteConfig {
    /// Checks values serde cannot: the base URL's form and the page size.
    /// Returns the problems, each with the key it concerns.
    pub(crate) fn validate(&mut self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        let lower = self.base_url.to_ascii_lowercase();
        let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
        match rest {
            Some(r) if !r.is_empty() && !r.starts_with('/') && !self.base_url.contains(char::is_whitespace) => {
                if !self.base_url.ends_with('/') {
                    self.base_url.push('/');
                }
            }
            _ => problems.push((
                "base_url",
                format!(
                    "base_url '{}' must be an absolute http(s) URL such as https://example.org/news/",
                    self.base_url
                ),
            )),
        }
        if self.paginate == 0 {
            problems.push(("paginate", "paginate must be at least 1".to_string()));
        }
        if self.title.trim().is_empty() {
            problems.push(("title", "title must not be empty".to_string()));
        }
        problems
    }

    /// The path part of `base_url`, always starting and ending with `/` (`/news/`).
    pub(crate) fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, r)| r);
        match after_scheme.find('/') {
            Some(i) => after_scheme[i..].to_string(),
            None => "/".to_string(),
        }
    }
}
