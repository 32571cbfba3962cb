//! Pure text helpers shared by every layer: label folding and A1 cell references. A leaf:
//! depends on nothing else in the crate.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
