//! The IPC contract in one place: every command the UI calls (ui/src/api.ts) is one the shell
//! registers (generate_handler!), lists for permission generation (build.rs) and grants to the
//! window (capabilities/main.json), and nothing is registered or granted that the UI does not
//! call. A name misspelled in api.ts, or a command added to the shell and forgotten in the
//! capability, fails here instead of in front of a user.

use std::collections::BTreeSet;

const API_TS: &str = include_str!("../../ui/src/api.ts");
const BUILD_RS: &str = include_str!("../build.rs");
const LIB_RS: &str = include_str!("../src/lib.rs");
const CAPABILITIES: &str = include_str!("../capabilities/main.json");

/// The words made of `[a-z_]` that follow each occurrence of `marker`.
fn names_after(text: &str, marker: &str) -> BTreeSet<String> {
    text.match_indices(marker)
        .map(|(at, _)| {
            text[at + marker.len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect::<String>()
        })
        .filter(|n| !n.is_empty())
        .collect()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).map(|i| i + start.len()).unwrap_or(0);
    let to = text[from..]
        .find(end)
        .map(|i| from + i)
        .unwrap_or(text.len());
    &text[from..to]
}

fn called_by_ui() -> BTreeSet<String> {
    // every wrapper is written `call<T>('command_name', …)`: the first quote after `call<`
    API_TS
        .match_indices("call<")
        .filter_map(|(at, _)| {
            let rest = &API_TS[at..];
            let quote = rest.find('\'')?;
            let name: String = rest[quote + 1..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

fn listed_for_permissions() -> BTreeSet<String> {
    names_after(between(BUILD_RS, "const COMMANDS", "];"), "\"")
}

fn registered() -> BTreeSet<String> {
    names_after(between(LIB_RS, "generate_handler![", "])"), "::")
}

fn granted() -> BTreeSet<String> {
    // permission names are the command names with dashes
    CAPABILITIES
        .match_indices("\"allow-")
        .map(|(at, _)| {
            CAPABILITIES[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                .collect::<String>()
                .replace('-', "_")
        })
        .collect()
}

#[test]
fn every_command_the_ui_calls_is_registered_listed_and_granted_and_nothing_more() {
    let ui = called_by_ui();
    assert!(ui.len() > 40, "api.ts read wrongly: {ui:?}");
    assert_eq!(registered(), ui, "generate_handler! vs api.ts");
    assert_eq!(listed_for_permissions(), ui, "build.rs COMMANDS vs api.ts");
    assert_eq!(granted(), ui, "capabilities/main.json vs api.ts");
}
