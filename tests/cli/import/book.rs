//! Workbooks written byte by byte for the import tests: a minimal zip writer (stored
//! parts, or one raw deflate stream), `.xlsx` and `.ods` files from rows of text, and
//! hostile ones a few kilobytes long that claim far more than they hold.

use std::fs;
use std::path::Path;

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// One part of a zip: stored as is, or an already deflated stream that inflates to
/// `size` bytes (its checksum is not computed: readers only check it at the end).
pub enum Part {
    Stored(Vec<u8>),
    Deflated { stream: Vec<u8>, size: u64 },
}

/// Writes a zip of `parts`.
pub fn zip(path: &Path, parts: Vec<(&str, Part)>) {
    let mut out: Vec<u8> = Vec::new();
    let mut central: Vec<u8> = Vec::new();
    let le16 = |v: &mut Vec<u8>, n: u16| v.extend(n.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, n: u32| v.extend(n.to_le_bytes());
    let count = parts.len() as u16;
    for (name, part) in parts {
        let (method, crc, data, size) = match part {
            Part::Stored(bytes) => (0u16, crc32(&bytes), bytes.clone(), bytes.len() as u64),
            Part::Deflated { stream, size } => (8u16, 0, stream, size),
        };
        let offset = out.len() as u32;
        for (v, signature) in [(&mut out, 0x0403_4b50u32), (&mut central, 0x0201_4b50)] {
            le32(v, signature);
            if signature == 0x0201_4b50 {
                le16(v, 20);
            }
            le16(v, 20);
            le16(v, 0);
            le16(v, method);
            le32(v, 0);
            le32(v, crc);
            le32(v, data.len() as u32);
            le32(v, size.min(u64::from(u32::MAX)) as u32);
            le16(v, name.len() as u16);
            le16(v, 0);
            if signature == 0x0201_4b50 {
                le16(v, 0);
                le16(v, 0);
                le16(v, 0);
                le32(v, 0);
                le32(v, offset);
            }
            v.extend(name.as_bytes());
        }
        out.extend(&data);
    }
    let central_at = out.len() as u32;
    let central_len = central.len() as u32;
    out.extend(central);
    le32(&mut out, 0x0605_4b50);
    le16(&mut out, 0);
    le16(&mut out, 0);
    le16(&mut out, count);
    le16(&mut out, count);
    le32(&mut out, central_len);
    le32(&mut out, central_at);
    le16(&mut out, 0);
    fs::write(path, out).expect("write zip");
}

/// A raw deflate stream (fixed Huffman codes) of `prefix`, then `1 + 258 * runs`
/// bytes of `a`, then `suffix`: a few megabytes that inflate to gigabytes.
pub fn deflate_run(prefix: &str, runs: u64, suffix: &str) -> (Vec<u8>, u64) {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, count: u32) {
            self.acc |= value << self.n;
            self.n += count;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// A Huffman code, most significant bit first.
        fn code(&mut self, code: u64, len: u32) {
            let reversed = (0..len).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
            self.put(reversed, len);
        }
        fn literal(&mut self, byte: u8) {
            assert!(byte < 144, "ASCII only");
            self.code(0x30 + u64::from(byte), 8);
        }
    }
    let mut bits = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    bits.put(1, 1); // last block
    bits.put(1, 2); // fixed Huffman codes
    for b in prefix.bytes() {
        bits.literal(b);
    }
    bits.literal(b'a');
    for _ in 0..runs {
        bits.code(0xC5, 8); // length 258 (symbol 285)
        bits.code(0, 5); // distance 1
    }
    for b in suffix.bytes() {
        bits.literal(b);
    }
    bits.code(0, 7); // end of block
    if bits.n > 0 {
        bits.out.push(bits.acc as u8);
    }
    let size = prefix.len() as u64 + 1 + 258 * runs + suffix.len() as u64;
    (bits.out, size)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A sheet: its name, rows from row 1 (a cell `""` is empty; `n:4` a number, `d:45838`
/// a date-formatted serial number, `f:20` a formula with cached value 20, `f:` one
/// without, `b:1` a boolean; anything else text), and merged ranges.
pub struct Sheet<'a> {
    pub name: &'a str,
    pub rows: Vec<Vec<&'a str>>,
    pub merges: Vec<&'a str>,
}

fn column(i: usize) -> String {
    let mut n = i + 1;
    let mut s = Vec::new();
    while n > 0 {
        s.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).expect("letters")
}

/// The XML of one worksheet, text in the shared strings table `strings`.
pub fn sheet_xml(sheet: &Sheet, strings: &mut Vec<String>) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    for (r, row) in sheet.rows.iter().enumerate() {
        let number = r + 1;
        if row.iter().all(|c| c.is_empty()) {
            continue;
        }
        xml.push_str(&format!("<row r=\"{number}\">"));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{number}", column(c));
            let body = if cell.is_empty() {
                continue;
            } else if let Some(n) = cell.strip_prefix("n:") {
                format!("<c r=\"{at}\"><v>{n}</v></c>")
            } else if let Some(n) = cell.strip_prefix("d:") {
                format!("<c r=\"{at}\" s=\"1\"><v>{n}</v></c>")
            } else if let Some(v) = cell.strip_prefix("f:") {
                format!("<c r=\"{at}\"><f>1+1</f><v>{v}</v></c>")
            } else if let Some(v) = cell.strip_prefix("b:") {
                format!("<c r=\"{at}\" t=\"b\"><v>{v}</v></c>")
            } else {
                let index = strings.iter().position(|s| s == cell).unwrap_or_else(|| {
                    strings.push(cell.to_string());
                    strings.len() - 1
                });
                format!("<c r=\"{at}\" t=\"s\"><v>{index}</v></c>")
            };
            xml.push_str(&body);
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData>");
    if !sheet.merges.is_empty() {
        xml.push_str(&format!("<mergeCells count=\"{}\">", sheet.merges.len()));
        for m in &sheet.merges {
            xml.push_str(&format!("<mergeCell ref=\"{m}\"/>"));
        }
        xml.push_str("</mergeCells>");
    }
    xml.push_str("</worksheet>");
    xml
}

/// The parts of a workbook around its sheets' XML.
pub fn xlsx_parts(names: &[&str], sheets: Vec<Part>, strings: &[String]) -> Vec<(String, Part)> {
    let mut workbook = String::from(
        "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>",
    );
    let mut rels = String::from(
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (i, name) in names.iter().enumerate() {
        workbook.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
            escape(name),
            i + 1,
            i + 1
        ));
        rels.push_str(&format!(
            "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{}.xml\"/>",
            i + 1,
            i + 1
        ));
    }
    workbook.push_str("</sheets></workbook>");
    rels.push_str("<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rIdT\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>");
    let mut sst = format!(
        "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{0}\" uniqueCount=\"{0}\">",
        strings.len()
    );
    for s in strings {
        sst.push_str(&format!(
            "<si><t xml:space=\"preserve\">{}</t></si>",
            escape(s)
        ));
    }
    sst.push_str("</sst>");
    let styles = "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd\\-mmm\\-yyyy\"/></numFmts><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>";
    let package = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
    let types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
    let mut parts: Vec<(String, Part)> = vec![
        ("[Content_Types].xml".into(), Part::Stored(types.into())),
        ("_rels/.rels".into(), Part::Stored(package.into())),
        (
            "xl/workbook.xml".into(),
            Part::Stored(workbook.into_bytes()),
        ),
        (
            "xl/_rels/workbook.xml.rels".into(),
            Part::Stored(rels.into_bytes()),
        ),
        ("xl/styles.xml".into(), Part::Stored(styles.into())),
        (
            "xl/sharedStrings.xml".into(),
            Part::Stored(sst.into_bytes()),
        ),
    ];
    for (i, sheet) in sheets.into_iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), sheet));
    }
    parts
}

/// Writes an `.xlsx` workbook of `sheets`.
pub fn xlsx(path: &Path, sheets: &[Sheet]) {
    let mut strings = Vec::new();
    let xml: Vec<Part> = sheets
        .iter()
        .map(|s| Part::Stored(sheet_xml(s, &mut strings).into_bytes()))
        .collect();
    let names: Vec<&str> = sheets.iter().map(|s| s.name).collect();
    let parts = xlsx_parts(&names, xml, &strings);
    zip(
        path,
        parts.iter().map(|(n, p)| (n.as_str(), clone(p))).collect(),
    );
}

fn clone(part: &Part) -> Part {
    match part {
        Part::Stored(b) => Part::Stored(b.clone()),
        Part::Deflated { stream, size } => Part::Deflated {
            stream: stream.clone(),
            size: *size,
        },
    }
}

/// Writes an `.ods` spreadsheet; `rows_xml` is the body of each table as given.
pub fn ods(path: &Path, tables: &[(&str, &str)]) {
    let mut content = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>",
    );
    for (name, rows) in tables {
        content.push_str(&format!(
            "<table:table table:name=\"{}\">{rows}</table:table>",
            escape(name)
        ));
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    zip(
        path,
        vec![
            (
                "mimetype",
                Part::Stored(b"application/vnd.oasis.opendocument.spreadsheet".to_vec()),
            ),
            ("content.xml", Part::Stored(content.into_bytes())),
        ],
    );
}

/// An ODS row of text cells.
pub fn ods_row(cells: &[&str]) -> String {
    let mut row = String::from("<table:table-row>");
    for c in cells {
        if c.is_empty() {
            row.push_str("<table:table-cell/>");
        } else if let Some(d) = c.strip_prefix("date:") {
            row.push_str(&format!(
                "<table:table-cell office:value-type=\"date\" office:date-value=\"{d}\"><text:p>{d}</text:p></table:table-cell>"
            ));
        } else if let Some(n) = c.strip_prefix("n:") {
            row.push_str(&format!(
                "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{n}</text:p></table:table-cell>"
            ));
        } else {
            row.push_str(&format!(
                "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                escape(c)
            ));
        }
    }
    row.push_str("</table:table-row>");
    row
}
