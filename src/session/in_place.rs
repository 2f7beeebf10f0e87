//! `gloss build` after an edit: when the build state that the last build saved is
//! valid for this one and only articles changed since, the edits are applied to that
//! build's run as `serve` applies them, and only the output files whose bytes changed
//! are written, in place. Otherwise the whole pipeline runs, and saves a new state.

use std::path::Path;

use super::state::{self, Key, Parts};
use super::{update, Compiled, Inputs, Session};
use crate::load::LoadOptions;
use crate::render::{BuildCache, RenderCache, Rendered};
use crate::write::{Committed, InPlace};

/// Applies the changes to `inputs` since the last build to its output at `output`, in
/// place; `Ok(None)` when this build must run the whole pipeline. `Err` is an I/O
/// failure while writing.
pub(crate) fn update_in_place(opts: &LoadOptions, output: &Path, inputs: &Inputs) -> anyhow::Result<Option<Compiled>> {
    // The state's key first: without a state for this build, the output's manifest
    // is not read here (the full build reads it).
    let key = Key::new(opts, output);
    let Some((manifest, hashes)) = state::recorded(&opts.root, &key) else { return Ok(None) };
    let Some(mut target) = InPlace::open(output)? else { return Ok(None) };
    if target.manifest_hash() != manifest {
        return Ok(None);
    }
    let Some(mut folders) = state::folders(&opts.root, &hashes) else { return Ok(None) };
    // Whether anyone changed the output since is asked while the state loads.
    let (saved, intact) = rayon::join(|| state::load(&opts.root, &hashes), || target.intact(&folders));
    crate::timings::lap("state");
    let (Some(saved), true) = (saved, intact) else { return Ok(None) };
    let paths = saved.inputs.changed(inputs, &opts.root);
    let mut kept = saved.kept;
    kept.attach();
    let Ok(mut cache) = RenderCache::restored(saved.reads, &kept.site, &kept.sources) else { return Ok(None) };
    crate::timings::lap("attach");
    let build_cache = BuildCache::new(Some(opts.root.join(".gloss-cache")));
    let outcome = update::articles(&mut kept, opts, &paths, &target, (&mut cache, &build_cache));
    crate::timings::lap("update");
    let rendered = match outcome {
        update::Outcome::NotApplicable => return Ok(None),
        update::Outcome::Failed { diags, .. } => {
            return Ok(Some(Compiled {
                sources: kept.sources,
                diagnostics: diags,
                site: Some(kept.site),
                rendered: None,
            }))
        }
        update::Outcome::Done { diags, files, gone } if files.is_empty() && gone.is_empty() && paths.is_empty() => {
            (diags, Rendered { pages: kept.facts.len(), ..Rendered::default() })
        }
        update::Outcome::Done { diags, files, gone } => {
            state::discard(&opts.root)?;
            target.apply(&files, &gone)?;
            target.refresh(&mut folders, &files, &gone);
            crate::timings::lap("commit");
            // A state that cannot be saved only costs the next build its shortcut.
            let (key, manifest, reads) = (&key, target.manifest_hash(), cache.index());
            let _ = state::save(&opts.root, &Parts { key, manifest, folders: &folders, inputs, kept: &kept, reads });
            crate::timings::lap("save");
            (diags, Rendered { pages: kept.facts.len(), ..Rendered::default() })
        }
    };
    let (diagnostics, rendered) = rendered;
    Ok(Some(Compiled { sources: kept.sources, diagnostics, site: Some(kept.site), rendered: Some(rendered) }))
}

impl Session {
    /// After a good run of a [`Session::saving`] session whose output at `output` was
    /// `committed`, saves the build state for the next build; `inputs` are the input
    /// files as this build found them before it read any. Gives `compiled` back.
    pub(crate) fn save_state(
        &mut self,
        compiled: Compiled,
        (output, committed): (&Path, &Committed),
        inputs: &Inputs,
    ) -> Compiled {
        let Some(saving) = self.saving.take() else { return compiled };
        let key = Key::new(&self.opts, output);
        let (key, manifest, folders) = (&key, committed.manifest_hash.as_str(), &committed.folders());
        let (compiled, _) =
            self.save(compiled, |kept, reads| saving.finish(&Parts { key, manifest, folders, inputs, kept, reads }));
        crate::timings::lap("save");
        compiled
    }
}
