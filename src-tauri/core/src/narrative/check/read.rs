//! Reading a 情况说明 from a .txt (UTF-8; other encodings are reported, not guessed) or a .docx
//! (paragraph texts in order; table cells joined by tabs, one row a line, as a copy from Word
//! gives them).

use crate::error::{CoreError, ErrorCode};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use quick_xml::Reader;

/// Why a 情况说明 file could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum NarrativeReadError {
    /// The file could not be read.
    #[error("无法读取文件 {path}：{}。", crate::text::io_reason(.source))]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A .txt that is neither UTF-8 (with or without BOM), UTF-16 with a BOM, nor wholly valid
    /// GBK (GB18030).
    #[error("文件 {path} 的编码无法识别（可读 UTF-8、GBK 和带标记的 UTF-16），请用记事本另存为 UTF-8 后再审核。")]
    NotUtf8 {
        /// The file.
        path: PathBuf,
    },
    /// A .docx that is no zip, lacks word/document.xml, or whose XML is damaged.
    #[error("文件 {path} 不是有效的 Word 文档（.docx）：{reason}")]
    BadDocx {
        /// The file.
        path: PathBuf,
        /// Which of these it is, in Chinese.
        reason: String,
    },
    /// A .txt, or a .docx's document.xml inflated, larger than [`MAX_TEXT_BYTES`].
    #[error("文件 {path} 的正文超过 {} MB，不像一份情况说明，已停止读取。", MAX_TEXT_BYTES / (1024 * 1024))]
    TooLarge {
        /// The file.
        path: PathBuf,
    },
}

impl NarrativeReadError {
    /// The kind of failure, as the UI branches on it ([`ErrorCode`]).
    pub fn code(&self) -> ErrorCode {
        match self {
            NarrativeReadError::Io { source, .. } => crate::error::io_code(source),
            NarrativeReadError::NotUtf8 { .. } => ErrorCode::UnknownEncoding,
            NarrativeReadError::BadDocx { .. } => ErrorCode::NotADocx,
            NarrativeReadError::TooLarge { .. } => ErrorCode::TextTooLarge,
        }
    }
}

/// A 情况说明 file that cannot be read reaches the shell with its code.
impl From<NarrativeReadError> for CoreError {
    fn from(err: NarrativeReadError) -> Self {
        CoreError::area(err.code(), &err)
    }
}

/// Largest text read as a 情况说明 (a .txt, or a .docx's document.xml inflated). A real one is
/// tens of kilobytes; a .docx whose document inflates past this is a bomb, not a document.
pub const MAX_TEXT_BYTES: u64 = 32 * 1024 * 1024;

enum DocxError {
    TooLarge,
    Bad(String),
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
        return docx_text(bytes).map_err(|e| match e {
            DocxError::TooLarge => NarrativeReadError::TooLarge {
                path: path.to_path_buf(),
            },
            DocxError::Bad(reason) => NarrativeReadError::BadDocx {
                path: path.to_path_buf(),
                reason,
            },
        });
    }
    if bytes.len() as u64 > MAX_TEXT_BYTES {
        return Err(NarrativeReadError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    decode_text(bytes)
        .map(|text| text.replace("\r\n", "\n"))
        .ok_or_else(|| NarrativeReadError::NotUtf8 {
            path: path.to_path_buf(),
        })
}

/// A text as Notepad and WPS save it on a Chinese Windows: UTF-8 (with or without a BOM), UTF-16
/// with its BOM, or GBK (GB18030, its superset) without any mark. GBK is tried only when the
/// bytes are no UTF-8 and taken only when every byte decodes: Chinese in GBK is almost never
/// valid UTF-8, and the reverse guess is never made.
fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).ok();
    }
    for (bom, encoding) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return encoding
                .decode_without_bom_handling_and_without_replacement(rest)
                .map(|text| text.into_owned());
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_string());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
}

/// The text of the .txt or .docx at `path` (see [`read_narrative_bytes`]).
pub fn read_narrative(path: &Path) -> Result<String, NarrativeReadError> {
    let bytes = std::fs::read(path).map_err(|source| NarrativeReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    read_narrative_bytes(path, &bytes)
}

/// word/document.xml as lines: a paragraph is a line; the cells of a table row are joined by
/// tabs (the paragraphs of one cell by a space).
fn docx_text(bytes: &[u8]) -> Result<String, DocxError> {
    let bad = |reason: &str| DocxError::Bad(reason.to_string());
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| bad("文件不是 Word 的压缩格式"))?;
    let mut xml = Vec::new();
    zip.by_name("word/document.xml")
        .map_err(|_| bad("找不到正文部件 word/document.xml"))?
        .take(MAX_TEXT_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|_| bad("正文部件已损坏"))?;
    if xml.len() as u64 > MAX_TEXT_BYTES {
        return Err(DocxError::TooLarge);
    }
    let xml = String::from_utf8(xml).map_err(|_| bad("正文不是 UTF-8 编码的 XML"))?;
    let mut reader = Reader::from_str(&xml);
    let mut out = String::new();
    let mut paragraph = String::new();
    let mut cell: Vec<String> = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut in_text = false;
    let mut table_depth = 0usize;
    loop {
        match reader
            .read_event()
            .map_err(|_| bad("正文的 XML 结构有误"))?
        {
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
                if let Some(c) = r
                    .resolve_char_ref()
                    .map_err(|_| bad("正文含有无效的字符引用"))?
                {
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
        let err = read_narrative_bytes(Path::new("说明.txt"), &[0xB6, 0xFF, 0x80]).unwrap_err();
        assert!(err.to_string().contains("编码无法识别"), "{err}");
        assert!(is_narrative_path(Path::new("a.DOCX")));
        let err = read_narrative_bytes(Path::new("说明.docx"), &docx("<w:p>")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "文件 说明.docx 不是有效的 Word 文档（.docx）：正文的 XML 结构有误"
        );
        assert!(!is_narrative_path(Path::new("a.xlsx")));
    }

    #[test]
    fn a_document_that_inflates_past_the_limit_is_refused() {
        let padding = " ".repeat(MAX_TEXT_BYTES as usize + 1);
        let bytes = docx(&format!("<w:p><w:r><w:t>说明</w:t></w:r></w:p>{padding}"));
        assert!(bytes.len() < 1_000_000);
        let err = read_narrative_bytes(Path::new("炸弹.docx"), &bytes).unwrap_err();
        assert_eq!(
            err.to_string(),
            "文件 炸弹.docx 的正文超过 32 MB，不像一份情况说明，已停止读取。"
        );
        let err = read_narrative_bytes(Path::new("长.txt"), padding.as_bytes()).unwrap_err();
        assert!(matches!(err, NarrativeReadError::TooLarge { .. }));
    }

    #[test]
    fn texts_saved_by_windows_editors_read_the_same() {
        let text = "一、部门收支总体情况\n收入总计 842.07 万元。\n";
        let windows = text.replace('\n', "\r\n");
        let (gbk, _, lossy) = encoding_rs::GBK.encode(&windows);
        assert!(!lossy);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(windows.encode_utf16().flat_map(u16::to_le_bytes));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend(windows.as_bytes());
        for bytes in [windows.as_bytes().to_vec(), gbk.into_owned(), utf16, bom] {
            assert_eq!(
                read_narrative_bytes(Path::new("说明.txt"), &bytes).unwrap(),
                text
            );
        }
    }
}
