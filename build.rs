//! Turns `data/prices.toml` into Rust: the built-in price table is compiled into the binary,
//! so no run parses TOML it did not ask for. `pricing::tests` checks the result against the
//! table parsed from the same file at run time.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let src = "data/prices.toml";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=build.rs");
    position_dependent();
    let text = std::fs::read_to_string(src).expect("read data/prices.toml");
    let table: toml::Table = text.parse().expect("data/prices.toml parses");
    let string = |v: Option<&toml::Value>| v.and_then(|v| v.as_str()).unwrap_or("").to_string();
    let mut out = String::new();
    writeln!(
        out,
        "pub const VERSION: &str = {:?};",
        string(table.get("version"))
    )
    .unwrap();
    writeln!(
        out,
        "pub const LITELLM: &str = {:?};",
        string(table.get("litellm"))
    )
    .unwrap();
    out.push_str(
        "/// (key, input, output, cache read, cache write, lowest tier, source), sorted by key.\n",
    );
    out.push_str("pub static ROWS: &[(&str, [Option<f64>; 4], bool, &str)] = &[\n");
    let models = table["models"].as_table().expect("[models] is a table");
    for (key, row) in models {
        let row = row.as_table().expect("a model row is a table");
        for field in row.keys() {
            assert!(
                matches!(
                    field.as_str(),
                    "input" | "output" | "cache_read" | "cache_write" | "tiered" | "source"
                ),
                "{key}: unknown field {field}"
            );
        }
        let rate = |k: &str| match row.get(k) {
            None => "None".to_string(),
            Some(toml::Value::Float(f)) => format!("Some({f:?})"),
            Some(toml::Value::Integer(i)) => format!("Some({:?})", *i as f64),
            Some(v) => panic!("{key}.{k}: not a number: {v}"),
        };
        let source = row.get("source").and_then(|v| v.as_str()).expect("source");
        let tiered = match row.get("tiered") {
            None => false,
            Some(toml::Value::Boolean(b)) => *b,
            Some(v) => panic!("{key}.tiered: not a boolean: {v}"),
        };
        writeln!(
            out,
            "    ({key:?}, [{}, {}, {}, {}], {tiered}, {source:?}),",
            rate("input"),
            rate("output"),
            rate("cache_read"),
            rate("cache_write")
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_prices.rs");
    std::fs::write(dest, out).expect("write builtin_prices.rs");
}

/// Links the Linux binary as a position-dependent executable. A PIE's loader writes about 38,000
/// pointers (chrono-tz's zone tables, the price table) into 300 private pages before `main`;
/// fixed at link time, start-up is about 0.4 ms shorter. Go links the same way by default.
fn position_dependent() {
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
