//! Structure-aware mutations for the smoke run: byte edits for every target, and for zips
//! (.xlsx, .docx) edits to the XML of one member before zipping again, so that a mutation is not
//! simply refused by a checksum.

use crate::{unzip_members, zip_members};

/// xorshift64*: small, fast and reproducible from one seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// Tokens the text readers care about: units, comparisons, brackets, separators, huge numbers.
pub const TEXT_TOKENS: &[&str] = &[
    "万元",
    "元",
    "%",
    "％",
    "≥",
    "≤",
    ">",
    "<",
    "=",
    "（",
    "）",
    "(",
    ")",
    "-",
    "—",
    "+",
    ".",
    "。",
    ",",
    "，",
    "１",
    "０",
    "年",
    "增长",
    "下降",
    "减少",
    "增加",
    "合计",
    "其中：",
    "占",
    "99999999999999999999999999999",
    "0.0000000000000000000000000001",
    "1e308",
    "\t",
    "\n",
    "\u{3000}",
    "\u{feff}",
    "\u{0}",
    "项目名称",
    "实际完成值",
    "全年执行数",
    "功能分类",
    "经济分类",
    "资金来源",
    "支出类型",
    "金额",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "'",
];

/// XML pieces a workbook or document may hold, several of them at the limits of the format.
pub const XML_TOKENS: &[&str] = &[
    "<c r=\"XFD1048576\"><v>1</v></c>",
    "<c r=\"A1\" t=\"s\"><v>4294967295</v></c>",
    "<c r=\"B2\" t=\"inlineStr\"><is><t>合计</t></is></c>",
    "<c r=\"C3\"><f>SUM(A1:A2)</f><v>1e308</v></c>",
    "<c r=\"D4\" t=\"n\"><v>NaN</v></c>",
    "<c r=\"E5\" t=\"e\"><v>#DIV/0!</v></c>",
    "<c r=\"F6\" t=\"d\"><v>9999-12-31T23:59:59</v></c>",
    "<row r=\"1048576\">",
    "<row r=\"0\">",
    "</row>",
    "<mergeCell ref=\"A1:XFD1048576\"/>",
    "<mergeCell ref=\"B2:A1\"/>",
    "<mergeCells count=\"1\">",
    "<dimension ref=\"A1:XFD1048576\"/>",
    "&#0;",
    "&amp;",
    "&lt;",
    "&#x10FFFF;",
    "<![CDATA[x]]>",
    "<w:p><w:r><w:t>",
    "</w:t></w:r></w:p>",
    "<w:tab/>",
    "<w:tbl><w:tr><w:tc>",
    "</w:tc></w:tr></w:tbl>",
    "<sheet name=\"表1\" sheetId=\"2\" r:id=\"rId1\"/>",
];

const REFS: &[&str] = &[
    "A1",
    "XFD1048576",
    "A1048576",
    "XFD1",
    "ZZZZ9999999999",
    "",
    "A0",
    "1A",
    "B2:A1",
];

/// One mutation of `data`; `others` are inputs to splice from.
pub fn mutate(rng: &mut Rng, data: &[u8], others: &[Vec<u8>]) -> Vec<u8> {
    if data.starts_with(b"PK") && rng.chance(2) {
        if let Some(out) = mutate_zip(rng, data) {
            return out;
        }
    }
    let mut out = data.to_vec();
    for _ in 0..1 + rng.below(4) {
        bytes_once(rng, &mut out, others, TEXT_TOKENS);
    }
    out
}

fn bytes_once(rng: &mut Rng, out: &mut Vec<u8>, others: &[Vec<u8>], tokens: &[&str]) {
    let len = out.len();
    match rng.below(9) {
        0 if len > 0 => {
            let i = rng.below(len);
            out[i] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let i = rng.below(len);
            out[i] = [0, 0xff, 0x7f, 0x80, b'0', b'9', b'-', b'.', b'<'][rng.below(9)];
        }
        2 => {
            let i = rng.below(len + 1);
            let n = 1 + rng.below(8);
            let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            out.splice(i..i, bytes);
        }
        3 if len > 0 => {
            let i = rng.below(len);
            let n = 1 + rng.below((len - i).min(64));
            out.drain(i..i + n);
        }
        4 if len > 0 => out.truncate(rng.below(len)),
        5 if len > 0 => {
            // Duplicate a slice: repeated rows, cells, paragraphs.
            let i = rng.below(len);
            let n = 1 + rng.below((len - i).min(256));
            let piece = out[i..i + n].to_vec();
            let at = rng.below(len + 1);
            out.splice(at..at, piece);
        }
        6 if !others.is_empty() => {
            let other = &others[rng.below(others.len())];
            if !other.is_empty() {
                let i = rng.below(other.len());
                let n = 1 + rng.below((other.len() - i).min(512));
                let at = rng.below(len + 1);
                out.splice(at..at, other[i..i + n].iter().copied());
            }
        }
        _ => {
            let token = tokens[rng.below(tokens.len())].as_bytes();
            let at = char_boundary(out, rng.below(len + 1));
            out.splice(at..at, token.iter().copied());
        }
    }
}

/// Moves `i` back to the start of a UTF-8 character, so tokens land between characters.
fn char_boundary(bytes: &[u8], mut i: usize) -> usize {
    while i > 0 && i < bytes.len() && (bytes[i] & 0xC0) == 0x80 {
        i -= 1;
    }
    i
}

/// Mutates the XML of one member of a zip and zips it again (stored or deflated).
fn mutate_zip(rng: &mut Rng, data: &[u8]) -> Option<Vec<u8>> {
    let mut members = unzip_members(data)?;
    let xml: Vec<usize> = members
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| n.ends_with(".xml") || n.ends_with(".rels"))
        .map(|(i, _)| i)
        .collect();
    if xml.is_empty() {
        return None;
    }
    // Worksheets and the document body are where the readers spend their time.
    let preferred: Vec<usize> = xml
        .iter()
        .copied()
        .filter(|&i| {
            let n = &members[i].0;
            n.contains("worksheets/") || n.contains("sharedStrings") || n.ends_with("document.xml")
        })
        .collect();
    let pick = if !preferred.is_empty() && !rng.chance(4) {
        preferred[rng.below(preferred.len())]
    } else {
        xml[rng.below(xml.len())]
    };
    let body = &mut members[pick].1;
    for _ in 0..1 + rng.below(3) {
        xml_once(rng, body);
    }
    if rng.chance(8) && members.len() > 1 {
        let i = rng.below(members.len());
        members.remove(i);
    }
    Some(zip_members(&members, rng.chance(2)))
}

fn xml_once(rng: &mut Rng, body: &mut Vec<u8>) {
    let tags: Vec<usize> = body
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'<')
        .map(|(i, _)| i)
        .collect();
    match rng.below(5) {
        0 => {
            // A cell or range reference pointed somewhere else.
            let refs = find_all(body, b" r=\"");
            let refs = if refs.is_empty() {
                find_all(body, b"ref=\"")
            } else {
                refs
            };
            if let Some(&at) = refs.get(rng.below(refs.len().max(1))) {
                let start = at + body[at..].iter().position(|b| *b == b'"').unwrap_or(0) + 1;
                if let Some(end) = body[start..].iter().position(|b| *b == b'"') {
                    let new = REFS[rng.below(REFS.len())].as_bytes();
                    body.splice(start..start + end, new.iter().copied());
                }
            }
        }
        1 if tags.len() > 2 => {
            // An element (or several) repeated or dropped.
            let a = tags[rng.below(tags.len())];
            let b = tags[rng.below(tags.len())];
            let (a, b) = (a.min(b), a.max(b));
            if rng.chance(2) {
                let piece = body[a..b].to_vec();
                body.splice(b..b, piece);
            } else {
                body.drain(a..b);
            }
        }
        2 | 3 => {
            let token = XML_TOKENS[rng.below(XML_TOKENS.len())].as_bytes();
            let at = if tags.is_empty() {
                0
            } else {
                tags[rng.below(tags.len())]
            };
            body.splice(at..at, token.iter().copied());
        }
        _ => bytes_once(rng, body, &[], TEXT_TOKENS),
    }
}

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}
