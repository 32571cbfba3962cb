//! Hostile and broken files, built here: none may crash or exhaust the program, each gets its
//! own Chinese message, and in a batch the good files around them are reviewed as if alone.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use budget_core::error::ErrorPayload;
use budget_core::review::{review_file, review_files, ReviewedFile};
use budget_core::xlsx::{self, ReadError};
use budget_tests::{fixture, fixture_sheets, write_workbook, Put, BUDGET_TABLES};
use flate2::write::DeflateEncoder;
use flate2::Compression;

// ---------------------------------------------------------------------------------------------
// Builders

/// A zip written by hand, so that a member can carry a deflate stream assembled elsewhere.
/// Members are (name, method, crc, inflated size, data).
fn zip_by_hand(members: &[(String, u16, u32, u32, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, crc, size, data) in members {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = sig.to_le_bytes().to_vec();
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(method.to_le_bytes());
            h.extend(0u16.to_le_bytes()); // time
            h.extend(0x21u16.to_le_bytes()); // 1980-01-01
            h.extend(crc.to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend([0u8; 6]); // comment length, disk, internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(data);
        central.extend(header(0x0201_4b50, true));
    }
    let central_at = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((members.len() as u16).to_le_bytes());
    out.extend((members.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(central_at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// Deflate blocks for `data`: sync-flushed (not final, byte aligned) unless `last`. Streams of
/// such blocks concatenate into one stream.
fn deflated(data: &[u8], last: bool) -> Vec<u8> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(data).unwrap();
    if last {
        encoder.finish().unwrap()
    } else {
        encoder.flush().unwrap();
        encoder.get_ref().clone()
    }
}

/// A real one-sheet workbook whose sheet XML is padded to inflate to `megabytes` MB while the
/// file stays about a thousandth of that. Its CRC is not computed (reading 3 GB to compute it
/// would be the test's whole time); a reader that stops at its limit never gets to check it.
fn deflate_bomb(dir: &Path, megabytes: u32) -> PathBuf {
    let plain = dir.join("plain.xlsx");
    let mut sheets = vec![budget_tests::SheetSpec::new("表1")];
    sheets[0].set("A1", Put::Text("封面".into()));
    write_workbook(&plain, &sheets);
    let mut archive = zip::ZipArchive::new(Cursor::new(std::fs::read(&plain).unwrap())).unwrap();
    let mut members = Vec::new();
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).unwrap();
        let name = member.name().unwrap().to_string();
        let mut content = Vec::new();
        std::io::copy(&mut member, &mut content).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let head = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
            let tail = b"</sheetData></worksheet>";
            let chunk = deflated(&vec![b' '; 1 << 20], false);
            let mut data = deflated(head, false);
            for _ in 0..megabytes {
                data.extend(&chunk);
            }
            data.extend(deflated(tail, true));
            let size = (head.len() + tail.len()) as u32 + (megabytes << 20);
            members.push((name, 8, 0, size, data));
        } else {
            let mut crc = flate2::Crc::new();
            crc.update(&content);
            members.push((name, 0, crc.sum(), content.len() as u32, content));
        }
    }
    let path = dir.join("炸弹.xlsx");
    std::fs::write(&path, zip_by_hand(&members)).unwrap();
    path
}

/// One value in the last cell Excel has.
fn far_corner(dir: &Path) -> PathBuf {
    let path = dir.join("角落.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("表1").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    book.save(&path).unwrap();
    path
}

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = typ.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
    out
}

/// A BIFF8 .xls with one sheet "表1": its DIMENSIONS record as given, and a number in A1.
fn xls(dir: &Path, name: &str, dimensions: (u32, u32, u16, u16)) -> PathBuf {
    let bof = |kind: u16| {
        let mut d = 0x0600u16.to_le_bytes().to_vec();
        d.extend(kind.to_le_bytes());
        d.extend([0u8; 12]);
        record(0x0809, &d)
    };
    let sheet_name: Vec<u8> = "表1".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let globals_len = bof(5).len() + 4 + 8 + sheet_name.len() + 4;
    let mut bound = (globals_len as u32).to_le_bytes().to_vec();
    bound.extend([0, 0, 2, 1]);
    bound.extend(&sheet_name);
    let mut stream = bof(5);
    stream.extend(record(0x0085, &bound));
    stream.extend(record(0x000A, &[]));
    assert_eq!(stream.len(), globals_len);
    stream.extend(bof(0x10));
    let (r0, r1, c0, c1) = dimensions;
    let mut dims = r0.to_le_bytes().to_vec();
    dims.extend(r1.to_le_bytes());
    dims.extend(c0.to_le_bytes());
    dims.extend(c1.to_le_bytes());
    dims.extend([0, 0]);
    stream.extend(record(0x0200, &dims));
    let mut number = vec![0u8; 6];
    number.extend(42.0f64.to_le_bytes());
    stream.extend(record(0x0203, &number));
    stream.extend(record(0x000A, &[]));
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    file.create_stream("/Workbook")
        .unwrap()
        .write_all(&stream)
        .unwrap();
    file.flush().unwrap();
    let path = dir.join(name);
    std::fs::write(&path, file.into_inner().into_inner()).unwrap();
    path
}

/// What Office writes for a workbook with a password to open: the package, encrypted, inside
/// an OLE compound file.
fn password_protected(dir: &Path) -> PathBuf {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    file.create_stream("/EncryptionInfo")
        .unwrap()
        .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
        .unwrap();
    file.create_stream("/EncryptedPackage")
        .unwrap()
        .write_all(&[0x5a; 4096])
        .unwrap();
    file.flush().unwrap();
    let path = dir.join("加密.xlsx");
    std::fs::write(&path, file.into_inner().into_inner()).unwrap();
    path
}

fn read_error(path: &Path) -> ReadError {
    match xlsx::load(path) {
        Ok(_) => panic!("{} was read", path.display()),
        Err(e) => e,
    }
}

// ---------------------------------------------------------------------------------------------
// Each file on its own

#[test]
fn one_value_in_the_last_cell_is_read_as_one_cell() {
    let dir = tempfile::tempdir().unwrap();
    let book = xlsx::load(&far_corner(dir.path())).unwrap();
    let sheet = &book.sheets[0];
    assert_eq!(sheet.height(), 1_048_576);
    assert_eq!(sheet.width(), 16_384);
    assert_eq!(sheet.cell(1_048_575, 16_383).display(), "x");
    let reviewed = review_file(&far_corner(dir.path()));
    assert_eq!(reviewed.error, None);
}

#[test]
fn a_sheet_that_inflates_to_three_gigabytes_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = deflate_bomb(dir.path(), 3_000);
    let size = std::fs::metadata(&bomb).unwrap().len();
    assert!(size < 4_000_000, "the bomb is {size} bytes");
    let err = read_error(&bomb);
    assert_eq!(err.code(), "workbook_too_large");
    assert_eq!(
        err.to_string(),
        format!(
            "工作簿 {}：工作簿中的部件“xl/worksheets/sheet1.xml”解压后超过 100 MB，已停止读取。",
            bomb.display()
        )
    );
}

#[test]
fn an_xls_declaring_four_billion_rows_is_refused_while_an_honest_one_reads() {
    let dir = tempfile::tempdir().unwrap();
    let honest = xls(dir.path(), "诚实.xls", (0, 1, 0, 1));
    let book = xlsx::load(&honest).unwrap();
    assert_eq!(book.sheets[0].name, "表1");
    assert_eq!(book.sheets[0].cell(0, 0).display(), "42");

    let lying = xls(dir.path(), "虚报.xls", (0, u32::MAX, 0, 255));
    let err = read_error(&lying);
    assert!(
        err.to_string()
            .contains("工作表“表1”声明的单元格范围超过 200 万个单元格，已停止读取"),
        "{err}"
    );
}

#[test]
fn a_password_an_empty_file_and_garbage_each_say_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let locked = read_error(&password_protected(dir.path()));
    assert_eq!(locked.code(), "encrypted_workbook");
    assert!(locked.to_string().contains("设有打开密码"), "{locked}");
    // On its way to the window the error keeps its code and its message (it became a bare
    // "invalid" before the area errors converted into CoreError).
    let message = locked.to_string();
    let payload = ErrorPayload::of(locked);
    assert_eq!(payload.code, "encrypted_workbook");
    assert_eq!(payload.message, message);

    let empty = dir.path().join("空.xlsx");
    std::fs::write(&empty, b"").unwrap();
    let err = read_error(&empty);
    assert_eq!(err.code(), "empty_file");
    assert!(err.to_string().contains("空文件（0 字节）"), "{err}");

    let garbage = dir.path().join("乱码.xlsx");
    std::fs::write(&garbage, "这不是工作簿".repeat(100)).unwrap();
    assert_eq!(read_error(&garbage).code(), "not_a_workbook");

    let whole = std::fs::read(fixture(BUDGET_TABLES)).unwrap();
    let cut = dir.path().join("半截.xlsx");
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let err = read_error(&cut);
    assert_eq!(err.code(), "corrupt_workbook");
    assert_no_library_words(&err.to_string().replace(&cut.display().to_string(), ""));
}

#[test]
fn an_xls_named_xlsx_is_read_by_its_content() {
    let dir = tempfile::tempdir().unwrap();
    let real = xls(dir.path(), "真.xls", (0, 1, 0, 1));
    let renamed = dir.path().join("改名.xlsx");
    std::fs::rename(&real, &renamed).unwrap();
    assert_eq!(
        xlsx::load(&renamed).unwrap().sheets[0].cell(0, 0).display(),
        "42"
    );
}

#[test]
fn a_table_without_amounts_and_tables_without_a_unit_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = fixture_sheets(BUDGET_TABLES);
    for sheet in &mut sheets {
        for put in sheet.cells.values_mut() {
            if matches!(put, Put::Text(t) if t.contains("编制部门") || t.contains("编制单位") || t.contains("若羌县人民政府办公室"))
            {
                *put = Put::Blank;
            }
        }
    }
    let emptied = "表10";
    let sheet = sheets.iter_mut().find(|s| s.name == emptied).unwrap();
    sheet.cells.retain(|_, put| !matches!(put, Put::Number(_)));
    let path = dir.path().join("无金额.xlsx");
    write_workbook(&path, &sheets);

    let reviewed = review_file(&path);
    assert_eq!(reviewed.error, None);
    let rules: Vec<_> = reviewed
        .findings
        .iter()
        .map(|f| (f.rule.as_str(), f.location.sheet.as_deref()))
        .collect();
    assert!(
        rules.contains(&("table_without_amounts", Some(emptied))),
        "{rules:?}"
    );
    assert!(rules.iter().any(|(r, _)| *r == "unit_missing"), "{rules:?}");
    // the untouched fixture has neither
    let clean = review_file(&fixture(BUDGET_TABLES));
    assert!(!clean
        .findings
        .iter()
        .any(|f| f.rule == "table_without_amounts" || f.rule == "unit_missing"));
}

// ---------------------------------------------------------------------------------------------
// A batch

#[test]
fn twenty_good_workbooks_among_five_hostile_ones_are_reviewed_as_if_alone() {
    let dir = tempfile::tempdir().unwrap();
    let goods = [
        BUDGET_TABLES,
        "ruoqiang-2024-project-targets.xlsx",
        "putuo-planning-2024-final-accounts.xlsx",
        "seni-2023-self-evaluation.xlsx",
    ];
    let mut paths = Vec::new();
    let mut expected: Vec<Option<ReviewedFile>> = Vec::new();
    let hostile = [
        deflate_bomb(dir.path(), 300),
        xls(dir.path(), "虚报.xls", (0, u32::MAX, 0, 255)),
        password_protected(dir.path()),
        {
            let p = dir.path().join("空.xlsx");
            std::fs::write(&p, b"").unwrap();
            p
        },
        {
            let p = dir.path().join("乱码.xls");
            std::fs::write(
                &p,
                [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3],
            )
            .unwrap();
            p
        },
    ];
    for i in 0..20 {
        if i % 4 == 1 {
            paths.push(hostile[i / 4].clone());
            expected.push(None);
        }
        let source = fixture(goods[i % goods.len()]);
        let copy = dir
            .path()
            .join(format!("{i:02}-{}", goods[i % goods.len()]));
        std::fs::copy(&source, &copy).unwrap();
        let mut alone = review_file(&copy);
        alone.file = copy.display().to_string();
        paths.push(copy);
        expected.push(Some(alone));
    }
    assert_eq!(paths.len(), 25);

    let batch = review_files(&paths);
    assert_eq!(batch.len(), 25);
    let mut refused = Vec::new();
    for (reviewed, alone) in batch.iter().zip(&expected) {
        match alone {
            Some(alone) => {
                assert_eq!(reviewed.error, None, "{}", reviewed.file_name);
                assert_eq!(reviewed.kind, alone.kind, "{}", reviewed.file_name);
                assert_eq!(reviewed.tables, alone.tables, "{}", reviewed.file_name);
                assert_eq!(
                    reviewed.error_count, alone.error_count,
                    "{}",
                    reviewed.file_name
                );
                assert_eq!(
                    reviewed.warning_count, alone.warning_count,
                    "{}",
                    reviewed.file_name
                );
            }
            None => {
                assert!(reviewed.is_unreadable(), "{}", reviewed.file_name);
                refused.push(reviewed.error.clone().unwrap_or_default());
            }
        }
    }
    let expect = [
        "解压后超过 100 MB",
        "声明的单元格范围超过",
        "设有打开密码",
        "空文件",
        "已损坏",
    ];
    for (message, part) in refused.iter().zip(expect) {
        assert!(message.contains(part), "“{message}” should say “{part}”");
    }
}

/// A message a finance officer reads holds Chinese and the names of programs they know, never
/// the English of the zip, XML or spreadsheet library underneath (that stays in the error for
/// support).
fn assert_no_library_words(message: &str) {
    let words: Vec<&str> = message
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3 && !["Excel", "WPS", "xlsx"].contains(w))
        .collect();
    assert!(words.is_empty(), "{words:?} in “{message}”");
}

#[test]
fn a_damaged_pdf_is_called_damaged_not_a_scan() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(fixture("pdf/putuo-wanli-2024-department-budget.pdf")).unwrap();
    // flip bytes all through the body: the page tree and the content streams break
    let end = bytes.len() - 2000;
    for at in (2000..end).step_by(397) {
        bytes[at] ^= 0x5A;
    }
    let damaged = dir.path().join("损坏.pdf");
    std::fs::write(&damaged, &bytes).unwrap();
    let reviewed = review_file(&damaged);
    let error = reviewed.error.clone().unwrap_or_default();
    assert!(error.contains("已损坏"), "{error}");
    assert!(!error.contains("扫描件"), "{error}");
}
