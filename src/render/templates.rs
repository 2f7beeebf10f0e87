//! Loading Tera templates: the built-in ones, each replaced by the site's file of the
//! same name when there is one. Content is never compiled as a template.

use anyhow::{Context, Result};
use tera::Tera;

use crate::load::AssetFile;
use crate::theme;

/// The template set for a site: built-ins layered under the site's `templates/`.
pub fn load(overrides: &[AssetFile]) -> Result<Tera> {
    let mut all: Vec<(String, String)> = theme::TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    for file in overrides {
        let text =
            std::fs::read_to_string(&file.path).with_context(|| format!("cannot read templates/{}", file.name))?;
        match all.iter_mut().find(|(n, _)| *n == file.name) {
            Some(slot) => slot.1 = text,
            None => all.push((file.name.clone(), text)),
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape);
    tera.add_raw_templates(all).map_err(|e| anyhow::anyhow!(error_chain(&e))).context("a template does not compile")?;
    Ok(tera)
}

/// Escapes `&`, `<`, `>` and `"` (Tera's default also rewrites `/`, which bloats URLs).
fn escape(s: &str) -> String {
    super::html::escape(s)
}

/// A Tera error with all its causes, which is where Tera puts the useful part.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
