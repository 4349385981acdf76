## The office's daily commands: registry and imports, results, status, schedule, calendar, reports (src/cli/registry.rs, src/io/import/messages.rs, src/cli/results.rs, src/cli/schedule.rs, src/cli/calendar.rs, src/io/report/text.rs).

## registry, import, update, generate, demo (src/cli/registry.rs)

registry-unknown-encoding = unknown encoding { $value } (use utf-8, gbk, gb18030 or utf-16)
registry-issues-title = { $title ->
        [warnings] warnings
       *[problems] problems
    } ({ $count }):
registry-snapshot-digest = snapshot { $id } digest { $digest }
registry-snapshot-root = {"  "}{ $kind } { $size } records  root { $root }
registry-department-not-applicable = --department applies to items and officers, not { $kind }
registry-several-files = several files are imported at once only as the whole registry of entities: `import entities FILE FILE …` (not an update, nor with --department)
registry-imported = { $delta ->
        [yes] updated
       *[no] imported
    } { $rows } rows{ $delta ->
        [yes] , removed { $removed }
       *[no] {""}
    } into { $kind } ({ $total } records now); new snapshot { $snapshot }
    root { $root }
registry-unchanged = { $rows } rows read: { $kind } unchanged, no new snapshot
registry-unchanged-current = { $rows } rows read: { $kind } unchanged, no new snapshot (current: { $snapshot })
registry-rejected = { $count } problem(s); nothing was imported
registry-no-snapshot = the workspace has no snapshot yet: import a registry first
registry-stats-snapshot = snapshot { $id }
registry-stats-title = { $title ->
        [entities-by-kind] entities by kind
        [entities-by-category] entities by category
        [entities-by-credit-class] entities by credit class
        [entities-by-status] entities by status
        [officers-by-department] officers by department
        [active-officers-by-department] active officers by department
       *[items-by-department] items by department
    }:
registry-export-public-only = only --public exports exist: dualdraw registry export --public FILE
registry-exported = wrote the public snapshot { $snapshot } (digest { $digest }) to { $file }
registry-no-snapshots = no snapshots yet
registry-no-record = no record { $key } in snapshot { $snapshot }
registry-not-a-proof = { $file }: not a record proof: { $why }
registry-proof-verified =
    VERIFIED: { $kind } record #{ $index } is in the tree with root { $root } ({ $size } records)
    of snapshot digest { $digest }
registry-proof-opened-class = opened credit class: { $class } ({ $zh })
registry-proof-digest-matches = the snapshot digest matches the one given
registry-proof-workspace-snapshot = this is snapshot { $id } of the workspace
registry-proof-compare-digest = compare the snapshot digest with the published one (or pass --snapshot-digest)
registry-proof-failed = FAILED: { $why }
registry-option-error = { $option }: { $why }
registry-generated = wrote a synthetic county (seed { $seed }, { $entities } entities, region { $region }):
demo-county = 1. synthetic county (seed { $seed }, { $entities } entities) written to { $dir }
demo-imported = {"   "}imported { $total } { $kind } ({ $warnings } warning(s))
demo-committed = 2. registries committed: snapshot { $snapshot } digest { $digest }
demo-registries-next =
    workspace: { $workspace }
    next: dualdraw -w { $workspace } registry stats
demo-announced =
    3. campaign { $campaign } announced before any randomness; announcement hash
    {"   "}{ $hash }
demo-witnesses =
    4. two witnesses (义务监督员甲, 乙) revealed their secrets; seed
    {"   "}{ $seed }
demo-drawn = 5. drawn — pool and drawn per credit-risk stratum:
demo-stratum = {"   "}{ $class }类  pool { $pool }  drawn { $drawn }
demo-targets = {"   "}{ $count } target(s), each with a team:
demo-more = {"   "}… and { $count } more (see the notice)
demo-proof =
    6. proof { $file }
    {"   "}verification: { $level } — VERIFIED
demo-notice =
    7. notice files (list CSV/xlsx/JSON, web page, draw record, public snapshot, verify.html) in
    {"   "}{ $dir }
demo-schedule =
    8. visit dates on { $days } working day(s), from the schedule secret fixed at the draw: one calendar file per officer in
    {"   "}{ $dir }
demo-results = 9. { $results } sample result(s) recorded on their visit dates; ledger head { $head }
demo-next =
    next: dualdraw -w { $workspace } status --today 2026-03-20
    {"      "}dualdraw verify { $proof } --snapshot { $snapshot }
    {"      "}dualdraw -w { $workspace } ledger verify

## calendar (src/cli/calendar.rs): working days, statutory holidays, adjusted working days

calendar-missing-year =
    { $command }: { $context }no official holiday schedule for { $year } is loaded (known: { $known }), so working days in { $year } cannot be counted.
    Store it in the workspace once the State Council publishes it (国务院办公厅关于{ $year }年部分节假日安排的通知, usually in November of the year before):
    {"  "}dualdraw calendar import holidays-{ $year }.toml
    a TOML file copied from the notice (docs/CALENDAR.md):
    {"  "}[{ $year }]
    {"  "}source = "国务院办公厅关于{ $year }年部分节假日安排的通知（国办发明电〔…〕…号）"
    {"  "}days_off = ["MM-DD", "MM-DD..MM-DD", …]
    {"  "}working_weekends = ["MM-DD", …]
    (--holidays FILE uses such a file for this command only.)
    Until it is published, --assume-weekends { $year } proceeds on weekends only: every deadline counted through { $year } is then provisional (暂定), and recomputed when { $year } is imported.
calendar-other-error = { $command }: { $context }{ $why }
calendar-assume-known-year = { $command }: the official holiday schedule of { $year } is known ({ $source }): --assume-weekends { $year } would count wrong days; leave it out
calendar-assumed-now = { $year }: no official holiday schedule yet; proceeding on weekends only (recorded in the workspace): every deadline counted through { $year } is provisional (暂定) until `dualdraw calendar import FILE`
calendar-provisional-mark = {" "}(暂定 provisional: counted on weekends only)
calendar-schedule-provisional = the working days of { $years } are assumed (weekends only, 暂定): once the official schedule is imported, `dualdraw status` lists every visit that fell on a day off, and `dualdraw schedule move` moves it
calendar-status-missing-years = no official holiday schedule for { $years } is loaded, so some deadlines cannot be counted: `dualdraw calendar import FILE` (docs/CALENDAR.md), or --assume-weekends YEAR to count on weekends only (暂定)
calendar-file-too-large = { $file }: { $bytes } bytes; a holiday file is at most { $max } bytes
calendar-imported-year = { $year }: { $outcome ->
        [replaced-assumption] imported, replacing the weekends-only assumption: its deadlines are recomputed and no longer provisional
        [replaced] imported, replacing the official schedule known before (--replace)
        [unchanged] already known with the same days: nothing recorded
       *[imported] imported
    } ({ $source }; { $days_off } day(s) off in { $periods } period(s), { $working_weekends } make-up working day(s))
calendar-import-refused =
    { $file }: { $why }
    nothing was imported (a corrected notice replaces a known year with --replace)
calendar-bad-file =
    { $file }: { $why }
    nothing was imported; the format is in docs/CALENDAR.md
calendar-no-year = no year in the file
calendar-deadlines-recomputed = { $count } deadline(s) recomputed:
calendar-visits-on-days-off = { $count } scheduled visit(s) now fall on a day off; move each (visit dates change only through schedule move):
calendar-import-provisional = ; { $count } publication deadline(s) provisional{ $mark }
calendar-list-heading = working days: Monday–Friday except the days off, plus the make-up working days (调休上班)
calendar-origin = { $origin ->
        [shipped] shipped
        [imported] imported
       *[assumed] assumed
    }
calendar-list-official = { $year }  { $origin }  { $days_off } day(s) off, { $working_weekends } make-up working day(s), { $working_days } working day(s)  { $source }
calendar-list-official-recorded = { $year }  { $origin }  { $days_off } day(s) off, { $working_weekends } make-up working day(s), { $working_days } working day(s)  { $source } (recorded { $at })
calendar-list-assumed = { $year }  { $origin }  weekends only, no official schedule yet (recorded { $at }): working days are Monday–Friday, and every deadline counted through { $year } is provisional (暂定) until `dualdraw calendar import FILE`
calendar-show =
    { $year } ({ $origin }{ $recorded }): { $source }
    days off (放假): { $ranges }
    make-up working days (调休上班): { $worked }
    working days in { $year }: { $working_days }
calendar-show-recorded = , recorded { $at }
calendar-show-none = none
calendar-due-changed = {"  "}{ $campaign } { $target }: due { $from } → { $to }
calendar-visit-on-day-off = {"  "}{ $visit } on { $date } ({ $key }): dualdraw schedule move { $command } --visit { $visit } --not-on { $date } --reason 法定节假日

## schedule (src/cli/schedule.rs)

schedule-file-error = { $file }: { $why }
schedule-completed = 【检查排期 / visit dates】{ $key } was already recorded, but its files were not all written (an earlier run was interrupted): { $files } file(s) written again in { $dir } from the recorded schedule; nothing new was recorded
schedule-name-campaigns = name the campaign(s) to schedule: dualdraw schedule ID…
schedule-bad-leave =
    { $count } bad row(s); nothing was scheduled:
    { $lines }
schedule-made =
    【检查排期 / visit dates】{ $key }
    { $visits } visit(s) ({ $joint } joint visit(s) of several campaigns) on { $days_used } of { $days } working day(s) between { $start } and { $end }; busiest day { $busiest } visit(s); no officer on more than { $officer_max } a day (limit { $per_day })
    the dates depend on the schedule secret fixed at the draw: keep them internal until the visits are done, then `dualdraw schedule reveal { $campaigns }`
    files in { $dir } ({ $calendars } calendar file(s) and department lists)
schedule-bad-officer-leave = --officer-leave { $spec }: write OFFICER=YYYY-MM-DD[,YYYY-MM-DD…]
schedule-say-what-changed = say what changed: --visit USCC --not-on YYYY-MM-DD, or --officer-leave OFFICER=YYYY-MM-DD[,…]
schedule-moved = reschedule { $seq } of { $key } ({ $reason }): { $count } visit(s) moved
schedule-moved-visit = {"  "}{ $visit }: { $from } → { $to }
schedule-files-rewritten = calendar files rewritten in { $dir }
schedule-revealed = revealed the schedule secrets and the { $visits } dates of { $campaigns } in the ledger: `dualdraw ledger verify` checks each secret against its draw's commitment

## results, history, publish, status (src/cli/results.rs)

results-recorded = { $mode ->
        [correction] corrected
       *[new] recorded
    } { $target } { $item }: { $result }; publish by { $due }{ $mark } (20th working day after { $date }){ $notes }
results-lines-context = { $file } line(s) { $lines }:{" "}
results-rejected = { $count } problem(s); nothing was imported
results-imported = imported { $count } result(s) for { $campaign }{ $provisional }{ $notes }
results-not-a-target = { $target } is not a target of { $campaign }
results-objection-recorded = objection recorded for { $target } in { $campaign }
results-notice-written = wrote the results notice of { $campaign } ({ $count } result(s)):
history-needs-columns = { $file }: needs the columns 统一社会信用代码 (uscc) and 检查日期 (date)
history-not-a-date = not a date (expected YYYY-MM-DD)
history-nothing-imported = nothing was imported
history-loaded = loaded { $count } earlier inspection(s) from { $file }
publish-written = wrote the notice of { $campaign } ({ $count } target(s)) to { $dir }:
publish-timing = Timing is your choice: the announcement was public before the draw; publish this list now, or after the visits so that targets are not warned (the proof shows nothing changed in between).
status-heading = status on { $today }
status-campaign = { $campaign }: { $state ->
        [announced] announced
        [drawn] drawn
       *[voided] voided
    }
status-drawn = , { $targets } target(s), { $with_results } with results, list { $list ->
        [yes] published
       *[no] not published
    }, results { $results ->
        [yes] published
       *[no] not published
    }; { $overdue } overdue, { $due_soon } due within 5 working days
status-not-scheduled = ; visits not scheduled
status-scheduled = ; visits scheduled ({ $key }{ $moves ->
        [0] {""}
       *[other] , { $moves } move(s)
    }{ $revealed ->
        [yes] , revealed
       *[no] {""}
    })
status-due-unknown = due date unknown for { $target } { $item }: { $why }
status-overdue = OVERDUE { $target } { $item } (due { $due }{ $mark })
status-due-soon = due soon { $target } { $item } (due { $due }{ $mark })
status-target-overdue = OVERDUE { $target } { $why }
status-target-due-soon = due soon { $target } { $why }
status-no-campaigns = no campaigns yet
status-targets = targets
status-all-targets = all drawn targets
status-by-department = by department:
status-no-department = (no department)
status-by-township = by township (乡镇/街道, else region):
status-provisional = , 暂定 provisional
status-tally = { $name }: { $targets } target(s): { $published } published, { $pending } pending (期限未到), { $overdue } overdue (逾期), { $unknown } unknown (期限未知); { $no_result } without any result
status-tally-provisional = ; { $count } with a provisional deadline (暂定)
status-basis-visit = 20 working days after the visit on { $visit }
status-basis-period-end = 20 working days after the period's end
status-no-result-due = no result (due { $due }{ $mark }, { $basis })
status-no-result-why = no result: { $why }
status-no-result = no result
status-visit-on-day-off = visit { $visit } is on { $date }, a day off in the official schedule: dualdraw schedule move { $command } --visit { $visit } --not-on { $date } --reason 法定节假日

## Import problems and hints (src/io/import/messages.rs, rendered by src/cli/import_texts.rs)

-quote-fix = remove the stray quote; a quote that belongs in a cell is written doubled, with the whole cell in quotes ("甲""公司" for 甲"公司)
-excel-fix = in Excel, format the column as 文本 (Text) before pasting the codes (or use 数据 → 从文本/CSV and set the column to 文本), or import the .xlsx workbook the codes came in instead of a CSV file saved by Excel
import-empty-file = the file has no data rows, only the header on line { $line }: it would empty the { $kind } registry ({ $records } records now); nothing was changed. To empty it on purpose, run the import again with --allow-empty
import-empty-file-department = the file has no data rows, only the header on line { $line }: it would empty the { $kind } of department { $department } ({ $records } records now); nothing was changed. To empty it on purpose, run the import again with --allow-empty
import-nothing-in-file = the file is empty: no header line and no data rows; nothing was changed (to empty a registry on purpose, import a file holding just the header line, with --allow-empty)
import-department-emptied = the file has no rows: department { $department }'s part { $emptied ->
        [yes] is emptied
       *[no] stays empty
    }
import-not-in-encoding = the byte(s) { $bytes } (byte offset { $offset } in the file) are not { $encoding } text
import-encoding-forced-utf8 = {" "}(read as UTF-8 because --encoding says so); a CSV file Chinese Excel saves as "CSV (逗号分隔)" is GBK: try --encoding gbk, or leave --encoding out to detect the encoding
import-encoding-forced = {" "}(read as { $encoding } because --encoding says so); leave --encoding out to detect the encoding
import-encoding-after-utf8 = {" "}(the file is not UTF-8 either, from line { $line } on, so it was read as GB18030/GBK); is it a text file? In Excel, save it as "CSV UTF-8 (逗号分隔)"
import-encoding-bom = {" "}(the file starts with a UTF-16 byte-order mark); in Excel, save it as "CSV UTF-8 (逗号分隔)"
import-encoding-summary = { $lines } line(s) cannot be read as { $encoding }; nothing was imported
import-encoding-summary-listed = { $lines } line(s) cannot be read as { $encoding } (the first { $listed } are listed); nothing was imported
import-workbook-named-as-text = this is an Excel workbook (.xlsx), not CSV text: name the file .xlsx
import-old-workbook-named-as-text = this is an old Excel .xls workbook, not CSV text: open it in Excel and save it as .xlsx or CSV
import-quote-never-closed = a quote " opens this cell and is never closed: everything after it, to the end of the file, would be read as one cell; { -quote-fix }
import-quote-closed-with-text-after = a quote " opens this cell and the next quote is on line { $line }, with more text after it: the lines in between would be read as one cell (an unbalanced quote); { -quote-fix }
import-quote-swallows-rows = a quote " opens this cell and the next quote is on line { $line }: the lines in between, which look like whole rows, would be read as one cell (an unbalanced quote); { -quote-fix }
import-stray-quote = an unbalanced quote " at character { $position } of the cell: { -quote-fix }
import-uscc-scientific = Excel converted this column to numbers and wrote the code in scientific notation: the code is lost and cannot be recovered from this file; { -excel-fix }
import-uscc-precision-lost = not a valid code: it looks like a number Excel rounded (Excel keeps only 15 significant digits, so the last 3 digits became 0) and cannot be recovered from this file; { -excel-fix }
import-uscc-last-zero = { $why } (GB 32100-2015): the last character was probably lost or replaced by 0; with the check character of the first 17 the code would be { $fixed }: check it against the business licence; if it is a legacy code, list it with --accept-legacy-uscc
import-uscc-seventeen-fixed = { $why }: the last character (the check character) was probably lost; with it the code would be { $fixed }: check it against the business licence
import-uscc-seventeen = { $why }: a character was probably lost (often the last one, the check character)
import-sheet-hidden = (hidden)
import-several-sheets = the workbook has { $count } sheets with data: { $sheets }; choose one with --sheet NAME (for example --sheet { $example })
import-sheet-not-found = the workbook has no sheet named { $name }; its sheets: { $sheets }
import-sheet-with-csv = --sheet applies to .xlsx/.xlsm workbooks, not to CSV files
import-more = … and { $count } more
import-rejected-summary = { $count } problem(s) found; nothing was imported
import-rejected-headline = { $count } problem(s); nothing was imported

## The console yearly report (src/io/report/text.rs, rendered by src/cli/report_texts.rs)

report-text-heading = yearly report { $year } (年度报告) — INTERNAL (内部资料): it shows credit-risk classes; do not publish
report-text-nothing-drawn = no drawn campaign in { $year } (with its draw date in the year and not voided): nothing to count
report-text-campaigns = campaigns: { $counted } counted (drawn in { $year }, not voided); not counted: { $voided } voided, { $not_drawn } not drawn
report-text-visits = visits: { $visits } to { $entities } entities, { $visits_with_results } with results ({ $entities_with_results } entities); { $joint_visits } joint visits (2+ departments), { $department_checks } department checks
report-text-visited-more-than-once = visited more than once: { $entities } entities (max { $max_visits } visits)
report-text-results = results inspected in { $year }: { $results } ({ $published } published); { $later } inspected later, not counted
report-text-by-credit-class = by credit class: entities drawn / with results (visits / with results)
report-text-credit-class = {"  "}{ $class }  { $entities } / { $entities_with_results }  ({ $visits } / { $visits_with_results })
report-text-by-department = by department: entities drawn / with results; officers with visits / reported; load min / median / max
report-text-department = {"  "}{ $department }  { $entities } / { $entities_with_results }; officers { $officers_with_visits } / { $officers }; load { $min } / { $median } / { $max }
report-text-campaign-list = campaigns: targets, with results, results (published), list
report-text-campaign = {"  "}{ $id } { $draw_date }  { $targets }, { $targets_with_results }, { $results } ({ $results_published }), list { $list ->
        [yes] published
       *[no] not published
    }
demo-log =
    10. Signed log ({ $origin }): a checkpoint after the announcement, after the draw and at the end (sizes { $sizes }), cosigned by { $cosigners } (the last checkpoint carries { $cosignatures } cosignatures); { $files } published files signed; the auditor's attestation { $attestation }.
    {"   "}Check offline: node web/dist/verify-cli.mjs --log-key { $dir }/bureau-keys.txt --policy { $dir }/log-policy.toml --inclusion { $dir }/inclusion.txt --consistency { $dir }/checkpoint-draw-day.txt { $dir }/consistency.txt --auditor-key { $dir }/auditor-keys.txt --attestation { $attestation }
    {"   "}or pick these files from { $dir } in verify.html's "Signed log" section.
registry-lookup-present = { $uscc } ({ $name }) is entity { $index } of snapshot { $snapshot } (digest { $digest }); its inclusion path reaches the entities root. Compare the digest with the announced one.
registry-lookup-absent = { $uscc } is not in snapshot { $snapshot } (digest { $digest }): the entities just below and above it ({ $below }, { $above }) are adjacent leaves whose paths reach the entities root. Compare the digest with the announced one.
registry-lookup-digest-differs = { $file } is snapshot { $got }, not { $expected }
registry-lookup-proof-fails = { $file } does not verify (light level): { $why }
registry-lookup-drawn = Campaign { $campaign }: in the pool by its public rules, and drawn.
registry-lookup-in-pool = Campaign { $campaign }: in the pool by its public rules, not drawn. (Whether a rule on credit classes left it out only the bureau, or the entity with the opening of its class, can check.)
registry-lookup-not-in-pool = Campaign { $campaign }: not in the pool (its public rules leave it out), not drawn.

## migrate (a workspace into a PostgreSQL platform)

migrate-bad-bureau = { $name } is not a bureau name: 1 to 40 of a-z, 0-9 and _, starting with a letter (e.g. gz_huaxi)
migrate-unverified = bureau { $bureau } was written but fails verification ({ $what }): do not use it; drop its schema (DROP SCHEMA bureau_{ $bureau } CASCADE) and migrate again
migrate-done = moved into bureau { $bureau } and verified: every table's rows, the ledger's chain ({ $entries } entries, head { $head }), { $snapshots } snapshot(s) with their roots recomputed from the copied chunks, every draw's proof
migrate-table = {"  "}{ $table }: { $rows } row(s)
migrate-left = not in the database, kept in the workspace folder: { $files }
bureau-created = created bureau { $bureau } (schema bureau_{ $bureau }, role dualdraw_bureau_{ $bureau })
bureau-none = no bureaus on this database yet
bureau-granted = database user { $user } may now work as bureau { $bureau } (and no other)
token-bad-role = { $role } is not a role: admin, clerk, approver, witness, auditor or public
token-issued = account { $id } { $name } ({ $role }); its token, shown this once (give it to that person only):
    { $token }
token-revoked-at = revoked { $at }
token-live = live
token-none = no accounts yet: dualdraw token issue --name … --role admin
token-revoked = revoked the token of account { $id } { $name }
serve-bind = cannot listen on { $addr }: { $error }
serve-listening = dualdraw serve: listening on { $url } (Ctrl-C stops it)
