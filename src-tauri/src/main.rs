// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // Linux: WebKitGTK draws the page without GPU compositing (WEBKIT_DISABLE_COMPOSITING_MODE=0
    // in the environment turns it back on). See docs/benchmarks.md.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    budget_desk_lib::run();
}
