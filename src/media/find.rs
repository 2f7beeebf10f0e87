//! Finding the file a written image path names: beside the article in its page
//! bundle first, then under `static/`; paths that leave the site or point at another
//! site name none.

use rustc_hash::FxHashMap;

use crate::diag::SourceMap;
use crate::load::StaticSource;

/// Looks up written image paths among the static and bundle files.
pub(crate) struct Finder<'a> {
    /// The files looked among.
    pub(crate) statics: &'a [StaticSource],
    by_name: FxHashMap<&'a str, usize>,
}

impl<'a> Finder<'a> {
    pub(crate) fn new(statics: &'a [StaticSource], sources: &'a SourceMap) -> Finder<'a> {
        let by_name = statics.iter().enumerate().map(|(i, s)| (sources.name(s.file), i)).collect();
        Finder { statics, by_name }
    }

    /// The static file `written` names for a text in the bundle `dir` (if any): beside
    /// the article first, then under `static/`.
    pub(crate) fn find(&self, dir: Option<&str>, written: &str) -> Result<usize, NotFound> {
        let path = clean(written).map_err(NotFound::Refused)?;
        let places: Vec<String> =
            dir.into_iter().map(|d| format!("{d}{path}")).chain([format!("static/{path}")]).collect();
        places.iter().find_map(|p| self.by_name.get(p.as_str()).copied()).ok_or_else(|| {
            let folders: Vec<&str> = places.iter().map(|p| p.strip_suffix(path.as_str()).unwrap_or(p)).collect();
            NotFound::Missing(format!("looked in {}", folders.join(" and ")))
        })
    }
}

/// Why a written image path names no file of the site.
pub(crate) enum NotFound {
    /// No such file; says where it was looked for.
    Missing(String),
    /// The path cannot name a file of the site (it leaves it, or is on another site); says why.
    Refused(String),
}

/// A written image path as a path inside the site: `./` and a leading `/` dropped.
fn clean(written: &str) -> Result<String, String> {
    if written.contains("://") || written.starts_with("//") {
        return Err("is on another site".into());
    }
    let trimmed = written.trim_start_matches("./").trim_start_matches('/');
    let parts: Vec<&str> = trimmed.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    if parts.is_empty() || parts.contains(&"..") || trimmed.contains('\\') || trimmed.contains(['?', '#']) {
        return Err("is not a path inside the site".into());
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_paths() {
        assert_eq!(clean("./img/map.png").as_deref(), Ok("img/map.png"));
        assert_eq!(clean("/map.png").as_deref(), Ok("map.png"));
        for bad in ["../secret.png", "https://example.org/a.png", "#", "a/../../b.png", ""] {
            assert!(clean(bad).is_err(), "{bad}");
        }
    }
}
