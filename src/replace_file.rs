//! Writing a file so that no reader ever sees it half written: the bytes go to a
//! temporary file beside it, which then takes its name. The build cache's entries and
//! the files of an output updated in place are written this way.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Puts `bytes` at `target` through a temporary file beside it (named after the file,
/// the process and the thread, so that writers running at once never share one), and
/// returns the new file's metadata. The temporary file is removed if the rename fails.
pub(crate) fn replace(target: &Path, bytes: &[u8]) -> io::Result<fs::Metadata> {
    let name = target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let thread = format!("{:?}", std::thread::current().id());
    let id: String = thread.chars().filter(char::is_ascii_digit).collect();
    let temporary = target.with_file_name(format!(".{name}.gloss-tmp-{}-{id}", std::process::id()));
    let written = fs::File::create(&temporary).and_then(|mut file| {
        file.write_all(bytes)?;
        file.metadata()
    });
    let meta = written.and_then(|meta| fs::rename(&temporary, target).map(|()| meta));
    if meta.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    meta
}
