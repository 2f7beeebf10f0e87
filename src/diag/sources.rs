//! The text of every file a run read, by [`FileId`], for diagnostics to point into.
//!
//! A one-off build needs the content texts only for diagnostics once they are parsed,
//! and at archive scale they are a tenth of its memory: [`SourceMap::release`] lets
//! them go, remembering where each came from and the hash of what was read. A
//! diagnostic that later needs one reads the file again; a file that changed since is
//! shown by its name only, so no position ever points into the wrong text.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Identifies one file in the [`SourceMap`].
pub type FileId = usize;

/// How a released file is read again: the same reading and clean-up as the first time.
pub(crate) type Reread = fn(&Path) -> Option<String>;

/// The text of every file gloss read, by [`FileId`], with display names relative to the site root.
///
/// Saved (with the build state) as every file's name, and for a file read from disk its
/// path and the hash of its text, for any other its text: loaded again, the texts read
/// from disk are released, read again when a diagnostic needs one (call
/// [`SourceMap::release`] to say how).
#[derive(Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    reread: Option<Reread>,
}

/// One registered file.
struct SourceFile {
    /// Display name, relative to the site root.
    name: String,
    /// The text, unless released and not yet needed again.
    text: OnceLock<String>,
    /// Where the file is on disk, for files that may be released.
    path: Option<PathBuf>,
    /// Once released, the hash of the text as first read.
    released: Option<blake3::Hash>,
    /// Read again after a release, and found changed or gone.
    changed: AtomicBool,
}

/// One file as the build state holds it.
#[derive(Serialize, Deserialize)]
struct SavedFile<'a> {
    name: std::borrow::Cow<'a, str>,
    path: Option<std::borrow::Cow<'a, Path>>,
    /// The text of a file not read from disk.
    text: Option<std::borrow::Cow<'a, str>>,
    /// The hash of the text of a file read from disk.
    hash: Option<[u8; 32]>,
}

impl Serialize for SourceMap {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.files.iter().map(|f| {
            let hash = f.released.or_else(|| f.text.get().map(|t| blake3::hash(t.as_bytes())));
            SavedFile {
                name: f.name.as_str().into(),
                path: f.path.as_deref().map(Into::into),
                text: f.path.is_none().then(|| f.text.get().map_or("", String::as_str).into()),
                hash: f.path.as_ref().and(hash).map(|h| *h.as_bytes()),
            }
        }))
    }
}

impl<'de> Deserialize<'de> for SourceMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let saved: Vec<SavedFile<'static>> = Vec::deserialize(d)?;
        let files = saved
            .into_iter()
            .map(|f| SourceFile {
                name: f.name.into_owned(),
                text: f.text.map(|t| OnceLock::from(t.into_owned())).unwrap_or_default(),
                path: f.path.map(std::borrow::Cow::into_owned),
                released: f.hash.map(blake3::Hash::from_bytes),
                changed: AtomicBool::new(false),
            })
            .collect();
        Ok(SourceMap { files, reread: None })
    }
}

impl SourceMap {
    /// Registers a file's text under a display name and returns its id.
    pub fn add(&mut self, name: String, text: String) -> FileId {
        self.push(name, text, None)
    }

    /// Registers the text read from `path`, which [`SourceMap::release`] may let go.
    pub(crate) fn add_read(&mut self, name: String, text: String, path: &Path) -> FileId {
        self.push(name, text, Some(path.to_path_buf()))
    }

    fn push(&mut self, name: String, text: String, path: Option<PathBuf>) -> FileId {
        let changed = AtomicBool::new(false);
        self.files.push(SourceFile { name, text: OnceLock::from(text), path, released: None, changed });
        self.files.len() - 1
    }

    /// Lets go of the texts of the files registered with [`SourceMap::add_read`], also
    /// of those read again since an earlier release; [`SourceMap::text`] reads one
    /// again with `reread` when it is asked for.
    pub(crate) fn release(&mut self, reread: Reread) {
        self.reread = Some(reread);
        self.files.par_iter_mut().filter(|f| f.path.is_some()).for_each(|f| {
            if let Some(text) = f.text.take() {
                f.released.get_or_insert_with(|| blake3::hash(text.as_bytes()));
            }
        });
    }

    /// The text of a registered file (empty for an unknown id, and for a released file
    /// that can no longer be read as it was).
    pub fn text(&self, id: FileId) -> &str {
        let Some(file) = self.files.get(id) else { return "" };
        file.text.get_or_init(|| {
            let again = file.path.as_deref().zip(self.reread).and_then(|(path, reread)| reread(path));
            let same = again.filter(|t| Some(blake3::hash(t.as_bytes())) == file.released);
            file.changed.store(same.is_none(), Ordering::Relaxed);
            same.unwrap_or_default()
        })
    }

    /// The text of a registered file for a moment: borrowed while the map holds it; a
    /// released file is read again for the caller alone and not kept (empty when it
    /// can no longer be read as it was). Resolving points diagnostics into thousands of
    /// released files, once or twice each: kept, their texts would all be held again.
    pub(crate) fn passing_text(&self, id: FileId) -> Cow<'_, str> {
        let Some(file) = self.files.get(id) else { return Cow::Borrowed("") };
        if let Some(text) = file.text.get() {
            return Cow::Borrowed(text);
        }
        let again = file.path.as_deref().zip(self.reread).and_then(|(path, reread)| reread(path));
        Cow::Owned(again.filter(|t| Some(blake3::hash(t.as_bytes())) == file.released).unwrap_or_default())
    }

    /// Whether the file's text was released and, read again, was no longer what it
    /// was (so a diagnostic can only name the file).
    pub(crate) fn changed(&self, id: FileId) -> bool {
        self.text(id);
        self.files.get(id).is_some_and(|f| f.changed.load(Ordering::Relaxed))
    }

    /// The files authors wrote, as (id, whether it is a template override, text): the
    /// content files and the site's own templates, not the built-in ones, output
    /// pages or `site.yaml`.
    pub(crate) fn authored(&self) -> impl Iterator<Item = (FileId, bool, &str)> {
        self.files.iter().enumerate().filter_map(|(id, f)| {
            let template = f.name.starts_with("templates/") && !f.name.ends_with("(built in)");
            (template || f.name.starts_with("content/")).then(|| (id, template, self.text(id)))
        })
    }

    /// The display name of a registered file.
    pub fn name(&self, id: FileId) -> &str {
        self.files.get(id).map_or("", |f| f.name.as_str())
    }

    /// The byte offset of one-based `line` and `col` (in characters) in a file, clamped
    /// to the file.
    pub(crate) fn offset_at(&self, id: FileId, line: usize, col: usize) -> usize {
        let text = self.text(id);
        let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
        let line_start = line_start.min(text.len());
        let line_text = text[line_start..].split('\n').next().unwrap_or("");
        line_start + line_text.char_indices().nth(col.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i)
    }

    /// One-based line and column of a byte offset in a file.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        let text = self.text(id);
        let offset = super::floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = text[line_start..offset].chars().count() + 1;
        (line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> Option<String> {
        std::fs::read_to_string(path).ok()
    }

    #[test]
    fn a_released_text_is_read_again_unless_the_file_changed_since() {
        let dir = std::env::temp_dir().join(format!("gloss-sources-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary folder");
        let (same, changed) = (dir.join("same.md"), dir.join("changed.md"));
        std::fs::write(&same, "one\ntwo ü\n").expect("write");
        std::fs::write(&changed, "alpha\n").expect("write");
        let mut sources = SourceMap::default();
        let a = sources.add_read("content/same.md".into(), "one\ntwo ü\n".into(), &same);
        let b = sources.add_read("content/changed.md".into(), "alpha\n".into(), &changed);
        let kept = sources.add("templates/page.html".into(), "<p>".into());
        sources.release(read);
        std::fs::write(&changed, "beta, longer than before\n").expect("write");

        assert_eq!(sources.text(a), "one\ntwo ü\n");
        assert_eq!(sources.line_col(a, 8), (2, 5));
        assert_eq!(sources.text(b), "", "a changed file must not be shown as if it were the one read");
        assert!(sources.changed(b) && !sources.changed(a) && !sources.changed(kept));
        assert_eq!(sources.name(b), "content/changed.md");
        assert_eq!(sources.text(kept), "<p>");
        let mut diags = crate::diag::Diagnostics::default();
        diags.push(crate::diag::Diagnostic::warning(b, 2..4, "something"));
        diags.push(crate::diag::Diagnostic::warning(a, 4..7, "else"));
        let report = diags.to_text(&sources);
        assert_eq!(report.matches("the file changed while gloss ran").count(), 1, "{report}");
        assert!(report.contains("content/same.md:2:1") && report.contains("two ü"), "{report}");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_file_replaced_by_a_pipe_or_a_link_is_not_read_again() {
        let dir = std::env::temp_dir().join(format!("gloss-sources-pipe-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary folder");
        let (piped, linked, elsewhere) = (dir.join("piped.md"), dir.join("linked.md"), dir.join("elsewhere.md"));
        for p in [&piped, &linked, &elsewhere] {
            std::fs::write(p, "same\n").expect("write");
        }
        let mut sources = SourceMap::default();
        let a = sources.add_read("content/piped.md".into(), "same\n".into(), &piped);
        let b = sources.add_read("content/linked.md".into(), "same\n".into(), &linked);
        sources.release(crate::load::reread);
        std::fs::remove_file(&piped).expect("remove");
        let fifo = std::ffi::CString::new(piped.to_string_lossy().as_bytes()).expect("path");
        // SAFETY: `fifo` is a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0, "mkfifo");
        std::fs::remove_file(&linked).expect("remove");
        std::os::unix::fs::symlink(&elsewhere, &linked).expect("symlink");

        assert_eq!((sources.text(a), sources.changed(a)), ("", true), "a pipe would block the read");
        assert_eq!((sources.text(b), sources.changed(b)), ("", true), "a link is not followed");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
