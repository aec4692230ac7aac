//! The texts unit tests read whole from the repository: the seeds and the per-language test
//! documents (`tests/languages`).

use std::path::Path;

/// Each file of the repository folder `dir`, by file name, with its text, in name order.
pub fn texts_in(dir: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut texts: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    texts.sort();
    texts
}

/// The 24 language test documents, then the five seeds.
pub fn languages_and_seeds() -> Vec<String> {
    ["tests/languages", "seeds"].into_iter().flat_map(texts_in).map(|(_, text)| text).collect()
}
