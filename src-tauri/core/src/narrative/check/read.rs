//! Reading a 情况说明 from a .txt (UTF-8; other encodings are reported, not guessed) or a .docx
//! (paragraph texts in order; table cells joined by tabs, one row a line, as a copy from Word
//! gives them).

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use quick_xml::Reader;

#[derive(Debug, thiserror::Error)]
pub enum NarrativeReadError {
    #[error("无法读取文件 {path}：{source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("文件 {path} 不是 UTF-8 编码的文本，请另存为 UTF-8 后再审核。")]
    NotUtf8 { path: PathBuf },
    #[error("文件 {path} 不是有效的 Word 文档（.docx）：{reason}")]
    BadDocx { path: PathBuf, reason: String },
}

/// True for the file types read as a narrative text.
pub fn is_narrative_path(path: &Path) -> bool {
    matches!(
        path.extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .as_deref(),
        Some("txt" | "docx")
    )
}

/// The text of a .txt or .docx, one paragraph (or table row) a line.
pub fn read_narrative_bytes(path: &Path, bytes: &[u8]) -> Result<String, NarrativeReadError> {
    let is_docx = path
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("docx"));
    if is_docx {
        return docx_text(bytes).map_err(|reason| NarrativeReadError::BadDocx {
            path: path.to_path_buf(),
            reason,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| NarrativeReadError::NotUtf8 {
        path: path.to_path_buf(),
    })
}

pub fn read_narrative(path: &Path) -> Result<String, NarrativeReadError> {
    let bytes = std::fs::read(path).map_err(|source| NarrativeReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    read_narrative_bytes(path, &bytes)
}

/// word/document.xml as lines: a paragraph is a line; the cells of a table row are joined by
/// tabs (the paragraphs of one cell by a space).
fn docx_text(bytes: &[u8]) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| e.to_string())?
        .read_to_string(&mut xml)
        .map_err(|e| e.to_string())?;
    let mut reader = Reader::from_str(&xml);
    let mut out = String::new();
    let mut paragraph = String::new();
    let mut cell: Vec<String> = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut in_text = false;
    let mut table_depth = 0usize;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "tbl" => table_depth += 1,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => paragraph.push('\t'),
                "br" | "cr" => paragraph.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => paragraph.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
                    paragraph.push(c);
                } else if let Some(text) = quick_xml::escape::resolve_predefined_entity(&r) {
                    paragraph.push_str(text);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" if table_depth > 0 => cell.push(std::mem::take(&mut paragraph)),
                "p" => {
                    out.push_str(&std::mem::take(&mut paragraph));
                    out.push('\n');
                }
                "tc" => cells.push(std::mem::take(&mut cell).join(" ")),
                "tr" => {
                    out.push_str(&std::mem::take(&mut cells).join("\t"));
                    out.push('\n');
                }
                "tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}
