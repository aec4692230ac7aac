//! Golden files: every seed extracted alone, every table's CSV compared byte for byte with
//! `tests/golden/<seed>/<table>.csv`. `UPDATE_GOLDEN=1 cargo test` rewrites them; review the
//! diff against the seed text before committing.

use crate::util::{TABLES, Workdir, root, seeds};

#[test]
fn every_seed_matches_its_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut mismatches = Vec::new();
    for seed in seeds() {
        let stem = seed.file_stem().unwrap().to_string_lossy().into_owned();
        let wd = Workdir::new();
        let name = seed.file_name().unwrap().to_string_lossy().into_owned();
        wd.write(&format!("in/{name}"), std::fs::read(&seed).unwrap());
        let out = wd.run(&["extract", "in", "--out", "out", "--quiet"]);
        assert!(out.status.success(), "{stem}: {}", String::from_utf8_lossy(&out.stderr));
        let golden_dir = root().join("tests/golden").join(&stem);
        for table in TABLES {
            let got = wd.read(&format!("out/{table}.csv"));
            let path = golden_dir.join(format!("{table}.csv"));
            if update {
                std::fs::create_dir_all(&golden_dir).unwrap();
                std::fs::write(&path, &got).unwrap();
                continue;
            }
            let want = std::fs::read_to_string(&path).unwrap_or_default();
            if got != want {
                mismatches.push(format!("{stem}/{table}.csv"));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "differs from golden (UPDATE_GOLDEN=1 to rewrite, then review): {mismatches:?}"
    );
}
