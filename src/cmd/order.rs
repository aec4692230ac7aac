//! The order a run extracts its inputs in, without holding the corpus's list of files: inputs
//! are sorted in runs of `RUN_INPUTS`, each full run spilled to an unnamed temporary file, and
//! the runs merged as extraction takes them. A corpus of one run never touches the disk.

use std::fs::File;
use std::io::{BufReader, BufWriter, Seek};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cmd::extract::{Input, Shard};
use crate::error::Error;

/// Inputs sorted in memory at once: some 0.7 MB of paths, whatever the corpus. Each spilled
/// run costs its reader's 8 KiB buffer while the runs merge: 1 MB at a million documents.
const RUN_INPUTS: usize = 8 * 1024;

/// Inputs as they are found, kept in run order.
pub struct InputOrder {
    run_len: usize,
    shard: Option<Shard>,
    spill_dir: PathBuf,
    run: Vec<Input>,
    spilled: Vec<File>,
    /// The directories inputs were found under, named in spill files by their index here.
    roots: Vec<Arc<Path>>,
    count: usize,
    failed: Option<Error>,
}

impl InputOrder {
    /// Keeps `shard`'s inputs (all without one), spilling full runs into `spill_dir`.
    pub fn new(shard: Option<Shard>, spill_dir: &Path) -> InputOrder {
        InputOrder::with_run_len(RUN_INPUTS, shard, spill_dir)
    }

    fn with_run_len(run_len: usize, shard: Option<Shard>, spill_dir: &Path) -> InputOrder {
        InputOrder {
            run_len,
            shard,
            spill_dir: spill_dir.to_path_buf(),
            run: Vec::new(),
            spilled: Vec::new(),
            roots: Vec::new(),
            count: 0,
            failed: None,
        }
    }

    /// Adds one input found. An error spilling is kept for [`InputOrder::into_inputs`], and
    /// inputs found after it are dropped.
    pub fn push(&mut self, input: Input) {
        if self.failed.is_some() || self.shard.is_some_and(|s| !s.holds(input.order_key())) {
            return;
        }
        self.count += 1;
        self.run.push(input);
        if self.run.len() >= self.run_len
            && let Err(e) = self.spill()
        {
            self.failed = Some(e);
        }
    }

    /// Inputs kept.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    fn spill(&mut self) -> Result<(), Error> {
        let io = |e: std::io::Error| Error::io(&self.spill_dir, &e);
        sort(&mut self.run);
        let file = tempfile::tempfile_in(&self.spill_dir).map_err(io)?;
        let mut out = BufWriter::new(file);
        for input in self.run.drain(..) {
            input.spill(&mut self.roots, &mut out).map_err(io)?;
        }
        let mut file = out.into_inner().map_err(|e| io(e.into_error()))?;
        file.rewind().map_err(io)?;
        self.spilled.push(file);
        Ok(())
    }

    /// The inputs in run order.
    pub fn into_inputs(mut self) -> Result<Ordered, Error> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        sort(&mut self.run);
        // The last run is held until the run ends: none of the room a full one took.
        self.run.shrink_to_fit();
        let mut sources = vec![Source::Memory(self.run.into_iter())];
        sources.extend(self.spilled.into_iter().map(|f| Source::Spilled(BufReader::new(f))));
        let mut heads = Vec::with_capacity(sources.len());
        for source in &mut sources {
            heads.push(next_of(source, &self.roots, &self.spill_dir)?);
        }
        let ordered = Ordered { roots: self.roots, spill_dir: self.spill_dir, heads, sources };
        Ok(ordered)
    }
}

/// Sorts one run: by the hash of the source path, then the path. Each path is hashed once,
/// not twice at every comparison, which took 9 ms for a run of 8 Ki inputs before any document
/// was read.
fn sort(run: &mut Vec<Input>) {
    let mut keyed: Vec<(u64, Input)> = run.drain(..).map(|i| (i.order_key(), i)).collect();
    keyed.sort_by(|(ka, a), (kb, b)| (ka, &a.source_path).cmp(&(kb, &b.source_path)));
    run.extend(keyed.into_iter().map(|(_, i)| i));
}

enum Source {
    Memory(std::vec::IntoIter<Input>),
    Spilled(BufReader<File>),
}

/// The inputs of every run, merged: each next input is the least of the runs' heads.
pub struct Ordered {
    roots: Vec<Arc<Path>>,
    spill_dir: PathBuf,
    /// Each run's next input, with its order key.
    heads: Vec<Option<(u64, Input)>>,
    sources: Vec<Source>,
}

/// The next input of one run, with its order key.
fn next_of(
    source: &mut Source,
    roots: &[Arc<Path>],
    spill_dir: &Path,
) -> Result<Option<(u64, Input)>, Error> {
    let input = match source {
        Source::Memory(inputs) => inputs.next(),
        Source::Spilled(reader) => Input::unspill(roots, reader).map_err(|e| Error::io(spill_dir, &e))?,
    };
    Ok(input.map(|i| (i.order_key(), i)))
}

impl Iterator for Ordered {
    type Item = Result<Input, Error>;

    fn next(&mut self) -> Option<Result<Input, Error>> {
        let least = self
            .heads
            .iter()
            .enumerate()
            .filter_map(|(i, h)| h.as_ref().map(|(key, input)| (i, key, input)))
            .min_by(|(_, ka, a), (_, kb, b)| (ka, &a.source_path).cmp(&(kb, &b.source_path)))
            .map(|(i, _, _)| i)?;
        match next_of(&mut self.sources[least], &self.roots, &self.spill_dir) {
            Ok(next) => {
                let (_, input) = std::mem::replace(&mut self.heads[least], next)?;
                Some(Ok(input))
            }
            Err(e) => {
                self.heads.clear();
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each input's source path and the path it is read from.
    fn places(inputs: impl IntoIterator<Item = Input>) -> Vec<(String, Option<PathBuf>)> {
        inputs.into_iter().map(|i| (i.source_path.to_string(), i.path())).collect()
    }

    fn corpus(dir: &Path, count: usize) -> Vec<Input> {
        for i in 0..count {
            let sub = dir.join(format!("{:02}", i % 7));
            std::fs::create_dir_all(&sub).unwrap();
            std::fs::write(sub.join(format!("st{i:05}.txt")), "x").unwrap();
        }
        crate::cmd::extract::collect_inputs(&[dir.to_path_buf()], &mut Vec::new())
    }

    #[test]
    fn spilled_runs_merge_into_the_order_of_one_sort() {
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = corpus(dir.path(), 100);
        inputs.push(Input::file(Path::new("named/on the command line.txt")));
        inputs.push(Input::stdin());
        let mut whole = inputs.clone();
        sort(&mut whole);
        for run_len in [1, 3, 64, 1000] {
            let mut order = InputOrder::with_run_len(run_len, None, dir.path());
            inputs.iter().cloned().for_each(|i| order.push(i));
            assert_eq!(order.spilled.len(), inputs.len() / run_len, "{run_len}");
            assert_eq!(order.len(), inputs.len());
            // A spilled input comes back with its source path, read from where it was found.
            let merged = order.into_inputs().unwrap().map(Result::unwrap);
            assert_eq!(places(merged), places(whole.clone()), "{run_len}");
        }
    }

    #[test]
    fn a_shard_keeps_its_own_inputs_in_the_same_order() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = corpus(dir.path(), 50);
        let mut whole = inputs.clone();
        sort(&mut whole);
        let mut concatenated = Vec::new();
        for index in 1..=3 {
            let mut order = InputOrder::with_run_len(4, Some(Shard { index, count: 3 }), dir.path());
            inputs.iter().cloned().for_each(|i| order.push(i));
            concatenated.extend(places(order.into_inputs().unwrap().map(Result::unwrap)));
        }
        assert_eq!(concatenated, places(whole));
    }
}
