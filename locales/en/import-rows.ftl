# Why rows, cells and files of an import are refused (src/io/import/reasons.rs), and the stages of an import.

import-reason-empty = is empty
import-reason-empty-expected = is empty; expected { $accepted }
import-reason-column-needed = column missing: needed to add or replace a row
import-reason-not-in-vocabulary = not a known { $vocabulary ->
        [entity-kind] entity kind
        [entity-status] entity status
        [officer-status] officer status
        [credit-class] credit class
        [item-type] item type
       *[other] { $vocabulary }
    } (accepted: { $accepted })
import-reason-region-shape = is not a 6-digit region code
import-reason-region-province = does not start with a province code of GB/T 2260
import-reason-empty-date = is empty; expected a date such as 2026-03-02
import-reason-not-a-date = not a date (expected YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)
import-reason-not-an-iso-date = not a date (expected YYYY-MM-DD)
import-reason-uscc-length = has { $got } characters, expected 18
import-reason-uscc-character = character { $ch } at position { $position } is not allowed (allowed: 0-9 and A-Y without I, O, S, V, Z)
import-reason-uscc-check-character = check character is { $got }, expected { $expected }
import-reason-uscc-check = { $why } (GB 32100-2015); to accept a legacy code knowingly, list it with --accept-legacy-uscc
import-reason-uscc-legacy-accepted = { $why }; accepted as a listed legacy code
import-reason-other-department = differs from --department { $want }; a department import holds only that department's rows
import-reason-uscc-kind-mismatch = USCC { $uscc } starts with { $prefix }, which GB 32100-2015 gives to another kind (expected { $expected })
import-reason-cert-expired = certificate of { $id } expired before { $today }: kept, but not eligible for draws dated after { $expiry }
import-reason-unknown-officer = no officer with this certificate number in the officer directory
import-reason-unknown-entity = no entity with this USCC in the target directory
import-reason-duplicate-key = duplicate key: already on line { $line }
import-reason-duplicate-key-in-file = duplicate key: already in { $file } on line { $line }
import-reason-remove-missing = marked for removal, but no such record exists
import-reason-remove-other-department = marked for removal, but it belongs to { $owner }, not --department { $want }
import-reason-bad-action = not an action (use 新增/修改 to add or replace, 删除 to remove)
import-reason-control-character = contains the control character U+{ $code }{ $name ->
        [nul] {" "}(NUL)
        [tab] {" "}(tab)
        [line-break] {" "}(line break)
        [carriage-return] {" "}(carriage return)
        [escape] {" "}(escape)
       *[other] {""}
    } at character { $position }; control characters are not allowed in text
import-reason-column-twice = column { $column } is given twice (also column { $first })
import-reason-unknown-column = unknown column, ignored
import-reason-missing-column = missing required column { $column } ({ $aliases })
import-reason-results-missing-column = missing required column { $column }
import-reason-foreign-key = { $officer ->
        [yes] officer
       *[no] item
    } { $key } belongs to { $owner }, not { $department }: a department's file lists only its own (ask { $owner } to change it)
import-reason-registry-emptied = the file has no rows: the registry { $emptied ->
        [yes] is emptied
       *[no] stays empty
    }
import-reason-dangling-recusals = { $count } recusal(s) name a{ $officers ->
        [yes] {" "}officer
       *[no] {" "}entity
    } no longer in the registry; they are kept
import-reason-department-not-applicable = --department applies to items and officers, not { $kind }
import-reason-unreadable-csv = unreadable CSV: { $error }
import-reason-too-many-rows = more than { $limit } data rows (Excel's own limit): split the file
import-reason-too-many-cells = more than { $limit } cells in all: split the file
import-reason-row-too-long = a row of more than { $limit } bytes (1 MiB)
import-reason-row-too-long-open-quote = a row of more than { $limit } bytes (1 MiB): a quote " is never closed (it opens the cell at line { $line }, column { $column })
import-reason-too-many-columns = a row of more than { $limit } columns
import-reason-cell-too-long = a cell of { $chars } characters; the limit is { $limit } (Excel's own)
import-reason-cell-beyond-rows = a cell in row { $row }, beyond Excel's { $limit } rows
import-reason-cell-beyond-columns = a cell in column { $name } ({ $number }), beyond the { $limit } columns read
import-reason-too-much-text = more than { $limit } bytes of text in all (512 MiB): split the file
import-reason-file-too-large = the file is { $size } bytes; the limit is { $limit } (256 MiB): split it
import-reason-old-xls = old .xls workbooks are not read; save as .xlsx or CSV
import-reason-part-too-large = the workbook part { $part } unpacks to { $size } bytes; the limit is { $limit } (1 GiB)
import-reason-part-too-large-huge = the workbook part { $part } unpacks to more than 4 GiB bytes; the limit is { $limit } (1 GiB)
import-reason-damaged-workbook = damaged workbook: the spreadsheet reader failed on it ({ $what }); open and save it again in Excel, or export CSV
import-reason-cannot-open-workbook = cannot open workbook: { $error }
import-reason-cannot-read-sheet = cannot read sheet { $sheet }: { $error }
import-reason-no-sheet = workbook has no sheet
import-reason-sheet-range-beyond = sheet { $sheet } declares the range { $range }, beyond Excel's { $rows } rows and { $columns } columns

import-stage-reading = reading
import-stage-loading = loading current registries
import-stage-validating = validating
import-stage-merging = merging
import-stage-checking-recusals = checking recusals
import-stage-committing = committing
import-stage-committed = committed
import-stage-merging-again = the registry changed meanwhile: merging again

demo-error-import = importing { $file }: { $why }
demo-error-step = { $step }: { $why }

import-reason-leave-columns = a leave file needs the columns 执法证号 and 开始日期 (or 日期), and may have 结束日期
import-reason-leave-no-officer = missing officer id
import-reason-leave-unknown-officer = not an officer of these campaigns' directory
import-reason-leave-date = not a date YYYY-MM-DD
import-reason-leave-end = the end must be on or after { $start } and within a year of it

import-vocabulary-accepted = { $vocabulary ->
       *[other] { $accepted }
    }
