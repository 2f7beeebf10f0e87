//! Reading a site's text files: the size limit, UTF-8, the byte-order mark, and the
//! path a file is shown under in diagnostics.

use std::path::Path;

/// Files larger than this are refused rather than read.
pub(crate) const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a UTF-8 text file (at most [`MAX_FILE_BYTES`]), dropping a leading BOM.
pub(crate) fn read_text(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file too large ({} bytes; the limit is {MAX_FILE_BYTES}): split it into smaller files",
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| format!("invalid UTF-8 at byte {}: save the file as UTF-8", e.utf8_error().valid_up_to()))?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(t) => t.to_string(),
        None => text,
    })
}

/// A path as shown in diagnostics: relative to the site root, `/`-separated.
pub(crate) fn display_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
