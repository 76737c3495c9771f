//! Every test file is compiled: a `.rs` file or directory module here that `main.rs` (or its
//! parent module) does not declare with `mod NAME;` would never run, and never fail.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The names a module file declares with `mod NAME;`, attributes such as `#[cfg(unix)]` before
/// them allowed. Inline modules (`mod tests { … }`) and commented-out lines do not count.
fn declared(root: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(root).unwrap_or_else(|e| panic!("{}: {e}", root.display()));
    text.lines()
        .filter_map(|line| {
            let mut rest = line.trim();
            // Attributes on the same line: `#[cfg(unix)] mod signals;`.
            while rest.starts_with("#[") {
                rest = rest[rest.find(']')? + 1..].trim_start();
            }
            for vis in ["pub(crate) ", "pub(super) ", "pub "] {
                rest = rest.strip_prefix(vis).unwrap_or(rest);
            }
            let name = rest.strip_prefix("mod ")?.strip_suffix(';')?.trim();
            Some(name.to_string())
        })
        .collect()
}

fn has_rust(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().any(|e| {
        let p = e.unwrap().path();
        if p.is_dir() {
            has_rust(&p)
        } else {
            p.extension().is_some_and(|x| x == "rs")
        }
    })
}

/// Files and directories under `dir` holding Rust that the module file `root` (whose children
/// live in `dir`) does not declare, searched through the declared directory modules too.
fn undeclared(dir: &Path, root: &Path) -> Vec<PathBuf> {
    let names = declared(root);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    let mut missing = Vec::new();
    for path in entries {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            // Its module file: `name/mod.rs`, or `name.rs` beside the directory.
            let own = [path.join("mod.rs"), dir.join(format!("{name}.rs"))]
                .into_iter()
                .find(|p| p.is_file());
            match own {
                Some(own) if names.contains(&name) => missing.extend(undeclared(&path, &own)),
                Some(_) => missing.push(path),
                None if has_rust(&path) => missing.push(path),
                None => {} // snapshots/ and other data
            }
        } else if path.extension().is_some_and(|x| x == "rs")
            && path != root
            && !names.contains(&name)
        {
            missing.push(path);
        }
    }
    missing
}

#[test]
fn every_test_file_is_a_module() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("it");
    let root = dir.join("main.rs");
    // The check sees main.rs's modules at all.
    let names = declared(&root);
    for name in ["common", "golden", "layout", "report", "signals"] {
        assert!(names.contains(name), "{name} not found in {names:?}");
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let missing: Vec<PathBuf> = undeclared(&dir, &root)
        .into_iter()
        .map(|p| p.strip_prefix(manifest).unwrap_or(&p).to_path_buf())
        .collect();
    assert!(
        missing.is_empty(),
        "not compiled, so never run: {missing:#?}\nadd `mod NAME;` for each to its parent module \
         (tests/it/main.rs, or the directory's mod.rs)"
    );
}

#[test]
fn the_parser_reads_attributes_and_skips_comments() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("main.rs");
    std::fs::write(
        &root,
        "mod a;\n#[cfg(unix)]\nmod b;\n#[cfg(unix)] pub mod c;\n// mod d;\nmod e {\n}\n",
    )
    .unwrap();
    let got: Vec<String> = declared(&root).into_iter().collect();
    assert_eq!(got, ["a", "b", "c"]);
    for stray in ["a.rs", "d.rs", "e.rs"] {
        std::fs::write(dir.path().join(stray), "").unwrap();
    }
    std::fs::create_dir(dir.path().join("f")).unwrap();
    std::fs::write(dir.path().join("f").join("mod.rs"), "").unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::write(dir.path().join("data").join("x.snap"), "").unwrap();
    let names: Vec<String> = undeclared(dir.path(), &root)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["d.rs", "e.rs", "f"]);
}
