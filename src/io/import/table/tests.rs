//! Tests of reading tables.

use self::super::csv::BATCH_ROWS;
use super::*;

#[test]
fn gbk_bytes_are_detected_and_decoded() {
    let (bytes, _, _) =
        encoding_rs::GBK.encode("名称,统一社会信用代码\n测试公司,91350200776049653A\n");
    let t = read_csv_bytes(&bytes, "x.csv", None).unwrap();
    assert_eq!(t.encoding, Some(TextEncoding::Gb18030));
    assert_eq!(t.headers, vec!["名称", "统一社会信用代码"]);
    assert_eq!(&t.rows[0].1[0], "测试公司");
    assert_eq!(t.rows[0].0, 2);
}

#[test]
fn utf8_bom_is_stripped_and_blank_lines_skipped() {
    let t = read_csv_bytes("\u{feff}a,b\n\n1,2\n,,\n3,4\n".as_bytes(), "x.csv", None).unwrap();
    assert_eq!(t.headers, vec!["a", "b"]);
    let lines: Vec<u64> = t.rows.iter().map(|r| r.0).collect();
    assert_eq!(lines, vec![3, 5]);
}

#[test]
fn utf16_tab_separated_is_read() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "名称\t代码\r\n甲\t1\r\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let t = read_csv_bytes(&bytes, "x.txt", None).unwrap();
    assert_eq!(t.headers, vec!["名称", "代码"]);
    assert_eq!(&t.rows[0].1[1], "1");
}

#[test]
fn forced_utf8_on_gbk_bytes_is_an_encoding_error() {
    let (bytes, _, _) = encoding_rs::GBK.encode("名称\n");
    let e = read_csv_bytes(&bytes, "x.csv", Some(TextEncoding::Utf8)).unwrap_err();
    assert!(matches!(e, ImportError::Encoding { .. }));
}

fn problems(e: ImportError) -> Vec<(u64, Option<usize>, String)> {
    match e {
        ImportError::Rejected { problems, .. } | ImportError::Encoding { problems, .. } => problems
            .into_iter()
            .map(|p| (p.line, p.column, p.reason))
            .collect(),
        e => panic!("unexpected {e}"),
    }
}

#[test]
fn encoding_errors_name_line_and_character_column_of_each_bad_line() {
    let (gbk, _, _) = encoding_rs::GBK.encode("a,b\n名称,x\nok,ok\n甲乙,丙\n");
    let e = read_csv_bytes(&gbk, "x.csv", Some(TextEncoding::Utf8)).unwrap_err();
    let p = problems(e);
    let at: Vec<(u64, Option<usize>)> = p.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(at, [(2, Some(1)), (4, Some(1))]);
    assert!(
        p[0].2.contains("byte(s) C3 ") && p[0].2.contains("not UTF-8"),
        "{}",
        p[0].2
    );
    // Bad bytes after text on the line: the column counts characters.
    let (gbk, _, _) = encoding_rs::GBK.encode("名称,代码\n甲公司,\u{3000}");
    let mut bytes = gbk.into_owned();
    bytes.extend_from_slice(&[0xFF, b'\n']);
    let p = problems(read_csv_bytes(&bytes, "x.csv", None).unwrap_err());
    assert_eq!((p[0].0, p[0].1), (2, Some(6)), "{p:?}");
    assert!(p[0].2.contains("GB18030"), "{}", p[0].2);
    assert!(p[0].2.contains("from line 1 on"), "{}", p[0].2);
    // A lead byte followed by a line break: the line break is kept.
    let p = problems(read_csv_bytes(b"a,b\nx\x81\nab\xFF\n", "x.csv", None).unwrap_err());
    let at: Vec<(u64, Option<usize>)> = p.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(at, [(2, Some(2)), (3, Some(3))]);
}

#[test]
fn a_workbook_named_csv_is_recognised() {
    let e = read_csv_bytes(b"PK\x03\x04rest", "x.csv", None).unwrap_err();
    assert!(e.to_string().contains("name the file .xlsx"), "{e}");
}

#[test]
fn unbalanced_quotes_are_found_where_they_are() {
    let header = "a,b,c,d\n";
    // Never closed.
    let p = problems(
        read_csv_bytes(
            format!("{header}1,\"2,3,4\n5,6,7,8\n").as_bytes(),
            "x.csv",
            None,
        )
        .unwrap_err(),
    );
    assert_eq!((p[0].0, p[0].1), (2, Some(2)));
    assert!(p[0].2.contains("never closed"), "{}", p[0].2);
    // Closed on a later line with text after it.
    let t = format!("{header}1,\"2,3,4\n5,6,7,8\n9,\"x,y\",1,2\n");
    let p = problems(read_csv_bytes(t.as_bytes(), "x.csv", None).unwrap_err());
    assert_eq!((p[0].0, p[0].1), (2, Some(2)));
    assert!(p[0].2.contains("line 4"), "{}", p[0].2);
    // Closed before a delimiter, swallowing a whole row.
    let t = format!("{header}1,\"2,3,4\n5,6,7,8\n9,x\",1,2\n");
    let p = problems(read_csv_bytes(t.as_bytes(), "x.csv", None).unwrap_err());
    assert_eq!((p[0].0, p[0].1), (2, Some(2)));
    assert!(p[0].2.contains("look like whole rows"), "{}", p[0].2);
    // A lone quote inside a cell.
    let t = format!("{header}1,甲公司\",3,4\n");
    let p = problems(read_csv_bytes(t.as_bytes(), "x.csv", None).unwrap_err());
    assert_eq!((p[0].0, p[0].1), (2, Some(2)));
    assert!(p[0].2.contains("character 4"), "{}", p[0].2);
    // Balanced and well-formed quoting is fine, across lines too.
    let t = format!("{header}1,\"甲\"\"乙\"\"\",\"x\ny, z\",4\n5,a \"b\" c,7,8\n");
    let table = read_csv_bytes(t.as_bytes(), "x.csv", None).unwrap();
    assert_eq!(&table.rows[0].1[1], "甲\"乙\"");
    assert_eq!(table.rows.len(), 2);
}

#[test]
fn quoted_multiline_field_keeps_the_starting_line() {
    let t = read_csv_bytes(b"a,b\n\"x\ny\",2\n3,4\n", "x.csv", None).unwrap();
    assert_eq!(t.rows[0].0, 2);
    assert_eq!(t.rows[1].0, 4);
}

/// Guards the reader thread of `read_csv_stream`: a refusal found by the
/// reader after some batches comes after exactly those batches, in order; a
/// handler's error stops the reader and is what the read returns.
#[test]
fn the_reader_thread_hands_over_what_one_thread_would() {
    let rows = 2 * BATCH_ROWS + 100;
    let mut text = String::from("a,b\n");
    for i in 0..rows {
        text.push_str(&format!("{i},x\n"));
    }
    // Whole: every row, in order, batch by batch.
    let mut seen = Vec::new();
    read_csv_stream(text.clone().into_bytes(), "x.csv", None, &mut |ev| {
        if let CsvEvent::Rows(r) = ev {
            seen.push((r.len(), r[0].0, r[0].1[0].to_string()));
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(
        seen,
        vec![
            (BATCH_ROWS, 2, "0".to_string()),
            (BATCH_ROWS, 2 + BATCH_ROWS as u64, BATCH_ROWS.to_string()),
            (100, 2 + 2 * BATCH_ROWS as u64, (2 * BATCH_ROWS).to_string()),
        ]
    );
    // A cell too long in the third batch: two batches, then the refusal.
    let long = "y".repeat(crate::io::import::limits::MAX_CELL_CHARS + 1);
    let bad = text.replacen(
        &format!("\n{},x\n", 2 * BATCH_ROWS + 5),
        &format!("\n{},{long}\n", 2 * BATCH_ROWS + 5),
        1,
    );
    let mut batches = 0;
    let e = read_csv_stream(bad.into_bytes(), "x.csv", None, &mut |ev| {
        if let CsvEvent::Rows(_) = ev {
            batches += 1;
        }
        Ok(())
    })
    .unwrap_err();
    assert_eq!(batches, 2);
    let p = problems(e);
    assert_eq!((p[0].0, p[0].1), (2 * BATCH_ROWS as u64 + 7, Some(2)));
    // The handler refuses the first batch: nothing more is handed over.
    let mut calls = 0;
    let e = read_csv_stream(text.into_bytes(), "x.csv", None, &mut |ev| {
        calls += 1;
        match ev {
            CsvEvent::Head(..) => Ok(()),
            CsvEvent::Rows(_) => Err(ImportError::Empty {
                file: "x.csv".into(),
                line: 9,
                reason: "handler".into(),
            }),
        }
    })
    .unwrap_err();
    assert_eq!(calls, 2, "the header and one batch");
    assert!(matches!(e, ImportError::Empty { line: 9, .. }), "{e:?}");
}
