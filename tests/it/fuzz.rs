//! The fuzz targets' harness on stable: every seed and every input a fuzz run ever crashed
//! on (`fuzz/regressions/<target>/`) is replayed, plus random damage to the seeds.

use std::path::PathBuf;

use proptest::prelude::*;

#[path = "../../fuzz/harness.rs"]
mod harness;

fn inputs(kind: &str, target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(kind)
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        // `.gitkeep` holds an empty directory in git.
        .filter(|p| p.is_file() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let data = std::fs::read(&p).unwrap();
            (p, data)
        })
        .collect()
}

fn replay(target: &str, run: fn(&[u8])) {
    let seeds = inputs("seeds", target);
    assert!(!seeds.is_empty(), "no seeds for {target}");
    for (path, data) in seeds.into_iter().chain(inputs("regressions", target)) {
        let name = path.display().to_string();
        if std::panic::catch_unwind(|| run(&data)).is_err() {
            panic!("{name} fails");
        }
    }
}

#[test]
fn parse_fold_seeds_and_regressions() {
    replay("parse_fold", harness::parse_fold);
}

#[test]
fn rows_seeds_and_regressions() {
    replay("rows", harness::rows);
}

#[test]
fn config_files_seeds_and_regressions() {
    replay("config_files", harness::config_files);
}

/// A seed with a byte range overwritten by random bytes.
fn damaged(target: &'static str) -> impl Strategy<Value = Vec<u8>> {
    let seeds: Vec<Vec<u8>> = inputs("seeds", target)
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    (
        prop::sample::select(seeds),
        any::<prop::sample::Index>(),
        prop::collection::vec(any::<u8>(), 0..64),
    )
        .prop_map(|(mut seed, at, junk)| {
            let at = at.index(seed.len() + 1);
            let end = (at + junk.len()).min(seed.len());
            seed.splice(at..end, junk);
            seed
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn parse_fold_survives_damaged_seeds(data in damaged("parse_fold")) {
        harness::parse_fold(&data);
    }

    #[test]
    fn rows_read_alike_from_damaged_seeds(data in damaged("rows")) {
        harness::rows(&data);
    }

    #[test]
    fn config_files_survive_damaged_seeds(data in damaged("config_files")) {
        harness::config_files(&data);
    }
}
