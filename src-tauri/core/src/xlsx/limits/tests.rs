use std::io::Write;

use super::*;

fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = typ.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
    out
}

fn number(row: u16, col: u16) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(col.to_le_bytes());
    data.extend([0, 0]); // format
    data.extend(1.0f64.to_le_bytes());
    record(0x0203, &data)
}

fn dimensions(first_row: u32, last_row: u32, first_col: u16, last_col: u16) -> Vec<u8> {
    let mut data = first_row.to_le_bytes().to_vec();
    data.extend(last_row.to_le_bytes());
    data.extend(first_col.to_le_bytes());
    data.extend(last_col.to_le_bytes());
    data.extend([0, 0]);
    record(DIMENSIONS, &data)
}

/// A workbook stream: globals naming one sheet "表1", then the sheet's own records.
fn stream(sheet_records: &[Vec<u8>], globals_extra: &[Vec<u8>]) -> Vec<u8> {
    let bof = record(BOF, &[0, 6, 5, 0, 0, 0, 0, 0]);
    let name: Vec<u8> = "表1".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let boundsheet_len = 4 + 8 + name.len();
    let globals_len: usize =
        bof.len() + globals_extra.iter().map(Vec::len).sum::<usize>() + boundsheet_len + 4;
    let mut sheet = (globals_len as u32).to_le_bytes().to_vec();
    sheet.extend([0, 0, 2, 1]); // visible worksheet; 2 characters, UTF-16
    sheet.extend(&name);
    let mut out = bof.clone();
    for extra in globals_extra {
        out.extend(extra);
    }
    out.extend(record(BOUNDSHEET, &sheet));
    out.extend(record(EOF, &[]));
    assert_eq!(out.len(), globals_len);
    out.extend(&bof);
    for r in sheet_records {
        out.extend(r);
    }
    out.extend(record(EOF, &[]));
    out
}

#[test]
fn an_ordinary_sheet_passes() {
    let s = stream(
        &[dimensions(0, 40, 0, 10), number(0, 0), number(39, 9)],
        &[],
    );
    assert_eq!(check_biff(&s), Ok(()));
}

#[test]
fn a_dimension_record_that_declares_a_huge_sheet_is_refused_by_name() {
    // calamine reserves declared rows × columns up front: four billion rows abort the process
    let s = stream(&[dimensions(0, u32::MAX, 0, 255), number(0, 0)], &[]);
    assert_eq!(
        check_biff(&s),
        Err(Refusal::TooLarge(
            "工作表“表1”声明的单元格范围超过 200 万个单元格".into()
        ))
    );
    // a first row after the last wraps around in calamine's arithmetic
    let s = stream(&[dimensions(10, 5, 0, 3), number(0, 0)], &[]);
    assert!(matches!(check_biff(&s), Err(Refusal::TooLarge(_))));
}

#[test]
fn two_cells_far_apart_are_refused_because_calamine_fills_the_area_between() {
    let s = stream(&[number(0, 0), number(65_535, 255)], &[]);
    assert_eq!(
        check_biff(&s),
        Err(Refusal::TooLarge("工作表“表1”超过 200 万个单元格".into()))
    );
}

#[test]
fn a_password_to_open_is_named() {
    let s = stream(&[number(0, 0)], &[record(FILEPASS, &[1, 0, 0, 0])]);
    assert_eq!(check_biff(&s), Err(Refusal::Encrypted));
}

#[test]
fn a_sheet_placed_past_the_end_of_the_stream_is_damage_not_a_crash() {
    let mut s = stream(&[number(0, 0)], &[]);
    // point the sheet far past the end
    let at = s
        .windows(2)
        .position(|w| w == BOUNDSHEET.to_le_bytes())
        .unwrap()
        + 4;
    s[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(check_biff(&s), Err(Refusal::Corrupt { .. })));
}

#[test]
fn truncated_records_end_the_walk_quietly() {
    let s = stream(&[number(0, 0)], &[]);
    for cut in 0..s.len() {
        let _ = check_biff(&s[..cut]);
    }
}

fn zip_with(members: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in members {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_member_is_measured_by_inflating_it() {
    let bytes = zip_with(&[("xl/worksheets/sheet1.xml", vec![b' '; 200_000])]);
    assert!(bytes.len() < 5_000);
    assert_eq!(check_zip_within(&bytes, 300_000, 1_000_000), Ok(()));
    assert_eq!(
        check_zip_within(&bytes, 100_000, 1_000_000),
        Err(Refusal::TooLarge(
            "工作簿中的部件“xl/worksheets/sheet1.xml”解压后超过 100000 字节".into()
        ))
    );
}

#[test]
fn members_are_added_up() {
    let bytes = zip_with(&[("a.xml", vec![b' '; 60_000]), ("b.xml", vec![b' '; 60_000])]);
    assert_eq!(
        check_zip_within(&bytes, 100_000, 100_000),
        Err(Refusal::TooLarge("工作簿解压后合计超过 100000 字节".into()))
    );
}

#[test]
fn a_compound_file_holding_an_encrypted_package_is_a_password_not_an_xls() {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    file.create_stream("/EncryptionInfo")
        .unwrap()
        .write_all(&[4, 0, 4, 0])
        .unwrap();
    file.create_stream("/EncryptedPackage")
        .unwrap()
        .write_all(&[0; 64])
        .unwrap();
    file.flush().unwrap();
    let bytes = file.into_inner().into_inner();
    assert_eq!(check_compound(&bytes), Err(Refusal::Encrypted));
}

#[test]
fn cells_are_counted_one_by_one_per_sheet_and_in_all() {
    let mut budget = CellBudget::default();
    budget.start_sheet();
    for _ in 0..MAX_SHEET_CELLS {
        budget.one_more("表1").unwrap();
    }
    assert_eq!(
        budget.one_more("表1"),
        Err(Refusal::TooLarge("工作表“表1”超过 200 万个单元格".into()))
    );
    // two more sheets just under the sheet limit pass the workbook's at the last
    let mut budget = CellBudget::default();
    let mut refused = None;
    for sheet in ["表1", "表2", "表3"] {
        budget.start_sheet();
        for _ in 0..MAX_SHEET_CELLS - 1 {
            if let Err(e) = budget.one_more(sheet) {
                refused.get_or_insert((sheet, e));
            }
        }
    }
    assert_eq!(
        refused,
        Some((
            "表3",
            Refusal::TooLarge("全部工作表合计超过 500 万个单元格".into())
        ))
    );
}

#[test]
fn cell_elements_are_counted_across_pieces_and_prefixes() {
    let xml = br#"<sheetData><row r="1"><c r="A1"><v>1</v></c><x:c r="B1"/><c>"#;
    let mut whole = CellTags::default();
    whole.feed(xml);
    assert_eq!(whole.count, 3);
    // <cols>, <col>, <conditionalFormatting> are no cells
    let mut others = CellTags::default();
    others.feed(br#"<cols><col min="1"/></cols><conditionalFormatting sqref="A1">"#);
    assert_eq!(others.count, 0);
    for cut in 0..xml.len() {
        let mut split = CellTags::default();
        split.feed(&xml[..cut]);
        split.feed(&xml[cut..]);
        assert_eq!(split.count, 3, "cut at {cut}");
    }
}

#[test]
fn a_sheet_with_too_many_cells_is_refused_before_parsing() {
    let mut xml = b"<worksheet><sheetData><row>".to_vec();
    for _ in 0..=MAX_SHEET_CELLS {
        xml.extend(b"<c/>");
    }
    xml.extend(b"</row></sheetData></worksheet>");
    let bytes = zip_with(&[("xl/worksheets/sheet1.xml", xml)]);
    assert_eq!(
        check_zip(&bytes),
        Err(Refusal::TooLarge(
            "工作簿中的工作表部件“xl/worksheets/sheet1.xml”超过 200 万个单元格".into()
        ))
    );
}
