//! Loading Tera templates: the built-in ones, each replaced by the site's file of the
//! same name when there is one. Content is never compiled as a template.

use std::hash::{Hash, Hasher};

use tera::Tera;

use super::TemplateProblem;
use crate::load::AssetFile;
use crate::theme;

/// The template set for a site: built-ins layered under the site's `templates/`.
/// A template that does not compile is reported with its name and position.
/// Also returns a fingerprint of the templates' names and texts.
pub(crate) fn load(overrides: &[AssetFile]) -> Result<(Tera, u64), TemplateProblem> {
    let mut all: Vec<(String, String)> = theme::TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    for file in overrides {
        let text = std::fs::read_to_string(&file.path).map_err(|e| TemplateProblem {
            template: file.name.clone(),
            file: Some(file.path.clone()),
            line_col: None,
            message: format!("cannot read the template: {e}"),
        })?;
        match all.iter_mut().find(|(n, _)| *n == file.name) {
            Some(slot) => slot.1 = text,
            None => all.push((file.name.clone(), text)),
        }
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    all.hash(&mut hasher);
    let fingerprint = hasher.finish();
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default escaper also rewrites `/`, which bloats every URL.
    tera.set_escape_fn(super::html::escape);
    tera.add_raw_templates(all).map_err(|e| {
        let message = error_chain(&e);
        let template = between(&message, "Failed to parse '", "'").unwrap_or("templates/").to_string();
        let line_col = between(&message, "--> ", "\n").and_then(|lc| {
            let (l, c) = lc.trim().split_once(':')?;
            Some((l.parse().ok()?, c.parse().ok()?))
        });
        let file = overrides.iter().find(|f| f.name == template).map(|f| f.path.clone());
        let reason = message.rsplit_once("= ").map_or(message.as_str(), |(_, r)| r).trim();
        TemplateProblem { template, file, line_col, message: format!("the template does not compile: {reason}") }
    })?;
    Ok((tera, fingerprint))
}

/// The text of `s` between the first `start` and the next `end`.
fn between<'s>(s: &'s str, start: &str, end: &str) -> Option<&'s str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end).unwrap_or(s.len() - from);
    Some(&s[from..from + len])
}

/// A Tera error with all its causes, which is where Tera puts the useful part.
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
