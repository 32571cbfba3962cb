//! Unit tests of the PDF layout steps on synthetic characters.

use super::glyphs::{Glyph, PageText, Ruling};
use super::lines::page_rows;

/// Characters of `text` from `x`, each `size` wide, on the baseline `y`.
fn run(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            let w = if c.is_ascii() { size / 2.0 } else { size };
            let x0 = x + text
                .chars()
                .take(i)
                .map(|c| if c.is_ascii() { size / 2.0 } else { size })
                .sum::<f64>();
            Glyph {
                text: c.to_string(),
                x: x0,
                right: x0 + w,
                y,
                size,
            }
        })
        .collect()
}

fn texts(page: &PageText) -> Vec<Vec<String>> {
    page_rows(page)
        .into_iter()
        .map(|r| r.segments.into_iter().map(|s| s.text).collect())
        .collect()
}

#[test]
fn an_amount_ends_at_its_decimals_or_its_thousands_however_close_the_next_cell() {
    let mut glyphs = run("371,514,655.00", 100.0, 200.0, 10.0);
    glyphs.extend(run("一、一般公共服务支出", 169.0, 200.0, 10.0));
    glyphs.extend(run("156,211,123", 100.0, 230.0, 10.0));
    glyphs.extend(run("二、公共安全支出", 155.0, 230.0, 10.0));
    glyphs.extend(run("2025年部门收支预算总表", 100.0, 260.0, 10.0));
    glyphs.extend(run("合计1.00万元", 100.0, 290.0, 10.0));
    let page = PageText {
        number: 1,
        glyphs,
        rulings: Vec::new(),
        unreadable: false,
    };
    assert_eq!(
        texts(&page),
        vec![
            vec!["371,514,655.00", "一、一般公共服务支出"],
            vec!["156,211,123", "二、公共安全支出"],
            vec!["2025年部门收支预算总表"],
            vec!["合计1.00万元"],
        ]
    );
}

#[test]
fn a_ruled_table_cuts_at_its_borders_only() {
    // "201 一般公共服务支出" in one cell, "683.70" in the next, a border between
    let mut glyphs = run("201", 100.0, 200.0, 10.0);
    glyphs.extend(run("一般公共服务支出", 118.0, 200.0, 10.0));
    glyphs.extend(run("683.70", 205.0, 200.0, 10.0));
    let border = |x: f64| Ruling {
        x,
        top: 180.0,
        bottom: 210.0,
    };
    let page = PageText {
        number: 1,
        glyphs,
        rulings: vec![border(95.0), border(202.0), border(240.0)],
        unreadable: false,
    };
    assert_eq!(texts(&page), vec![vec!["201一般公共服务支出", "683.70"]]);
    let rows = page_rows(&page);
    assert_eq!(rows[0].borders, vec![95.0, 202.0, 240.0]);
}

#[test]
fn a_character_drawn_twice_for_bold_is_one() {
    let mut glyphs = run("合计", 100.0, 200.0, 10.0);
    glyphs.extend(run("合计", 100.3, 200.0, 10.0));
    let page = PageText {
        number: 1,
        glyphs,
        rulings: Vec::new(),
        unreadable: false,
    };
    assert_eq!(texts(&page), vec![vec!["合计"]]);
}
