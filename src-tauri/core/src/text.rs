//! Pure text helpers shared by every layer: label folding, A1 cell references, the characters
//! XML can carry and safe file names. A leaf: depends on nothing else in the crate.

/// "A1" for zero-based (0, 0).
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// Zero-based (row, col) for "E6"; `None` for anything else.
pub fn parse_a1(text: &str) -> Option<(u32, u32)> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = text.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut col: u32 = 0;
    for c in letters.chars() {
        col = col
            .checked_mul(26)?
            .checked_add(c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)?;
    }
    let row: u32 = digits.parse().ok()?;
    (row >= 1 && col >= 1).then(|| (row - 1, col - 1))
}

/// Folds a label for comparison: no whitespace of any width, full-width letters, digits and
/// punctuation as ASCII, Chinese quotes as plain quotes. "编 制 部 门 ：" → "编制部门:".
pub fn fold_label(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}' && *c != '\u{00a0}')
        .map(|c| match c {
            '！'..='～' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '“' | '”' | '‘' | '’' | '「' | '」' => '"',
            '【' | '〔' => '[',
            '】' | '〕' => ']',
            '、' => ',',
            '。' => '.',
            c => c,
        })
        .collect()
}

/// True for a character XML 1.0 can carry (its `Char` production). A document with any other
/// (U+0001, U+000B, U+FFFE…) is not well-formed: Word refuses to open it, so text typed or
/// pasted by a user must lose them before it is written into hand-made XML.
pub fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// Characters a Windows file name may not contain.
const NOT_IN_FILE_NAMES: [char; 9] = ['\\', '/', ':', '*', '?', '"', '<', '>', '|'];

/// Names Windows keeps for devices, with or without an extension ("CON", "nul.xlsx"): a file
/// given one cannot be created or opened.
const DEVICE_NAMES: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];

/// Characters of a file name's stem at most: with a short extension the name stays well under
/// the 120 a folder path leaves room for on Windows (MAX_PATH is 260 for the whole path).
const MAX_STEM_CHARS: usize = 100;

/// Stands in for a stem that has nothing left.
const UNNAMED: &str = "未命名";

fn is_device_name(stem: &str) -> bool {
    // Windows ignores what follows the first dot and trailing spaces before it: "CON .txt",
    // "con.tar.gz" are the console too.
    let base = stem.split('.').next().unwrap_or_default().trim_end();
    let upper = base.to_uppercase();
    if DEVICE_NAMES.contains(&upper.as_str()) {
        return true;
    }
    let mut chars = upper.chars();
    let prefix: String = chars.by_ref().take(3).collect();
    let rest: Vec<char> = chars.collect();
    (prefix == "COM" || prefix == "LPT") && matches!(rest.as_slice(), ['1'..='9' | '¹' | '²' | '³'])
}

/// A file name Windows accepts, built from text a user typed (a unit or project name):
/// `\ / : * ? " < > |` and control characters become "_", trailing dots and spaces go (Windows
/// drops them, so the name saved would not be the one shown), a device name such as "CON" or
/// "com1" gets a leading "_", the stem is cut to at most 100 characters (never inside a
/// character) and is never empty. `extension` ("xlsx", no dot) is put back after the stem; a
/// name that already ends with it is not given it twice.
pub fn file_name(name: &str, extension: &str) -> String {
    let stem = match name.len().checked_sub(extension.len() + 1) {
        Some(at)
            if !extension.is_empty()
                && name.is_char_boundary(at)
                && name[at..].starts_with('.')
                && name[at + 1..].eq_ignore_ascii_case(extension) =>
        {
            &name[..at]
        }
        _ => name,
    };
    let cleaned: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || NOT_IN_FILE_NAMES.contains(&c) || !is_xml_char(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trim = |s: &str| -> String {
        s.trim_start()
            .trim_end_matches(|c: char| c == '.' || c.is_whitespace())
            .to_string()
    };
    let mut stem: String = trim(&cleaned).chars().take(MAX_STEM_CHARS).collect();
    stem = trim(&stem);
    if stem.is_empty() {
        stem = UNNAMED.to_string();
    }
    if is_device_name(&stem) {
        stem.insert(0, '_');
    }
    if extension.is_empty() {
        stem
    } else {
        format!("{stem}.{extension}")
    }
}

/// What went wrong with a file, in the user's words. The operating system's own text is English
/// on most machines and names no remedy; the cases a finance office meets get a sentence that
/// does. Above all a file Excel, Word or WPS holds open: Windows refuses every other program the
/// file, and the user only has to close it.
pub fn io_reason(err: &std::io::Error) -> String {
    if is_locked(err.raw_os_error(), cfg!(windows)) {
        return "文件正被其他程序（如 Excel、Word 或 WPS）打开，请关闭后重试".to_string();
    }
    match err.kind() {
        std::io::ErrorKind::NotFound => "文件或文件夹不存在".to_string(),
        std::io::ErrorKind::PermissionDenied => {
            "没有读写权限（文件可能是只读的，或在受保护的文件夹中）".to_string()
        }
        _ => err.to_string(),
    }
}

/// The error of moving a finished file over `target`, as the user should read it. Windows
/// refuses to replace a file Excel holds open with "access denied", the same answer as for a
/// read-only folder; opening the target tells the two apart (Excel's lock is a sharing
/// violation), so the message can say to close the file.
pub fn replace_error(err: std::io::Error, target: &std::path::Path) -> std::io::Error {
    if cfg!(windows) && err.kind() == std::io::ErrorKind::PermissionDenied {
        if let Err(open) = std::fs::OpenOptions::new().append(true).open(target) {
            if is_locked(open.raw_os_error(), true) {
                return open;
            }
        }
    }
    err
}

/// Whether a file operation failed because another program (Excel, Word, WPS) holds the file
/// open: the one failure the user fixes by closing that program.
pub fn is_file_in_use(err: &std::io::Error) -> bool {
    is_locked(err.raw_os_error(), cfg!(windows))
}

/// ERROR_SHARING_VIOLATION (32) and ERROR_LOCK_VIOLATION (33): what Windows answers when a file
/// another program holds open is opened. (The same numbers mean other things elsewhere.)
fn is_locked(os_code: Option<i32>, windows: bool) -> bool {
    windows && matches!(os_code, Some(32 | 33))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_chars_are_those_xml_1_0_allows() {
        assert!(is_xml_char('\t') && is_xml_char('\n') && is_xml_char('中'));
        assert!(is_xml_char('\u{1F600}'));
        for c in ['\u{0}', '\u{1}', '\u{B}', '\u{1F}', '\u{FFFE}', '\u{FFFF}'] {
            assert!(!is_xml_char(c), "{:X}", c as u32);
        }
    }

    #[test]
    fn file_names_lose_what_windows_refuses() {
        assert_eq!(
            file_name(r#"a\b/c:d*e?f"g<h>i|j2024年部门预算公开表.xlsx"#, "xlsx"),
            "a_b_c_d_e_f_g_h_i_j2024年部门预算公开表.xlsx"
        );
        assert_eq!(
            file_name("=HYPERLINK(\"http://x\",\"点我\")", "docx"),
            "=HYPERLINK(_http___x_,_点我_).docx"
        );
        assert_eq!(file_name("甲\u{1}乙\t丙\u{FFFE}", "txt"), "甲_乙_丙_.txt");
    }

    #[test]
    fn file_names_lose_trailing_dots_and_spaces() {
        assert_eq!(file_name("单位. . .xlsx", "xlsx"), "单位.xlsx");
        assert_eq!(file_name("  单位 ", "xlsx"), "单位.xlsx");
        assert_eq!(file_name("单位...", ""), "单位");
    }

    #[test]
    fn device_names_are_prefixed() {
        for name in [
            "CON", "con", "Prn", "aux", "NUL", "COM1", "com9", "LPT1", "lpt9", "COM¹",
        ] {
            assert_eq!(file_name(name, "xlsx"), format!("_{name}.xlsx"), "{name}");
        }
        assert_eq!(file_name("nul.xlsx", "xlsx"), "_nul.xlsx");
        assert_eq!(file_name("CON.tar", "gz"), "_CON.tar.gz");
        assert_eq!(file_name("con .txt", ""), "_con .txt");
        // Only the names themselves: a longer word, COM0 or COM10 is an ordinary name.
        for name in ["CONSOLE", "COM0", "COM10", "LPT", "中CON", "NULL"] {
            assert_eq!(file_name(name, "xlsx"), format!("{name}.xlsx"), "{name}");
        }
    }

    #[test]
    fn long_names_are_cut_between_characters() {
        let name = "很".repeat(300);
        let cut = file_name(&name, "xlsx");
        assert_eq!(cut, format!("{}.xlsx", "很".repeat(MAX_STEM_CHARS)));
        assert!(cut.chars().count() < 120);
        // Cut where a dot or space would end the stem, those go too.
        let name = format!("{}. 尾", "a".repeat(MAX_STEM_CHARS - 2));
        assert_eq!(file_name(&name, "xlsx"), format!("{}.xlsx", "a".repeat(98)));
    }

    #[test]
    fn file_names_are_never_empty() {
        assert_eq!(file_name("", "xlsx"), "未命名.xlsx");
        assert_eq!(file_name(" . . ", "docx"), "未命名.docx");
        assert_eq!(file_name(".xlsx", "xlsx"), "未命名.xlsx");
        assert_eq!(file_name("", ""), "未命名");
        // The name keeps its extension, whatever its case, and gets it once.
        assert_eq!(file_name("表.XLSX", "xlsx"), "表.xlsx");
        assert_eq!(file_name("表", "xlsx"), "表.xlsx");
    }

    #[test]
    fn a1_round_trips() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(5, 4), "E6");
        assert_eq!(a1(9, 25), "Z10");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(0, 701), "ZZ1");
        for (r, c) in [(0, 0), (5, 4), (99, 27), (3, 702)] {
            assert_eq!(parse_a1(&a1(r, c)), Some((r, c)));
        }
        assert_eq!(parse_a1("6E"), None);
        assert_eq!(parse_a1("A0"), None);
    }

    #[test]
    fn folds_spaced_full_width_labels() {
        assert_eq!(fold_label("编 制 部 门 ："), "编制部门:");
        assert_eq!(fold_label("收 入 总 计"), "收入总计");
        assert_eq!(fold_label("财政拨款（补助）"), "财政拨款(补助)");
        assert_eq!(
            fold_label("财政拨款“三公”经费\n支出情况表"),
            "财政拨款\"三公\"经费支出情况表"
        );
        assert_eq!(fold_label("２０２４年"), "2024年");
    }

    #[test]
    fn a_file_excel_holds_open_is_named_on_windows_only() {
        assert!(is_locked(Some(32), true));
        assert!(is_locked(Some(33), true));
        assert!(!is_locked(Some(32), false), "32 is EPIPE on Linux");
        assert!(!is_locked(Some(2), true));
        assert!(!is_locked(None, true));
    }

    #[test]
    fn common_failures_read_in_chinese() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(io_reason(&missing), "文件或文件夹不存在");
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(io_reason(&denied).starts_with("没有读写权限"));
    }
}
