//! Shared by the crash-safety tests and their worker (`src/bin/crash_worker.rs`): the databases
//! the operations start from, the lines they write, and a digest of a whole database that says
//! whether two databases hold the same committed content.

use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::Path;

use budget_core::lines::LineSet;
use budget_core::model::{DisclosureKind, UnitInput, UnitType};
use budget_core::store::{connect, migrate, Migration, MIGRATIONS};
use budget_core::{Money, Result, Store};
use rust_xlsxwriter::Workbook;

use crate::disclosures::ruoqiang_2024;

/// The unit every operation writes to (seed 004), and the one none of them touches.
pub const UNIT_NAME: &str = "若羌县人民政府办公室";
pub const UNIT_CODE: &str = "101001";
pub const OTHER_UNIT_CODE: &str = "101002";
pub const YEAR: i32 = 2024;

/// The schema version the migration test starts from: budget lines exist, everything after
/// (targets, evaluations, catalog, documents, drafts, 决算) is still to come.
pub const OLD_VERSION: i64 = 3;

/// `n` lines cycling through the real 若羌 2024 lines, each amount shifted by `variant` and the
/// line's index in 分, so that two variants differ in every line and in their sum.
pub fn generated_lines(n: usize, variant: i64) -> LineSet {
    let base = ruoqiang_2024();
    let lines = (0..n)
        .map(|i| {
            let mut line = base.lines[i % base.lines.len()].clone();
            line.amount = Money::from_fen(line.amount.fen() + variant + i as i64);
            line
        })
        .collect();
    LineSet {
        projects: base.projects,
        lines,
    }
}

/// A flat line workbook (the import template's columns) holding `set`, stating the unit and
/// year above the header as budget systems do.
pub fn write_lines_workbook(set: &LineSet, path: &Path) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("预算明细")?;
    sheet.write_string(0, 0, format!("{YEAR}年预算明细"))?;
    sheet.write_string(1, 0, format!("编制部门：{UNIT_NAME}"))?;
    let headers = [
        "功能分类科目编码",
        "经济分类科目编码",
        "资金来源",
        "支出类型",
        "项目编码",
        "金额（元）",
        "上年结转",
        "备注",
        "项目名称",
        "项目类别",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(2, c as u16, *h)?;
    }
    for (i, l) in set.lines.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_string(r, 0, &l.function_code)?;
        sheet.write_string(r, 1, &l.economic_code)?;
        sheet.write_string(r, 2, l.source.label())?;
        sheet.write_string(r, 3, l.spending.label())?;
        let project = l
            .project_code
            .as_deref()
            .and_then(|code| set.projects.iter().find(|p| p.code == code));
        if let Some(p) = project {
            sheet.write_string(r, 4, &p.code)?;
            sheet.write_string(r, 8, &p.name)?;
            sheet.write_string(r, 9, p.category.label())?;
        }
        // 元 with two decimals as text, so that no float rounding stands between the 分 written
        // and the 分 read back.
        let fen = l.amount.fen();
        sheet.write_string(r, 5, format!("{}.{:02}", fen / 100, fen % 100))?;
        sheet.write_string(r, 6, if l.carried_over { "是" } else { "否" })?;
        sheet.write_string(r, 7, &l.note)?;
    }
    book.save(path)
}

/// A current database with the two units, the 若羌 2024 预算 holding `lines` and the other
/// unit's 2024 预算 holding the real 若羌 lines. Returns the 若羌 disclosure's id.
pub fn current_database(path: &Path, lines: &LineSet) -> Result<i64> {
    let mut store = Store::open(path)?;
    let unit = store.create_unit(&UnitInput {
        name: UNIT_NAME.into(),
        code: UNIT_CODE.into(),
        unit_type: UnitType::Administrative,
        parent_id: None,
    })?;
    let other = store.create_unit(&UnitInput {
        name: "若羌县财政局".into(),
        code: OTHER_UNIT_CODE.into(),
        unit_type: UnitType::Administrative,
        parent_id: None,
    })?;
    let d = store.create_disclosure(unit.id, YEAR, DisclosureKind::Budget)?;
    store.save_lines(d.id, lines)?;
    let o = store.create_disclosure(other.id, YEAR, DisclosureKind::Budget)?;
    store.save_lines(o.id, &ruoqiang_2024())?;
    Ok(d.id)
}

/// A database at schema version `OLD_VERSION`, as an older release of the program left it:
/// two units, a 预算 with `lines` generated lines, a draft, and a 决算 under the template name
/// the last migration renames. Written with plain SQL because the current code only speaks the
/// current schema.
pub fn old_database(path: &Path, lines: usize) -> Result<()> {
    let old: Vec<Migration> = MIGRATIONS
        .iter()
        .filter(|m| m.version <= OLD_VERSION)
        .map(|m| Migration {
            version: m.version,
            sql: m.sql,
        })
        .collect();
    let mut conn = connect(path)?;
    migrate(&mut conn, path, &old)?;
    let tx = conn.transaction()?;
    tx.execute_batch(&format!(
        "INSERT INTO unit (id, name, code, unit_type) VALUES
             (1, '{UNIT_NAME}', '{UNIT_CODE}', '行政'), (2, '若羌县财政局', '{OTHER_UNIT_CODE}', '行政');
         INSERT INTO disclosure (id, unit_id, year, kind, template) VALUES
             (1, 1, {YEAR}, '预算', 'county-11'), (2, 2, 2023, '决算', 'final-9');
         INSERT INTO project (disclosure_id, code, name, category, position) VALUES
             (1, 'P1', '政务服务', '特定目标类', 0);
         WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {lines})
         INSERT INTO budget_line (disclosure_id, position, function_code, economic_code, source,
             carried_over, spending, project_code, amount_fen, note)
         SELECT 1, i, '2010301', '30101', '一般公共预算', 0,
             CASE WHEN i % 3 = 0 THEN '项目支出' ELSE '人员经费' END,
             CASE WHEN i % 3 = 0 THEN 'P1' END, 100000 + i, '第' || i || '行' FROM n;
         INSERT INTO line_draft (disclosure_id, content) VALUES (1, '{{\"rows\":[]}}');"
    ))?;
    tx.commit()?;
    Ok(())
}

/// What a database holds, reduced to what the tests compare: a hash of its schema version,
/// schema and every row of every table, and per disclosure the count and sum of its lines for
/// the messages. Columns named `*_at` are left out: they hold the time of writing, which
/// differs between two runs that wrote the same content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    pub hash: u64,
    pub version: i64,
    /// disclosure id → (lines, sum of amounts in 分)
    pub lines: BTreeMap<i64, (i64, i64)>,
}

pub fn digest(path: &Path) -> Result<Digest> {
    let conn = connect(path)?;
    let mut hasher = DefaultHasher::new();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    version.hash(&mut hasher);
    let mut stmt = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name")?;
    let schema = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    schema.hash(&mut hasher);
    for (kind, table, _) in &schema {
        if kind != "table" {
            continue;
        }
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\""))?;
        let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
        let mut rows = Vec::new();
        let mut cursor = stmt.query([])?;
        while let Some(row) = cursor.next()? {
            let mut text = String::new();
            for (i, name) in names.iter().enumerate() {
                if name.ends_with("_at") {
                    text.push_str("*|");
                } else {
                    text.push_str(&format!("{:?}|", row.get_ref(i)?));
                }
            }
            rows.push(text);
        }
        // Row order on disk is not content: a rebuilt table may return the same rows in
        // another order.
        rows.sort();
        (table, rows).hash(&mut hasher);
    }
    let mut stmt = conn.prepare(
        "SELECT disclosure_id, count(*), sum(amount_fen) FROM budget_line GROUP BY disclosure_id",
    )?;
    let lines = stmt
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<Result<BTreeMap<_, _>, _>>()?;
    Ok(Digest {
        hash: hasher.finish(),
        version,
        lines,
    })
}

/// `PRAGMA integrity_check` of the file: "ok", or what SQLite found wrong.
pub fn integrity_check(path: &Path) -> Result<String> {
    let conn = connect(path)?;
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let found = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(found.join("; "))
}
