//! The Tera templates a site renders with, compiled once per run from the sources that
//! load registered (built-in templates and the site's overrides). Content is never
//! compiled as a template. Problems become diagnostics at the template's own lines.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use std::sync::Arc;

use tera::Tera;

use super::output::OutputFile;
use crate::diag::{Diagnostic, FileId, SourceMap};
use crate::load::TemplateSource;

/// Room made for a page before rendering it: most pages fit, so the buffer is not
/// grown and copied on the way.
const PAGE_BUFFER: usize = 48 * 1024;

/// The compiled templates, with the file each came from.
pub(crate) struct Templates {
    /// The template set.
    pub(crate) tera: Tera,
    /// A fingerprint of every template's name and text.
    pub(crate) fingerprint: u64,
    /// Where each template is in the source map, and whether it is built in.
    files: HashMap<String, (FileId, bool)>,
}

impl Templates {
    /// Compiles `list`, whose texts are in `sources`. A template that does not compile
    /// is an error at its line and column.
    pub(crate) fn load(list: &[TemplateSource], sources: &SourceMap) -> Result<Templates, Diagnostic> {
        let all: Vec<(&str, &str)> = list.iter().map(|t| (t.name.as_str(), sources.text(t.file))).collect();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        all.hash(&mut hasher);
        let files = list.iter().map(|t| (t.name.clone(), (t.file, t.built_in))).collect();
        let mut templates = Templates { tera: Tera::default(), fingerprint: hasher.finish(), files };
        templates.tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's default escaper also rewrites `/`, which bloats every URL.
        templates.tera.set_escape_fn(crate::text::escape_html);
        if let Err(e) = templates.tera.add_raw_templates(all) {
            let message = error_chain(&e);
            let name = between(&message, "Failed to parse '", "'").unwrap_or("").to_string();
            let line_col = between(&message, "--> ", "\n").and_then(|lc| {
                let (l, c) = lc.trim().split_once(':')?;
                Some((l.parse().ok()?, c.parse().ok()?))
            });
            let reason = message.rsplit_once("= ").map_or(message.as_str(), |(_, r)| r).trim();
            let (file, built_in) = templates.files.get(&name).copied().unwrap_or((0, true));
            let at = line_col.map_or(0, |(line, col)| sources.offset_at(file, line, col));
            return Err(with_help(
                Diagnostic::error(file, at..at, format!("the template does not compile: {reason}")),
                built_in,
            ));
        }
        Ok(templates)
    }

    /// Renders `path` with `template`, the characters XML and HTML forbid replaced
    /// (see [`crate::text::allowed_char`]) whatever the content put into it.
    pub(crate) fn render(&self, template: &str, ctx: &tera::Context, path: &str) -> Result<OutputFile, Diagnostic> {
        let mut bytes = Vec::with_capacity(PAGE_BUFFER);
        self.tera.render_to(template, ctx, &mut bytes).map_err(|e| self.render_error(template, path, &e))?;
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => match crate::text::only_allowed(&text) {
                std::borrow::Cow::Borrowed(_) => text.into_bytes(),
                std::borrow::Cow::Owned(clean) => clean.into_bytes(),
            },
            Err(e) => e.into_bytes(),
        };
        Ok(OutputFile { path: path.to_string(), bytes: Arc::new(bytes) })
    }

    /// The diagnostic for `template` failing to render `path`.
    fn render_error(&self, template: &str, path: &str, e: &tera::Error) -> Diagnostic {
        let (file, built_in) = self.files.get(template).copied().unwrap_or((0, true));
        with_help(Diagnostic::error(file, 0..0, format!("rendering {path}: {}", error_chain(e))), built_in)
    }
}

/// What to do about a template problem, which depends on whose template it is.
fn with_help(d: Diagnostic, built_in: bool) -> Diagnostic {
    if built_in {
        d.help("a built-in template failed: check the site's overrides that it includes or extends")
    } else {
        d.help("fix the template, or delete the override to use the built-in one")
    }
}

/// The text of `s` between the first `start` and the next `end`.
fn between<'s>(s: &'s str, start: &str, end: &str) -> Option<&'s str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end).unwrap_or(s.len() - from);
    Some(&s[from..from + len])
}

/// A Tera error with all its causes, which is where Tera puts the useful part.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
