//! What a build that was killed leaves beside the output: its staging folder
//! (`.<name>.gloss-new-<pid>`), and, if it died in the middle of the swap, the old
//! output moved aside (`.<name>.gloss-old-<pid>`). A later build puts a lone old
//! output back where it was and removes the rest, but only of processes that are no
//! longer running (on systems that cannot tell, it leaves them).

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

/// Clears what dead builds left beside `output` (named `name`, in `parent`); whether
/// it put an old output back in its place.
pub(crate) fn clear(parent: &Path, name: &str, output: &Path) -> Result<bool> {
    let Ok(entries) = fs::read_dir(parent) else { return Ok(false) };
    let mut restored = false;
    let (new, old) = (format!(".{name}.gloss-new-"), format!(".{name}.gloss-old-"));
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        let (retired, pid) = match (file_name.strip_prefix(&new), file_name.strip_prefix(&old)) {
            (Some(pid), _) => (false, pid.to_string()),
            (_, Some(pid)) => (true, pid.to_string()),
            _ => continue,
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir || !is_dead(&pid) {
            continue;
        }
        let path = entry.path();
        if retired && fs::symlink_metadata(output).is_err() {
            fs::rename(&path, output)
                .with_context(|| format!("cannot put the previous output back from {}", path.display()))?;
            restored = true;
        } else {
            fs::remove_dir_all(&path).with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    Ok(restored)
}

/// Whether process `pid` has ended; false when the system cannot tell.
fn is_dead(pid: &str) -> bool {
    let Ok(n) = pid.parse::<u32>() else { return false };
    let proc = Path::new("/proc");
    n != std::process::id() && proc.join("self").exists() && !proc.join(n.to_string()).exists()
}
