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

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A .docx as Word writes it: paragraphs with runs split mid-sentence, an entity, a table.
    fn docx(body: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn docx_paragraphs_and_table_rows_become_lines() {
        let bytes = docx(
            r#"<w:p><w:r><w:t>基本支出 592.99 万元，比上年预算减少 21.05 </w:t></w:r><w:r><w:t xml:space="preserve">万元，下降 3.43%&amp;</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>0.25</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>完</w:t></w:r></w:p>"#,
        );
        let text = read_narrative_bytes(Path::new("说明.docx"), &bytes).unwrap();
        assert_eq!(
            text,
            "基本支出 592.99 万元，比上年预算减少 21.05 万元，下降 3.43%&\n合计\t0.25\n完\n"
        );
    }

    #[test]
    fn unreadable_files_say_why() {
        let err = read_narrative_bytes(Path::new("说明.docx"), b"not a zip").unwrap_err();
        assert!(err.to_string().contains("不是有效的 Word 文档"), "{err}");
        let err = read_narrative_bytes(Path::new("说明.txt"), &[0xB6, 0xFE]).unwrap_err();
        assert!(err.to_string().contains("UTF-8"), "{err}");
        assert!(is_narrative_path(Path::new("a.DOCX")));
        assert!(!is_narrative_path(Path::new("a.xlsx")));
    }
}
