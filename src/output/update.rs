//! `build`'s sink: each file, as rendering hands it over, is summed and
//! compared with what the output folder holds; only a file that is new or
//! has other bytes is written, into the staging folder. Nothing in the
//! output changes until [`Update::finish`], once everything is rendered
//! and checked.

use super::apply::{self, Changes, Staged};
use super::previous::{Found, Previous};
use super::record::{Record, Sum, is_reserved};
use super::staging::{Place, Staging};
use crate::diagnostics::{Diagnostic, display_path};
use crate::sink::{Carried, Sink, Writer, file_error};
use crate::source::statics::Statics;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// A build of the output folder under way.
pub struct Update {
    output: PathBuf,
    /// What the folder held; `None` if there was no folder, in which case
    /// the staging folder becomes the output whole.
    previous: Option<Previous>,
    staging: Staging,
    /// Every file of the build so far: its sum, and where it was staged if
    /// it was.
    files: Mutex<HashMap<String, (Sum, Option<Place>)>>,
    /// The digest of what each page was made from, where it is known.
    inputs: Mutex<HashMap<String, u128>>,
    /// The digest of the site all the files were made from, and what was
    /// said of its data files, once the build says so.
    site: Mutex<Option<(u128, Vec<String>)>>,
    /// Whether a file had to be read to be found unchanged: the record is
    /// then written again, so that the next build need not.
    read: AtomicBool,
}

/// Whether and how a file is to be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// It is there already.
    Nothing,
    /// Over a file of Annals' own: staged aside.
    Replace,
    /// Where there is none: staged in the tree.
    Write,
}

impl Need {
    fn aside(self) -> bool {
        self == Need::Replace
    }
}

impl Update {
    /// Starts a build into `output`, an absolute path from
    /// [`super::check_target`]; `shown` is how the author named it.
    pub fn new(output: &Path, shown: &Path) -> Result<Update, Diagnostic> {
        let previous = Previous::read(output, shown)?;
        let staging = Staging::new(output)?;
        if previous.is_none() {
            // Everything is written: fail now, not once per file.
            staging.dir()?;
        }
        Ok(Update {
            output: output.to_path_buf(),
            previous,
            staging,
            files: Mutex::default(),
            inputs: Mutex::default(),
            site: Mutex::default(),
            read: AtomicBool::new(false),
        })
    }

    /// Whether the file at `path`, of sum `sum`, must be written.
    fn need(&self, path: &str, sum: Sum) -> Result<Need, Diagnostic> {
        if is_reserved(path) {
            return Err(Diagnostic::new(
                Some(&display_path(&self.output.join(path))),
                "this is the name of Annals' record of the files it wrote",
            )
            .help("rename the file"));
        }
        let Some(previous) = &self.previous else {
            return Ok(Need::Write);
        };
        Ok(match previous.judge(path, sum)? {
            Found::Same { read } => {
                if read {
                    self.read.store(true, Ordering::Relaxed);
                }
                Need::Nothing
            }
            Found::Replace => Need::Replace,
            Found::Write => Need::Write,
        })
    }

    /// Notes the file at `path` as part of the build; returns where the
    /// file noted before at that path was staged, if it was.
    fn take(&self, path: &str, sum: Sum, place: Option<Place>) -> Option<Place> {
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files
            .insert(path.to_string(), (sum, place))
            .and_then(|(_, place)| place)
    }

    /// Notes that the file at `path` was made from inputs of digest `inputs`.
    fn made_from(&self, path: &str, inputs: u128) {
        let mut all = self.inputs.lock().unwrap_or_else(|p| p.into_inner());
        all.insert(path.to_string(), inputs);
    }

    /// Adds the files of `static/` (a static file replaces a generated one
    /// of the same path), then, if anything differs from what the output
    /// holds, brings the output to the new build: see [`apply`].
    pub fn finish(self, statics: &Statics) -> Result<Changes, Vec<Diagnostic>> {
        self.add_statics(statics).map_err(|d| vec![d])?;
        let files = self.files.into_inner().unwrap_or_else(|p| p.into_inner());
        let mut staged = Staged::default();
        for (path, (_, place)) in &files {
            match place {
                Some(Place::Aside(n)) => staged.aside.push((path.clone(), *n)),
                Some(Place::Tree) => staged.new += 1,
                None => {}
            }
        }
        let mut inputs = self.inputs.into_inner().unwrap_or_else(|p| p.into_inner());
        // A static file that replaces a page was not made from the page's
        // inputs.
        let replaced: std::collections::HashSet<&str> =
            statics.files.iter().map(|f| f.path.as_str()).collect();
        inputs.retain(|path, _| !replaced.contains(path.as_str()));
        let (site, notes) = match self.site.into_inner().unwrap_or_else(|p| p.into_inner()) {
            Some((site, notes)) => (Some(site), notes),
            None => (None, Vec::new()),
        };
        let record = Record {
            site,
            notes,
            files: files
                .into_iter()
                .map(|(path, (sum, _))| (path, sum))
                .collect(),
            inputs: inputs.into_iter().collect(),
            folders: statics.folders.iter().cloned().collect(),
        };
        let read = self.read.load(Ordering::Relaxed);
        apply::apply(
            &self.output,
            self.previous.as_ref(),
            self.staging,
            &record,
            staged,
            read,
        )
    }

    /// Adds the files and folders of `static/`.
    fn add_statics(&self, statics: &Statics) -> Result<(), Diagnostic> {
        let needs: Vec<_> = statics
            .files
            .par_iter()
            .map(|file| {
                let sum = Sum::of_file(&file.source)
                    .map_err(|e| file_error("cannot read", &file.source, e))?;
                Ok((sum, self.need(&file.path, sum)?))
            })
            .collect::<Result<_, Diagnostic>>()?;
        for (file, (sum, need)) in statics.files.iter().zip(needs) {
            let place = match need {
                Need::Nothing => None,
                _ => Some(self.staging.copy(&file.path, &file.source, need.aside())?),
            };
            // A page of the same path, staged already, is not published.
            if let Some(page) = self.take(&file.path, sum, place)
                && Some(page) != place
            {
                self.staging.remove(&file.path, page);
            }
        }
        for folder in &statics.folders {
            let there = std::fs::symlink_metadata(self.output.join(folder));
            if self.previous.is_none() || !there.is_ok_and(|m| m.is_dir()) {
                self.staging.folder(folder)?;
            }
        }
        Ok(())
    }
}

impl Sink for Update {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let sum = Sum::of(bytes);
        let place = match self.need(path, sum)? {
            Need::Nothing => None,
            need => Some(self.staging.write(path, bytes, need.aside())?),
        };
        self.take(path, sum, place);
        Ok(())
    }

    fn unchanged(&self, path: &str, inputs: u128) -> bool {
        let Some(sum) = self
            .previous
            .as_ref()
            .and_then(|p| p.made_from(path, inputs))
        else {
            return false;
        };
        self.take(path, sum, None);
        self.made_from(path, inputs);
        true
    }

    fn put_made_from(&self, path: &str, bytes: &[u8], inputs: u128) -> Result<(), Diagnostic> {
        self.put(path, bytes)?;
        self.made_from(path, inputs);
        Ok(())
    }

    fn carry_over(&self, site: u128) -> Option<Carried> {
        let previous = self.previous.as_ref()?;
        let manifest = previous.manifest();
        if manifest.site != Some(site) || previous.has_journal() || previous.adopting() {
            return None;
        }
        // Every file the build made, as it left it.
        let made: Vec<(&String, &u128)> = manifest.inputs.iter().collect();
        let sums: Vec<Sum> = made
            .par_iter()
            .map(|(path, inputs)| previous.made_from(path, **inputs))
            .collect::<Option<_>>()?;
        for ((path, inputs), sum) in made.iter().zip(sums) {
            self.take(path, sum, None);
            self.made_from(path, **inputs);
        }
        self.made(site, &manifest.notes);
        Some(Carried {
            paths: made.into_iter().map(|(path, _)| path.clone()).collect(),
            notes: manifest.notes.clone(),
        })
    }

    fn made(&self, site: u128, notes: &[String]) {
        // Data files and assets were made from the site as a whole.
        let files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        let mut inputs = self.inputs.lock().unwrap_or_else(|p| p.into_inner());
        for path in files.keys() {
            if !inputs.contains_key(path) {
                inputs.insert(path.clone(), site);
            }
        }
        *self.site.lock().unwrap_or_else(|p| p.into_inner()) = Some((site, notes.to_vec()));
    }

    /// Writes what `write` writes into the staging folder, summing it on
    /// the way, and takes the staged file back if the output has those
    /// bytes already: a large file is made once and never held whole.
    fn put_with(&self, path: &str, write: &mut Writer) -> Result<(), Diagnostic> {
        // Beside a file of the output, or in the tree where there is none.
        let aside = self.previous.is_some()
            && std::fs::symlink_metadata(self.output.join(path)).is_ok_and(|m| m.is_file());
        if !aside {
            // Only the check of the name before the tree is written into.
            self.need(path, Sum::of(&[]))?;
        }
        let (written, place) = self.staging.write_with(path, write, aside)?;
        let need = self.need(path, written)?;
        if need == Need::Nothing || need.aside() != aside {
            self.staging.remove(path, place);
        }
        match need {
            Need::Nothing => self.take(path, written, None),
            need if need.aside() == aside => self.take(path, written, Some(place)),
            // The output changed under the build: staged again, where the
            // output now calls for.
            need => {
                let (again, place) = self.staging.write_with(path, write, need.aside())?;
                if again != written {
                    let why = std::io::Error::other("its writer wrote other bytes the second time");
                    return Err(file_error("cannot write", Path::new(path), why));
                }
                self.take(path, again, Some(place))
            }
        };
        Ok(())
    }
}
