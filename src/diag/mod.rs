//! Diagnostics: what the author wrote wrong, where, and what to do about it.
//!
//! Every loaded file is registered in a [`SourceMap`]; problems are collected as
//! [`Diagnostic`]s carrying a byte span into one file. Line and column are only
//! computed when the diagnostics are printed, by `codespan-reporting`.

mod excerpt;
mod sources;

pub use sources::{FileId, SourceMap};

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::term;
use serde::{Deserialize, Serialize};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// The content is wrong; nothing is written.
    Error,
    /// Worth fixing, but the site still builds.
    Warning,
}

/// One problem in one place of one file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file the problem is in.
    pub file: FileId,
    /// Byte range of the offending text in that file.
    pub span: Range<usize>,
    /// What is wrong, in one line.
    pub message: String,
    /// What to do about it, and related places.
    pub help: Vec<String>,
}

impl Diagnostic {
    /// An error at `span` in `file`.
    pub fn error(file: FileId, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, file, span, message: message.into(), help: Vec::new() }
    }

    /// A warning at `span` in `file`.
    pub fn warning(file: FileId, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, span, message) }
    }

    /// Adds a `help:` line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// `error` or `warning`.
    pub fn severity_word(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// One line: `path:line:col: error: message`.
    pub fn short(&self, sources: &SourceMap) -> String {
        let (line, col) = sources.line_col(self.file, self.span.start);
        format!("{}:{line}:{col}: {}: {}", sources.name(self.file), self.severity_word(), self.message)
    }

    /// Its help lines, and a last one when its file changed while gloss was running,
    /// so that its place in the file could not be shown.
    fn help_in(&self, sources: &SourceMap) -> Vec<String> {
        let mut help = self.help.clone();
        if sources.changed(self.file) {
            help.push("the file changed while gloss ran, so its place is not shown: run gloss again".to_string());
        }
        help
    }

    /// The diagnostic as one JSON object (for `--format json`).
    pub fn to_json(&self, sources: &SourceMap) -> serde_json::Value {
        let (line, column) = sources.line_col(self.file, self.span.start);
        let (end_line, end_column) = sources.line_col(self.file, self.span.end.max(self.span.start));
        serde_json::json!({
            "severity": self.severity_word(),
            "file": sources.name(self.file),
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
            "message": self.message,
            "help": self.help_in(sources),
        })
    }
}

/// The problems found so far in one run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Records many problems.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }

    /// Every problem recorded, in the order found.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// True when at least one error (not warning) was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors and of warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.items.iter().filter(|d| d.severity == Severity::Error).count();
        (errors, self.items.len() - errors)
    }

    /// All diagnostics, sorted by file, position and message.
    pub fn sorted(&self, sources: &SourceMap) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| {
            (sources.name(a.file), a.span.start, &a.message).cmp(&(sources.name(b.file), b.span.start, &b.message))
        });
        v.dedup_by(|a, b| a.file == b.file && a.span == b.span && a.message == b.message);
        v
    }

    /// One JSON object per line, sorted like [`Diagnostics::print`].
    pub fn to_json_lines(&self, sources: &SourceMap) -> String {
        self.sorted(sources).iter().map(|d| format!("{}\n", d.to_json(sources))).collect()
    }

    /// The diagnostics as [`Diagnostics::print`] writes them, without colour.
    pub fn to_text(&self, sources: &SourceMap) -> String {
        let mut out = term::termcolor::NoColor::new(Vec::new());
        let _ = self.print(sources, &mut out);
        String::from_utf8_lossy(&out.into_inner()).into_owned()
    }

    /// Writes every error and the first few warnings of each kind like a compiler
    /// does, then how many warnings of each kind were left out, then a summary line.
    pub fn print(&self, sources: &SourceMap, out: &mut dyn term::termcolor::WriteColor) -> std::io::Result<()> {
        let config = term::Config { chars: term::Chars::ascii(), ..term::Config::default() };
        let mut shown: Vec<(String, usize)> = Vec::new();
        for d in self.sorted(sources) {
            if d.severity == Severity::Warning {
                let kind = warning_kind(&d.message);
                let seen = match shown.iter_mut().find(|(k, _)| *k == kind) {
                    Some((_, n)) => n,
                    None => {
                        shown.push((kind, 0));
                        &mut shown.last_mut().expect("just pushed").1
                    }
                };
                *seen += 1;
                if *seen > WARNINGS_SHOWN {
                    continue;
                }
            }
            let text = sources.text(d.file);
            let start = floor_char_boundary(text, d.span.start.min(text.len()));
            let end = floor_char_boundary(text, d.span.end.clamp(start, text.len()));
            let (shown, span) = excerpt::Excerpt::new(sources.name(d.file), text, start..end);
            term::emit(out, &config, &shown, &to_codespan(d, span, sources)).map_err(std::io::Error::other)?;
        }
        for (kind, n) in shown.iter().filter(|(_, n)| *n > WARNINGS_SHOWN) {
            let more = n - WARNINGS_SHOWN;
            writeln!(
                out,
                "… and {more} more {} like \"{kind}\"; --format json lists them all",
                plural_word(more, "warning")
            )?;
        }
        let (errors, warnings) = self.counts();
        if errors + warnings > 0 {
            writeln!(out, "{}, {}", plural(errors, "error"), plural(warnings, "warning"))?;
        }
        Ok(())
    }
}

fn to_codespan(d: &Diagnostic, span: Range<usize>, sources: &SourceMap) -> CsDiagnostic<()> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
    };
    CsDiagnostic::new(severity)
        .with_message(&d.message)
        .with_labels(vec![Label::primary((), span)])
        .with_notes(d.help_in(sources).iter().map(|h| format!("help: {h}")).collect())
}

/// How many warnings of one kind are printed; the others are counted.
const WARNINGS_SHOWN: usize = 5;

/// What kind of warning a message is: the message with its quoted names left out
/// (`quote '…' has no date or a source`).
fn warning_kind(message: &str) -> String {
    let mut kind = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        match (c, quoted) {
            ('\'', false) => {
                kind.push_str("'…'");
                quoted = true;
            }
            ('\'', true) => quoted = false,
            (_, true) => {}
            (c, false) => kind.push(c),
        }
    }
    kind
}

/// "warning" or "warnings", "entity" or "entities", by count.
pub(crate) fn plural_word(n: usize, word: &str) -> String {
    match word.strip_suffix('y') {
        _ if n == 1 => word.to_string(),
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{word}s"),
    }
}

/// "1 error", "2 warnings", "3 entities".
pub(crate) fn plural(n: usize, word: &str) -> String {
    format!("{n} {}", plural_word(n, word))
}

/// The largest char boundary at or below `i`.
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
