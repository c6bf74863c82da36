//! The library's modules go one way down, with no circles (README "Architecture").
//!
//! Read from the source's own `crate::`, `super::` and `self::` paths (comments and test
//! modules left out), every reference from one file to a name is placed where the name is
//! defined (through `pub use` re-exports), then seen from the innermost module holding both:
//!
//! - between top-level modules, a reference goes only down [`LAYERS`];
//! - between the files and folders of one module there is no circle. A module's own
//!   `mod.rs` is where its children meet: references into it count, its references out to
//!   its own children do not (it declares and assembles them).
//!
//! To see the arrows: `cargo test --test layers -- --nocapture`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The library's top-level modules, lowest first: each may use only those before it.
const LAYERS: &[&str] = &[
    "text",
    "timing",
    "dates",
    "commentary",
    "model",
    "columns",
    "read",
    "load",
    "status",
    "reconcile",
    "write",
    "error",
    "fuzz_checks",
];

/// A module path inside the crate: `["read", "table"]` is `src/read/table.rs`.
type ModPath = Vec<String>;

struct Crate {
    src: PathBuf,
    /// Every library file (not the binary's `cli`, not test-only files), by module path.
    files: BTreeMap<ModPath, PathBuf>,
    /// Module paths that are folders (`src/read/`).
    dirs: BTreeSet<ModPath>,
    /// Names a module's file re-exports: (module, name) -> the module it comes from.
    reexports: BTreeMap<(ModPath, String), ModPath>,
}

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The file's text without comments and without its `#[cfg(test)]` module.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("read a source file");
    let mut out = String::new();
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        let line = match line.find("// ") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        };
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The child modules a file declares only for tests (`#[cfg(test)] mod tests;`).
fn test_only_children(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("read a source file");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    lines
        .windows(2)
        .filter(|w| w[0] == "#[cfg(test)]")
        .filter_map(|w| {
            let decl = w[1]
                .trim_start_matches("pub(crate) ")
                .trim_start_matches("pub ");
            decl.strip_prefix("mod ")?.strip_suffix(';')
        })
        .map(str::to_string)
        .collect()
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Parse a use tree or path at `s` (just after `crate::` or the like): every full path it
/// names, e.g. `{a::B, c::{D, E}}` gives `a::B`, `c::D`, `c::E`.
fn paths_at(s: &str) -> Vec<Vec<String>> {
    fn tree(s: &[char], i: &mut usize) -> Vec<Vec<String>> {
        let mut prefix = Vec::new();
        loop {
            while *i < s.len() && s[*i].is_whitespace() {
                *i += 1;
            }
            if *i < s.len() && s[*i] == '{' {
                *i += 1;
                let mut out = Vec::new();
                loop {
                    while *i < s.len() && (s[*i].is_whitespace() || s[*i] == ',') {
                        *i += 1;
                    }
                    if *i >= s.len() || s[*i] == '}' {
                        *i += 1;
                        break;
                    }
                    let before = *i;
                    for p in tree(s, i) {
                        let mut full = prefix.clone();
                        full.extend(p);
                        out.push(full);
                    }
                    // `as Name`, or anything unexpected: skip to the next item.
                    while *i < s.len() && !matches!(s[*i], ',' | '}') {
                        if s[*i] == '{' {
                            break;
                        }
                        *i += 1;
                    }
                    if *i == before {
                        *i += 1;
                    }
                }
                return out;
            }
            let start = *i;
            while *i < s.len() && is_ident(s[*i]) {
                *i += 1;
            }
            if *i == start {
                return if prefix.is_empty() {
                    Vec::new()
                } else {
                    vec![prefix]
                };
            }
            prefix.push(s[start..*i].iter().collect());
            if s.get(*i) == Some(&':') && s.get(*i + 1) == Some(&':') {
                *i += 2;
            } else {
                return vec![prefix];
            }
        }
    }
    let chars: Vec<char> = s.chars().take(2000).collect();
    tree(&chars, &mut 0)
}

impl Crate {
    fn read() -> Crate {
        let src = src();
        let mut c = Crate {
            src: src.clone(),
            files: BTreeMap::new(),
            dirs: BTreeSet::new(),
            reexports: BTreeMap::new(),
        };
        c.walk(&src, Vec::new());
        let files: Vec<(ModPath, PathBuf)> = c
            .files
            .iter()
            .map(|(m, p)| (m.clone(), p.clone()))
            .collect();
        for (m, p) in files {
            c.read_reexports(&m, &p);
        }
        c
    }

    fn walk(&mut self, dir: &Path, at: ModPath) {
        // A folder's own file: `lib.rs`, its `mod.rs`, or the file of its name beside it
        // (`rules/matching.rs` for `rules/matching/`).
        let own = if at.is_empty() {
            dir.join("lib.rs")
        } else if dir.join("mod.rs").exists() {
            dir.join("mod.rs")
        } else {
            dir.with_extension("rs")
        };
        let skip = test_only_children(&own);
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("read src")
            .map(|e| e.expect("a folder entry").path())
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_stem().unwrap().to_string_lossy().to_string();
            if skip.contains(&name) || (at.is_empty() && (name == "cli" || name == "main")) {
                continue;
            }
            let mut m = at.clone();
            if p.is_dir() {
                m.push(name);
                self.dirs.insert(m.clone());
                self.walk(&p, m);
            } else if p.extension().is_some_and(|e| e == "rs") {
                if name != "mod" && name != "lib" {
                    m.push(name);
                }
                self.files.insert(m, p);
            }
        }
    }

    fn is_module(&self, m: &ModPath) -> bool {
        self.files.contains_key(m) || self.dirs.contains(m)
    }

    fn read_reexports(&mut self, m: &ModPath, path: &Path) {
        let code = code_of(path);
        for (at, _) in code.match_indices("pub use ") {
            for p in paths_at(&code[at + 8..]) {
                let Some(name) = p.last().cloned() else {
                    continue;
                };
                let Some(target) = self.absolute(m, &p) else {
                    continue;
                };
                let module = target[..target.len() - 1].to_vec();
                if module != *m && self.is_module(&module) {
                    self.reexports.insert((m.clone(), name), module);
                }
            }
        }
    }

    /// The absolute path of `p` as written in module `m` (`crate::`, `super::`, `self::` or
    /// a child module's name).
    fn absolute(&self, m: &ModPath, p: &[String]) -> Option<Vec<String>> {
        let first = p.first()?.as_str();
        let mut base: Vec<String> = match first {
            "crate" => Vec::new(),
            "self" => m.clone(),
            "super" => m[..m.len().checked_sub(1)?].to_vec(),
            _ => {
                let mut child = m.clone();
                child.push(first.to_string());
                if !self.is_module(&child) {
                    return None;
                }
                m.clone()
            }
        };
        let rest = if matches!(first, "crate" | "self" | "super") {
            &p[1..]
        } else {
            p
        };
        let mut rest = rest.to_vec();
        while rest.first().is_some_and(|s| s == "super") {
            base.pop();
            rest.remove(0);
        }
        base.extend(rest);
        Some(base)
    }

    /// The module that defines the item at absolute path `p`, following re-exports.
    fn defining_module(&self, p: &[String]) -> ModPath {
        let mut m: ModPath = Vec::new();
        let mut i = 0;
        while i < p.len() {
            let mut next = m.clone();
            next.push(p[i].clone());
            if !self.is_module(&next) {
                break;
            }
            m = next;
            i += 1;
        }
        let mut seen = 0;
        while let Some(name) = p.get(i)
            && let Some(from) = self.reexports.get(&(m.clone(), name.clone()))
            && seen < 16
        {
            m = from.clone();
            seen += 1;
        }
        m
    }

    /// Every (from file, to module) reference of the library.
    fn references(&self) -> BTreeSet<(ModPath, ModPath)> {
        let mut out = BTreeSet::new();
        for (m, path) in &self.files {
            let code = code_of(path);
            let mut starts: Vec<usize> = Vec::new();
            for key in ["crate::", "super::", "self::"] {
                starts.extend(code.match_indices(key).map(|(i, _)| i));
            }
            // `use child::...` inside a module's own file.
            for (i, _) in code.match_indices("use ") {
                starts.push(i + 4);
            }
            for i in starts {
                if i > 0 && code[..i].chars().next_back().is_some_and(is_ident) {
                    continue;
                }
                for p in paths_at(&code[i..]) {
                    if let Some(abs) = self.absolute(m, &p) {
                        let to = self.defining_module(&abs);
                        if to != *m {
                            out.insert((m.clone(), to));
                        }
                    }
                }
            }
        }
        out
    }
}

/// The arrows seen inside each module: module -> (from child, to child), where a child is
/// a file or folder of it, or `mod.rs` for the module's own file.
fn arrows(refs: &BTreeSet<(ModPath, ModPath)>) -> BTreeMap<ModPath, BTreeSet<(String, String)>> {
    let mut out: BTreeMap<ModPath, BTreeSet<(String, String)>> = BTreeMap::new();
    for (from, to) in refs {
        let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
        let module = from[..common].to_vec();
        let Some(f) = from.get(common) else {
            // The module's own file using its children: it assembles them.
            continue;
        };
        let t = to.get(common).cloned().unwrap_or_else(|| "mod.rs".into());
        out.entry(module).or_default().insert((f.clone(), t));
    }
    out
}

/// A circle in `edges`, if there is one.
fn circle(edges: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeSet<(String, String)>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for (_, t) in edges.iter().filter(|(f, _)| f == n) {
            match state.get(t.as_str()) {
                Some(1) => {
                    let at = stack.iter().position(|s| s == t).unwrap_or(0);
                    let mut c = stack[at..].to_vec();
                    c.push(t.clone());
                    return Some(c);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(t, edges, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    let nodes: BTreeSet<&String> = edges.iter().map(|(f, _)| f).collect();
    for n in nodes {
        if !state.contains_key(n.as_str())
            && let Some(c) = visit(n, edges, &mut state, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

fn show(module: &ModPath) -> String {
    if module.is_empty() {
        "crate".into()
    } else {
        module.join("::")
    }
}

#[test]
fn top_level_modules_go_one_way_down_the_layers() {
    let c = Crate::read();
    let top: BTreeSet<String> = c.files.keys().filter_map(|m| m.first().cloned()).collect();
    let unplaced: Vec<&String> = top
        .iter()
        .filter(|m| !LAYERS.contains(&m.as_str()))
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules not placed in LAYERS (tests/layers.rs): {unplaced:?}"
    );
    let arrows = arrows(&c.references());
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let up: Vec<String> = arrows
        .get(&Vec::new())
        .into_iter()
        .flatten()
        .filter(|(f, t)| rank(t) >= rank(f))
        .map(|(f, t)| format!("{f} -> {t}"))
        .collect();
    for (f, t) in arrows.get(&Vec::new()).into_iter().flatten() {
        println!("{f} -> {t}");
    }
    assert!(
        up.is_empty(),
        "references that go up or across the layers {LAYERS:?}:\n  {}",
        up.join("\n  ")
    );
}

#[test]
fn no_module_has_a_circle_between_its_files() {
    let c = Crate::read();
    let mut circles = Vec::new();
    for (module, edges) in arrows(&c.references()) {
        for (f, t) in &edges {
            println!("{}: {f} -> {t}", show(&module));
        }
        if let Some(circle) = circle(&edges) {
            circles.push(format!("{}: {}", show(&module), circle.join(" -> ")));
        }
    }
    assert!(circles.is_empty(), "circles:\n  {}", circles.join("\n  "));
    assert!(c.src.join("lib.rs").exists());
}

#[test]
fn the_reader_of_paths_sees_groups_renames_and_nesting() {
    let p = paths_at("{a::B, c::{D, E as F}, self} ;");
    let got: Vec<String> = p.iter().map(|p| p.join("::")).collect();
    assert_eq!(got, ["a::B", "c::D", "c::E", "self"]);
    assert_eq!(
        paths_at("dates::serial_to_date(x)"),
        [["dates", "serial_to_date"]]
    );
    let edges: BTreeSet<(String, String)> = [("a", "b"), ("b", "c"), ("c", "a")]
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect();
    assert_eq!(circle(&edges).map(|c| c.len()), Some(4));
    let line: BTreeSet<(String, String)> = [("a", "b"), ("b", "c")]
        .iter()
        .map(|(f, t)| (f.to_string(), t.to_string()))
        .collect();
    assert_eq!(circle(&line), None);
}
