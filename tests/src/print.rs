//! What an export looks like on paper: LibreOffice (headless) converts a workbook or a .docx
//! to PDF, and poppler's `pdftotext` tells on which page each text lands and how tall its
//! words are. LibreOffice (`libreoffice-calc`, `libreoffice-writer`) and poppler-utils are test
//! dependencies installed by scripts/lib.sh: without them these helpers fail, they do not
//! pass silently.
//!
//! With `BUDGET_TESTS_PRINT_DIR` set, every PDF converted here is also kept in that folder with
//! one PNG per page (`pdftoppm -r 50`), to look at.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs a program, failing the test with a hint when it is not installed.
fn run(program: &str, args: &[&std::ffi::OsStr], package: &str) -> Output {
    let output = match Command::new(program).args(args).output() {
        Ok(o) => o,
        Err(e) if e.kind() == ErrorKind::NotFound => panic!(
            "`{program}` is not installed. The print tests need it: apt-get install -y \
             --no-install-recommends {package} (scripts/lib.sh does)."
        ),
        Err(e) => panic!("could not run {program}: {e}"),
    };
    assert!(
        output.status.success(),
        "{program} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Converts `input` to PDF with `soffice --headless --convert-to pdf` (a profile of its own,
/// so that tests running at the same time do not share and lock one) and returns the PDF's
/// path, beside `input`.
pub fn to_pdf(input: &Path) -> PathBuf {
    let profile = tempfile::tempdir().expect("temporary folder");
    let profile_url = format!(
        "-env:UserInstallation=file:///{}",
        profile.path().display().to_string().trim_start_matches('/')
    );
    let outdir = input.parent().expect("a file in a folder");
    run(
        "soffice",
        &[
            profile_url.as_ref(),
            "--headless".as_ref(),
            "--convert-to".as_ref(),
            "pdf".as_ref(),
            "--outdir".as_ref(),
            outdir.as_os_str(),
            input.as_os_str(),
        ],
        "libreoffice-calc libreoffice-writer",
    );
    let pdf = input.with_extension("pdf");
    assert!(pdf.exists(), "{} not written", pdf.display());
    keep(&pdf);
    pdf
}

/// Copies the PDF and its pages as PNG into `BUDGET_TESTS_PRINT_DIR`, when set.
fn keep(pdf: &Path) {
    let Some(dir) = std::env::var_os("BUDGET_TESTS_PRINT_DIR") else {
        return;
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("print folder");
    let name = pdf.file_name().expect("file name");
    let kept = dir.join(name);
    std::fs::copy(pdf, &kept).expect("copy of the PDF");
    let stem = dir.join(pdf.file_stem().expect("file stem"));
    run(
        "pdftoppm",
        &[
            "-r".as_ref(),
            "50".as_ref(),
            "-png".as_ref(),
            kept.as_os_str(),
            stem.as_os_str(),
        ],
        "poppler-utils",
    );
}

/// The text of each page as `pdftotext -layout` lays it out.
pub fn page_texts(pdf: &Path) -> Vec<String> {
    let out = run(
        "pdftotext",
        &["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()],
        "poppler-utils",
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends every page with a form feed: the piece after the last one is empty.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// One page: its size in points and its words.
#[derive(Debug, Clone)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
}

impl Page {
    pub fn is_landscape(&self) -> bool {
        self.width > self.height
    }

    /// The page's words joined, without spaces (CJK text is cut into words arbitrarily).
    pub fn text(&self) -> String {
        self.words.iter().map(|w| w.text.as_str()).collect()
    }
}

/// A word as `pdftotext -bbox` reports it: its box in points from the page's top left.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
}

impl Word {
    pub fn height(&self) -> f64 {
        self.y_max - self.y_min
    }
}

fn attribute(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).map(|i| i + key.len()).expect("attribute");
    let end = tag[start..].find('"').expect("closing quote") + start;
    tag[start..end].parse().expect("a number")
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every page of `pdf` with its words (`pdftotext -bbox`).
pub fn pages(pdf: &Path) -> Vec<Page> {
    let out = run(
        "pdftotext",
        &["-bbox".as_ref(), pdf.as_os_str(), "-".as_ref()],
        "poppler-utils",
    );
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages = Vec::new();
    for chunk in html.split("<page ").skip(1) {
        let tag_end = chunk.find('>').expect("page tag");
        let tag = &chunk[..tag_end];
        let mut page = Page {
            width: attribute(tag, "width"),
            height: attribute(tag, "height"),
            words: Vec::new(),
        };
        for word in chunk.split("<word ").skip(1) {
            let tag_end = word.find('>').expect("word tag");
            let tag = &word[..tag_end];
            let text_end = word.find("</word>").expect("word end");
            page.words.push(Word {
                text: unescape(&word[tag_end + 1..text_end]),
                x_min: attribute(tag, "xMin"),
                y_min: attribute(tag, "yMin"),
                x_max: attribute(tag, "xMax"),
                y_max: attribute(tag, "yMax"),
            });
        }
        pages.push(page);
    }
    pages
}
