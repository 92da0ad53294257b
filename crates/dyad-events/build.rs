//! Embeds the shipped event dictionaries: every `.txt` file under data/events
//! (and data/events/cameo.tsv), so that adding a dictionary file needs no code.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/events");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files: Vec<PathBuf> = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let mut out = String::from("/// The shipped dictionary files: (path under the repository, text).\npub(crate) const SHIPPED: &[(&str, &str)] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file
            .strip_prefix(root.parent().unwrap().parent().unwrap())
            .unwrap()
            .display()
            .to_string();
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            file.canonicalize().unwrap()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("shipped.rs");
    std::fs::write(target, out).unwrap();
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "tsv")
        ) {
            files.push(path);
        }
    }
}
