//! Which gazetteer files a run loads, read once: the bundled ones (unless left out), then the
//! user's, in load order.

use super::load::{Gazetteer, bundled_files, read_tsv, tsv_files};
use crate::error::Result;
use std::borrow::Cow;
use std::path::PathBuf;

/// The gazetteer files of a run, with their text, in load order.
#[derive(Debug, Clone)]
pub struct Sources {
    /// How many of `files` are the bundled ones.
    bundled: usize,
    files: Vec<(String, Cow<'static, str>)>,
}

impl Sources {
    /// The bundled gazetteers (unless `no_bundled`), then every file below `extra`, read now.
    pub fn read(extra: &[PathBuf], no_bundled: bool) -> Result<Sources> {
        let mut files: Vec<(String, Cow<'static, str>)> = Vec::new();
        if !no_bundled {
            files.extend(bundled_files().map(|(l, c)| (l, Cow::Borrowed(c))));
        }
        let bundled = files.len();
        for p in extra {
            for f in tsv_files(p)? {
                let content = read_tsv(&f)?;
                files.push((f.display().to_string(), Cow::Owned(content)));
            }
        }
        Ok(Sources { bundled, files })
    }

    /// The bundled gazetteers alone.
    pub fn bundled() -> Sources {
        let files: Vec<_> = bundled_files()
            .map(|(l, c)| (l, Cow::Borrowed(c)))
            .collect();
        Sources {
            bundled: files.len(),
            files,
        }
    }

    /// Parses the files, in order.
    pub fn gazetteer(&self) -> Result<Gazetteer> {
        Gazetteer::from_files(&self.files)
    }

    /// How many of the files are the bundled ones (whose text the build already fixes).
    pub(crate) fn bundled_count(&self) -> usize {
        self.bundled
    }

    /// The user's files, as (label, text), in load order.
    pub(crate) fn user_files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files[self.bundled..]
            .iter()
            .map(|(l, c)| (l.as_str(), c.as_ref()))
    }
}
