//! Layering of budget-core, enforced. Reads every `crate::<module>` reference in non-test code
//! under `src/`, groups them by top-level module, and compares them with [`ALLOWED`]. An edge
//! the table does not list fails the test; so does a module outside [`KNOWN_CYCLE`] joining a
//! dependency cycle. See docs/architecture.md for the layers and what is left to untangle.
//!
//! Not counted: files named `tests.rs` / `*_tests.rs`, items under `#[cfg(test)]`, `//` lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every allowed `from → to` edge between top-level modules. Shrinks as the cycle is broken;
/// add a row only when the new edge points down the layers in docs/architecture.md.
const ALLOWED: &[(&str, &[&str])] = &[
    (
        "board",
        &[
            "error", "model", "money", "prepare", "review", "store", "tables",
        ],
    ),
    ("catalog", &["error"]),
    ("catalog_import", &["catalog", "error", "text", "xlsx"]),
    ("checks", &["catalog", "money", "tables", "text"]),
    (
        "consolidate",
        &[
            "checks",
            "error",
            "final_accounts",
            "lines",
            "model",
            "money",
            "store",
            "tables",
        ],
    ),
    ("error", &["text"]),
    ("files", &["text"]),
    ("guard", &[]),
    ("final_accounts", &["catalog", "money", "tables"]),
    (
        "import",
        &["checks", "error", "model", "store", "targets", "xlsx"],
    ),
    ("indicator_value", &[]),
    ("lines", &["catalog", "money", "tables", "text", "xlsx"]),
    ("model", &[]),
    ("money", &["error"]),
    (
        "narrative",
        &[
            "catalog",
            "checks",
            "error",
            "files",
            "final_accounts",
            "money",
            "tables",
            "text",
            "xlsx",
        ],
    ),
    (
        "package",
        &[
            "checks",
            "error",
            "files",
            "final_accounts",
            "lines",
            "model",
            "prepare",
            "scoring",
            "store",
            "tables",
            "targets",
            "text",
            "xlsx",
        ],
    ),
    ("pdf", &["error", "guard", "tables", "text", "xlsx"]),
    (
        "prepare",
        &[
            "catalog",
            "checks",
            "consolidate",
            "error",
            "files",
            "final_accounts",
            "lines",
            "model",
            "money",
            "narrative",
            "scoring",
            "sheet_view",
            "store",
            "tables",
            "targets",
            "xlsx",
        ],
    ),
    (
        "review",
        &[
            "catalog",
            "checks",
            "error",
            "files",
            "money",
            "narrative",
            "pdf",
            "tables",
            "targets",
            "text",
            "xlsx",
        ],
    ),
    (
        "scoring",
        &["error", "files", "indicator_value", "money", "text", "xlsx"],
    ),
    ("sheet_view", &["error", "money", "text", "xlsx"]),
    (
        "store",
        &[
            "catalog",
            "catalog_import",
            "checks",
            "error",
            "final_accounts",
            "indicator_value",
            "lines",
            "model",
            "money",
            "narrative",
            "review",
            "scoring",
            "tables",
            "targets",
        ],
    ),
    ("tables", &["money", "text"]),
    (
        "targets",
        &[
            "checks",
            "error",
            "files",
            "indicator_value",
            "lines",
            "money",
            "text",
            "xlsx",
        ],
    ),
    ("text", &[]),
    ("vocabulary", &["final_accounts", "lines", "targets"]),
    (
        "xlsx",
        &[
            "catalog",
            "error",
            "files",
            "guard",
            "final_accounts",
            "money",
            "tables",
            "text",
        ],
    ),
];

/// The modules that are in a dependency cycle today. May only shrink: a module not listed here
/// that ends up in a cycle fails the test. Empty since the last cycle (prepare ⇄ store) was
/// broken; it was 12 modules when the test was written.
const KNOWN_CYCLE: &[&str] = &[];

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/xlsx/grid.rs` → `xlsx`, `src/money.rs` → `money`; `lib.rs` has none.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    if rel.components().count() > 1 {
        Some(first)
    } else {
        let stem = first.trim_end_matches(".rs");
        (stem != "lib").then(|| stem.to_string())
    }
}

/// The lines of a file that are production code: no `//` lines, nothing under `#[cfg(test)]`.
fn production_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        if trimmed.starts_with("#[cfg(test)]") {
            // Skip the item that follows: up to its `;` or its balanced closing brace.
            let mut depth: i64 = 0;
            let mut opened = false;
            for next in lines.by_ref() {
                let code = next.split("//").next().unwrap_or("");
                for c in code.chars() {
                    match c {
                        '{' => {
                            depth += 1;
                            opened = true;
                        }
                        '}' => depth -= 1,
                        _ => {}
                    }
                }
                if (opened && depth <= 0) || (!opened && code.trim_end().ends_with(';')) {
                    break;
                }
            }
            continue;
        }
        out.push(line);
    }
    out
}

/// The top-level modules a line names as `crate::<module>`, including `crate::{a, b::c}`.
fn crate_refs(line: &str, out: &mut BTreeSet<String>) {
    let code = line.split("//").next().unwrap_or("");
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let preceded_by_ident = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
        rest = &rest[at + "crate::".len()..];
        if preceded_by_ident {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name = part.trim().split("::").next().unwrap_or("").trim();
                push_ident(name, out);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            push_ident(&name, out);
        }
    }
}

fn push_ident(name: &str, out: &mut BTreeSet<String>) {
    if !name.is_empty() && name.chars().next().is_some_and(|c| c.is_lowercase()) {
        out.insert(name.to_string());
    }
}

/// Today's edges between top-level modules, read from the source.
fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let src = src_dir();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let name = file.file_name().unwrap().to_str().unwrap();
        if name.ends_with("tests.rs") {
            continue;
        }
        let Some(from) = top_module(&src, &file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        let mut refs = BTreeSet::new();
        for line in production_lines(&text) {
            crate_refs(line, &mut refs);
        }
        refs.remove(&from);
        graph.entry(from).or_default().extend(refs);
    }
    graph
}

/// Strongly connected components with more than one member (Tarjan), each sorted.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for w in graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found.sort();
    s.found
}

fn allowed() -> BTreeMap<&'static str, BTreeSet<&'static str>> {
    ALLOWED
        .iter()
        .map(|(from, to)| (*from, to.iter().copied().collect()))
        .collect()
}

#[test]
fn every_edge_between_top_level_modules_is_allowed() {
    let graph = edges();
    let allowed = allowed();
    let mut unlisted = Vec::new();
    for (from, tos) in &graph {
        for to in tos {
            let ok = allowed
                .get(from.as_str())
                .is_some_and(|set| set.contains(to.as_str()));
            if !ok {
                unlisted.push(format!("{from} → {to}"));
            }
        }
    }
    assert!(
        unlisted.is_empty(),
        "edges not in ALLOWED (tests/layers.rs; see docs/architecture.md for where code goes):\n  {}\ncycles now: {:?}",
        unlisted.join("\n  "),
        cycles(&graph)
    );
}

#[test]
fn allowed_table_lists_only_edges_that_exist() {
    // Keeps ALLOWED honest: once an edge is gone, its row shrinks, so it cannot come back.
    let graph = edges();
    let mut stale = Vec::new();
    for (from, tos) in ALLOWED {
        for to in *tos {
            if !graph.get(*from).is_some_and(|set| set.contains(*to)) {
                stale.push(format!("{from} → {to}"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "ALLOWED lists edges the code no longer has; remove them:\n  {}",
        stale.join("\n  ")
    );
}

#[test]
fn no_module_joins_a_cycle() {
    let graph = edges();
    let found = cycles(&graph);
    let known: BTreeSet<&str> = KNOWN_CYCLE.iter().copied().collect();
    let joined: Vec<&String> = found
        .iter()
        .flatten()
        .filter(|m| !known.contains(m.as_str()))
        .collect();
    assert!(
        joined.is_empty(),
        "modules newly in a dependency cycle: {joined:?}\nstrongly connected components: {found:?}"
    );
    let in_cycle: BTreeSet<&str> = found.iter().flatten().map(|m| m.as_str()).collect();
    let left: Vec<&&str> = known.iter().filter(|m| !in_cycle.contains(**m)).collect();
    assert!(
        left.is_empty(),
        "{left:?} no longer in a cycle: remove from KNOWN_CYCLE so they cannot rejoin.\nstrongly connected components: {found:?}"
    );
}

#[test]
fn reader_sees_grouped_and_plain_paths() {
    let mut refs = BTreeSet::new();
    crate_refs(
        "use crate::{money::Money, tables::Table}; let x = crate::xlsx::a1(0, 0); // crate::store",
        &mut refs,
    );
    assert_eq!(
        refs.into_iter().collect::<Vec<_>>(),
        ["money", "tables", "xlsx"]
    );
    let lines = production_lines("use a;\n#[cfg(test)]\nmod tests {\n  use crate::store;\n}\n#[cfg(test)]\nmod more;\nuse crate::money;\n");
    assert_eq!(lines, ["use a;", "use crate::money;"]);
}

/// The table of allowed edges in docs/architecture.md, as module → modules it may use.
fn documented_edges() -> BTreeMap<String, BTreeSet<String>> {
    let doc = include_str!("../../../docs/architecture.md");
    let mut out = BTreeMap::new();
    let mut in_table = false;
    for line in doc.lines() {
        if line.starts_with("| module") {
            in_table = true;
            continue;
        }
        if !in_table {
            continue;
        }
        if !line.starts_with('|') {
            break;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() < 2 || cells[0].starts_with('-') {
            continue;
        }
        let uses: BTreeSet<String> = if cells[1].starts_with("nothing") {
            BTreeSet::new()
        } else {
            cells[1]
                .split(',')
                .map(|m| m.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_'))
                .filter(|m| !m.is_empty())
                .map(str::to_string)
                .collect()
        };
        for module in cells[0].split(',').map(str::trim) {
            out.insert(module.to_string(), uses.clone());
        }
    }
    out
}

#[test]
fn the_documented_table_is_the_allowed_table() {
    let allowed: BTreeMap<String, BTreeSet<String>> = ALLOWED
        .iter()
        .map(|(m, uses)| (m.to_string(), uses.iter().map(|u| u.to_string()).collect()))
        .collect();
    assert_eq!(
        documented_edges(),
        allowed,
        "docs/architecture.md's table of allowed edges differs from ALLOWED"
    );
}

/// Every package `roots` pull in, by name, read from the workspace's Cargo.lock (dev and
/// build dependencies included: a test of the core must not need the window either).
fn dependency_closure(lock: &str, roots: &[&str]) -> BTreeSet<String> {
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut name = String::new();
    let mut in_deps = false;
    for line in lock.lines() {
        let line = line.trim();
        if let Some(n) = line.strip_prefix("name = ") {
            name = n.trim_matches('"').to_string();
            deps.entry(name.clone()).or_default();
        } else if line == "dependencies = [" {
            in_deps = true;
        } else if in_deps && line == "]" {
            in_deps = false;
        } else if in_deps {
            let dep = line.trim_matches(|c| c == '"' || c == ',');
            let dep = dep.split(' ').next().unwrap_or(dep).to_string();
            deps.entry(name.clone()).or_default().insert(dep);
        }
    }
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = roots.iter().map(|r| r.to_string()).collect();
    while let Some(next) = todo.pop() {
        if seen.insert(next.clone()) {
            todo.extend(deps.get(&next).into_iter().flatten().cloned());
        }
    }
    seen
}

/// The folders do not say which code knows the window (the core and the command line sit
/// under `src-tauri/`, as docs/design.md lays the workspace out); this test does: nothing the
/// core or the command line builds on may be Tauri, its web view or GTK.
#[test]
fn the_core_and_the_command_line_never_pull_in_the_window() {
    let lock = include_str!("../../../Cargo.lock");
    let reached = dependency_closure(lock, &["budget-core", "budget-cli"]);
    assert!(
        reached.contains("calamine") && reached.contains("clap"),
        "the lock file was read"
    );
    let window: Vec<&String> = reached
        .iter()
        .filter(|p| {
            [
                "tauri",
                "wry",
                "tao",
                "webkit2gtk",
                "webview2",
                "gtk",
                "gdk",
            ]
            .iter()
            .any(|w| p.as_str() == *w || p.starts_with(&format!("{w}-")))
        })
        .collect();
    assert!(
        window.is_empty(),
        "budget-core/budget-cli pull in {window:?}"
    );
    let shell = dependency_closure(lock, &["budget-desk"]);
    assert!(
        shell.contains("tauri"),
        "the check would see tauri if it were there"
    );
}
