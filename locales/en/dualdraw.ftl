# dualdraw — the English catalogue (`dualdraw --lang en`, DUALDRAW_LANG=en).
#
# One message per key, with the same keys and the same $arguments as
# locales/zh-CN/dualdraw.ftl (the tests in src/cli/i18n/tests.rs check it).
# Identifiers, codes, file and command names stay as they are. A message that
# starts with a position (FILE: or FILE:LINE:COL:) keeps it first, verbatim.
# Leading spaces are written {"  "}; braces {"{"} and {"}"}.

## Common

progress-working = working…
error-file = { $file }: { $why }
error-xlsx = { $file }: { $why }
error-level = { $value }: the levels are light, public and audit
error-instant = { $value } is not an instant such as 2026-03-02T09:00:00+08:00
error-day = { $value } is not a date YYYY-MM-DD
error-hash = { $value } is not a 64-digit hex SHA-256 value
error-lang = { $value }: the languages are zh-CN and en

io-not-found = No such file or directory
io-permission-denied = Permission denied
io-already-exists = File exists
io-is-a-directory = Is a directory
io-not-a-directory = Not a directory
io-storage-full = No space left on device
io-read-only = Read-only file system
io-invalid-data = { $why }
io-other = { $why }

registry-name = { $kind }

## The workspace (store errors)

store-not-a-workspace = { $dir } is not a dualdraw workspace (run `dualdraw --workspace { $dir } init` first)
store-already-exists = { $dir } already holds a dualdraw workspace
store-schema = workspace schema version { $got } is newer than this dualdraw understands ({ $expected })
store-no-snapshot = no snapshot { $id }
store-damaged = stored { $registry } version { $version } is damaged: { $why }
store-root-mismatch = stored { $registry } of snapshot { $snapshot } has root { $got }, but { $expected } was recorded
store-backend = database: { $why }
store-no-campaign = no campaign { $id } in the workspace (announce it first)
store-read-only = the workspace is read-only here (a read-only copy, folder or medium): nothing was changed; work on a writable copy
store-random = no random source: { $why }

## init, backup, doctor

init-created = created workspace { $dir } (database { $database })
backup-exists = { $file } already exists: a backup never replaces a file
backup-written =
    backup written to { $file } ({ $bytes } bytes) and checked: integrity, { $entries } ledger entries to head { $head }, { $snapshots } snapshot(s), every table against the ledger
    restore: copy it to WORKSPACE/{ $database }
doctor-nothing-wrong = nothing wrong: the database is intact, every table matches the ledger, every proof and published file is in place
doctor-problems = { $count } problem(s):
doctor-problems-short = { $count } problem(s)
doctor-finding = - [{ $code }] { $message }
doctor-repair = {"  "}repair: { $command }

## Verification

verify-failed = FAILED: { $message }

## The verdict of `verify` (src/cli/campaign/verify.rs uses these once it is
## converted; the JSON verdict does not change)

verify-level = { $level }
verify-valid-audit = VALID (audit: the whole draw re-run on the workspace's snapshot with its salts)
verify-consistent-public = CONSISTENT at the public level: nothing wrong in the proof, the pool recomputed from the public snapshot and the targets fit the stratum sizes; not a proof that each stratum drew its smallest keys
verify-consistent-light = CONSISTENT at the light level: nothing wrong in what the proof shows on its own (reveals, seed, PRNs, inclusion, strata arithmetic, the whole team assignment re-run)
verify-established = established: { $checks }
verify-not-checked = not checked: { $check } ({ $why }; who can: { $who })
verify-who-public = anyone with the public snapshot
verify-who-auditor = an auditor with the workspace
verify-who-enterprise = an enterprise, for itself
verify-compare-hash = compare the announcement hash { $hash } with the one the bureau published before the draw
verify-invalid =
    FAILED: { $message }
    INVALID at the { $level } level (the check that failed: { $check }; docs/SPEC.md §9)
verify-not-reached = NOT VERIFIED AT THE { $requested } LEVEL: the proof passed the { $level } level only, because { $why }

## The ledger

ledger-schedule-dates = entry { $seq }: the revealed dates do not give the recorded dates_sha256
ledger-schedule-secret = entry { $seq }: the schedule secret revealed for campaign { $campaign } does not match the commitment in its draw entry
ledger-sequence = entry at position { $position }: number { $got }, expected { $expected } (an entry was deleted, inserted or moved)
ledger-link = entry { $seq }: prev is { $got }, but entry { $previous } has hash { $expected } (the chain was broken here)
ledger-edited = entry { $seq }: its fields give hash { $expected }, but it says { $got } (the entry was edited)
ledger-body = entry { $seq }: body is not JSON
ledger-head = the ledger ends at { $got }, not at the published head { $published } (entries are missing or added)
ledger-proof-body = entry { $seq }: body
ledger-proof-unreadable = entry { $seq }: { $file }: { $why }
ledger-proof-differs = entry { $seq }: proof { $file } has SHA-256 { $got }, the ledger recorded { $recorded }
published-nothing = { $dir }: no file of any publication in the ledger is here
published-missing = { $file }: missing (ledger entry { $seq } published it for { $campaign })
published-differs = { $file }: SHA-256 { $got }, but ledger entry { $seq } published { $expected } for { $campaign }
ledger-not-an-entry = { $file }:{ $line }: not a ledger entry: { $why }
ledger-source-file = { $file }
ledger-source-workspace = the workspace
ledger-verified = VERIFIED: the ledger of { $source } is an intact chain of { $entries } entries, head { $head }
ledger-verified-proofs = ; { $proofs } draw proof(s) match their entries
ledger-verified-tables = ; every table matches it ({ $announcements } announcement(s) and their snapshots, { $reveals } reveal(s), { $proofs } proof(s), { $results } result(s), { $schedules } schedule(s), { $other } other record(s))
ledger-verified-published = ; { $files } published file(s) of { $campaigns } match their publication entries
ledger-head-not-checked = not checked: that no entry was removed from the end (give the head of the last published notice with --head)
ledger-export-broken = the workspace ledger is broken: { $why }
ledger-exported = wrote { $entries } ledger entries to { $file } and { $proofs } proof(s) to { $dir }; head { $head }

## Annual plans

plan-campaign-label = campaign[{ $index }]
plan-campaign-label-id = campaign[{ $index }] ({ $id })
plan-campaign = { $campaign }: { $why }
plan-from-defaults = {" "}(the value comes from [defaults])
plan-campaign-key = { $campaign }: { $key }: { $why }
plan-duplicate-id = campaign[{ $second }] has id { $id } like campaign[{ $first }]: campaign ids are unique
plan-outside-year = { $campaign }: { $key } = { $value } is not in the plan's year { $year }
plan-no-snapshot = the workspace has no snapshot yet: import the registries first
plan-nothing-announced = ; nothing was announced
plan-check-failed = { $problems } problem(s): the plan cannot be carried out as written
plan-announced = plan { $plan } ({ $year }): { $count } campaign(s) announced in one transaction
plan-announcement =
    【抽查公告 / announcement】{ $id }
    { $title }
    announcement hash: { $hash }
    campaign hash:     { $campaign_hash }
    snapshot { $snapshot } digest { $digest }
    draw date { $draw_date }; pool { $pool } entities
plan-announcement-period = ; period { $start }..{ $end }
plan-announcement-history = history: { $excluded } recently inspected left out; { $pairs } officer–entity pair(s) kept apart; { $drawn } entities drawn earlier this year
plan-announcement-group = coordination group { $group } ({ $members } campaigns) hash { $hash }
plan-announcement-witness = witness { $name } commitment { $commitment }
plan-announcement-beacon = beacon { $scheme } round { $round }
plan-announcement-beacon-due = {" "}(due { $due })
plan-announce-publish = Publish these notices before the draws: they fix the registries, the rules and the entropy.
plan-expected = ≈{ $rounded } (at most { $at_most })
plan-no-limit = no limit
plan-check-head =
    plan { $plan } ({ $year }): { $campaigns } campaign(s), checked against snapshot { $snapshot } (digest { $digest }) as if announced at { $as_of }
    INTERNAL: this report shows credit-class counts, which are confidential; do not publish it.
    ≈ values are exact expectations shown to one decimal (rounded half up); "at most" is the worst case of any draw.
plan-check-campaign =
    campaign { $id } { $title } (lead { $lead })
    {"  "}draw date { $draw_date }
plan-check-period = ; period { $start }..{ $end }: { $days } working day(s)
plan-check-group = ; coordination group { $group }
plan-check-refused = would be refused at announcement (see the findings)
plan-check-no-numbers = no numbers: the campaign's items or categories are not in the snapshot
plan-check-pool = pool { $pool } entities ({ $excluded } left out by class); { $targets } target(s)
plan-check-stratum = stratum { $class }: pool { $pool }  drawn { $drawn }
plan-check-no-stratum = {"  "}(no stratum)
plan-check-capacity-each = { $capacity } ({ $each } target(s) each)
plan-check-department = { $department }: targets { $targets }; officer places { $places }; { $eligible } of { $officers } officer(s) active and certified on { $draw_date }; capacity { $capacity }
plan-check-visits = visits: capacity { $capacity } in { $days } working day(s)
plan-check-days-needed = ; ≥{ $days } working day(s) needed
plan-check-qualification = qualification { $qualification }: { $holders } holder(s); places { $places }; capacity { $capacity }
plan-check-region = region { $region }: { $officers } officer(s) allowed; places { $places }; capacity { $capacity }
plan-check-unstaffable = UNSTAFFABLE: { $entities } pool { $entities ->
        [one] entity
       *[other] entities
    } (≈{ $expected } expected drawn), e.g. { $examples }
plan-check-year = the year, per department:
plan-check-year-department = { $department }: { $count } campaign(s) ({ $campaigns }); targets ≈{ $targets } (at most { $targets_at_most }); officer places ≈{ $places } (at most { $places_at_most }); { $officers } eligible officer(s){ $each }; capacity { $capacity }
plan-check-year-each = , ≈{ $places } place(s) each
plan-check-findings = findings: { $problems } problem(s), { $warnings } warning(s)
plan-check-problem = PROBLEM [{ $kind }] { $message }
plan-check-warning = warning [{ $kind }] { $message }
plan-check-ok = every rule can be met

## The yearly report

report-year = { $year } is not a year to report on (expected a calendar year such as 2026, 1900–9999)
report-inconsistent = campaign { $campaign }: { $why }
report-wrote = wrote { $dir }:

## Command-line errors (clap's)

clap-error = error: { $message }
clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-invalid-value-valid = invalid value '{ $value }' for '{ $arg }' (possible values: { $valid })
clap-unknown-argument = unexpected argument '{ $arg }' found
clap-invalid-subcommand = unrecognized subcommand '{ $name }'
clap-no-equals = equal sign is needed when assigning values to '{ $arg }'
clap-value-validation = invalid value '{ $value }' for '{ $arg }': { $why }
clap-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
clap-wrong-number-of-values = wrong number of values for '{ $arg }'
clap-argument-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
clap-missing-required = the following required arguments were not provided: { $arg }
clap-missing-subcommand = '{ $name }' requires a subcommand
clap-missing-subcommand-help = a subcommand is missing (the help lists them)
clap-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
clap-other = { $detail }
clap-suggested = {"  "}tip: a similar one exists: '{ $what }'
clap-usage = Usage: { $usage }
clap-more = For more information, try '--help'.

## --help: headings and built-in entries

help-heading-usage = Usage
help-heading-commands = Commands
help-heading-arguments = Arguments
help-heading-options = Options
help-flag-help = Print help
help-flag-version = Print version
help-subcommand-help = Print this message or the help of the given subcommand(s)
help-subcommand-help--subcommand = Print help for the subcommand(s)

## --help: every command and argument. The key is help-COMMAND-PATH for a
## command and help-COMMAND-PATH--ARGUMENT for an argument (help and
## help--ARGUMENT for the top command and its global options).

help = Verifiable 双随机、一公开 market-supervision draws: registries, commitments, draws and publication
help--workspace = The workspace folder (default: the current folder)
help--json = Print one JSON object (a documented, versioned interface) instead of text
help--operator = Who performs the command (recorded in the ledger; default: $USER)
help--approver = Who approved it, where the bureau requires an approver (recorded in the ledger)
help--lang = The language of messages and help: zh-CN (Chinese, the default) or en; also DUALDRAW_LANG
help-init = Create a workspace (a folder with its database)
help-import = Import a registry file (CSV or .xlsx), replacing that registry
help-import--kind = Which registry
help-import--file = The CSV or .xlsx file
help-import--more = More files of entities, imported with the first as one registry (a province from its counties' files; entities only)
help-import--department = Replace only this department's items or officers
help-import--encoding = Text encoding of a CSV file: utf-8, gbk/gb18030 or utf-16 (default: detect)
help-import--accept-legacy-uscc = Accept this USCC although its check character fails (a listed legacy code); repeatable
help-import--accept-legacy-list = A file listing legacy USCCs to accept, one per line
help-import--today = Today's date (YYYY-MM-DD), for certificate-expiry warnings (default: the system date)
help-import--allow-empty = Let a file with a header and no data rows empty the registry (or the department's part)
help-import--sheet = The sheet of an .xlsx workbook to read (default: the only sheet holding data)
help-registry = Registry commands: update, stats, root, snapshots, prove, verify-proof
help-registry-update = Apply a delta: rows added or replaced by key; rows whose `action` (操作) is 删除/remove are removed
help-registry-update--kind = Which registry
help-registry-update--file = The CSV or .xlsx file
help-registry-update--more = (Not for updates: one file at a time)
help-registry-update--department = Replace only this department's items or officers
help-registry-update--encoding = Text encoding of a CSV file: utf-8, gbk/gb18030 or utf-16 (default: detect)
help-registry-update--accept-legacy-uscc = Accept this USCC although its check character fails (a listed legacy code); repeatable
help-registry-update--accept-legacy-list = A file listing legacy USCCs to accept, one per line
help-registry-update--today = Today's date (YYYY-MM-DD), for certificate-expiry warnings (default: the system date)
help-registry-update--allow-empty = Let a file with a header and no data rows empty the registry (or the department's part)
help-registry-update--sheet = The sheet of an .xlsx workbook to read (default: the only sheet holding data)
help-registry-stats = Counts per registry, kind, category, credit class and department
help-registry-stats--snapshot = Snapshot id (default: the current one)
help-registry-root = The snapshot id and digest, and each registry's Merkle root
help-registry-root--snapshot = Snapshot id (default: the current one)
help-registry-snapshots = Every snapshot, oldest first
help-registry-prove = Print an inclusion proof (JSON) of one entity (USCC), officer (certificate number) or item (code)
help-registry-prove--key = USCC, certificate number or item code
help-registry-prove--kind = Which registry (default: entities for a USCC, else officers, then items)
help-registry-prove--snapshot = Snapshot id (default: the current one)
help-registry-prove--open = Include the opening of the entity's credit class (give it only to that entity)
help-registry-export = Write the public snapshot (public fields and commitments) that a public verification needs
help-registry-export--public = Write the public snapshot (the only export so far)
help-registry-export--compact = Compact (COMMITMENTS §9: blocks of columns, about 60 bytes an entity) instead of JSON
help-registry-export--file = Output file
help-registry-export--snapshot = Snapshot id (default: the current one)
help-registry-look-up = Look an entity up in a compact public snapshot (was it in the snapshot?), reading one block, with its inclusion proof or the two adjacent entities that show it absent
help-registry-look-up--file = The compact public snapshot (`publish --compact`, `registry export --public --compact`)
help-registry-look-up--uscc = The entity's USCC
help-registry-look-up--snapshot-digest = The snapshot digest it must be (from the published announcement)
help-registry-look-up--proof = A draw's proof (proof.json) on this snapshot: also say whether the entity was in the draw's pool by its public rules and whether it was drawn
help-registry-verify-proof = Verify an inclusion proof made by `registry prove`
help-registry-verify-proof--file = The proof file (`-` for standard input)
help-registry-verify-proof--snapshot-digest = The snapshot digest the proof must be about (from a published notice)
help-generate = Write a deterministic synthetic county as four CSV files
help-generate--seed = Seed
help-generate--entities = Number of entities
help-generate--region = The county's region code
help-generate--malformed = Add this many malformed entity rows
help-generate--out = Output folder
help-campaign = Campaigns: announce, reveal, draw
help-campaign-proof = Write the recorded proof of a drawn campaign again (exactly the bytes the ledger hashed)
help-campaign-proof--id = Campaign id
help-campaign-proof--out = Output file (default: WORKSPACE/proofs/ID.json)
help-campaign-open-threshold = Open one stratum's threshold (for an enterprise of that credit class to see why it was or was not drawn)
help-campaign-open-threshold--id = Campaign id
help-campaign-open-threshold--class = The credit class (A–D)
help-campaign-open-threshold--out = Output file (default: standard output)
help-campaign-void = Void a campaign in the open (recorded in the ledger; a new campaign needs a new announcement)
help-campaign-void--id = Campaign id
help-campaign-void--reason = Why (recorded and published)
help-campaign-void--now = Time of the voiding (default: now)
help-campaign-replace = Replace a drawn target (by the next of its stratum) or one officer of a team; recorded
help-campaign-replace--id = Campaign id
help-campaign-replace--target = The drawn target to replace, or whose officer is replaced
help-campaign-replace--officer = The officer who cannot go (omit to replace the target)
help-campaign-replace--reason = Why (published with the replacement)
help-campaign-replace--round = Decide it with fresh randomness: a drand quicknet round that does not exist yet (the request is recorded now; `campaign resolve-replacement` completes it)
help-campaign-replace--now = Time of the replacement (default: now)
help-campaign-resolve-replacement = Complete a replacement requested with --round, with that round's drand file
help-campaign-resolve-replacement--id = Campaign id
help-campaign-resolve-replacement--beacon = The drand round file (JSON with round and signature)
help-campaign-resolve-replacement--now = Time of the resolution (default: now)
help-campaign-announce = Check campaign files against the current snapshot and what can be known before anyone reveals (draw date, pool, staffing, the risk of an infeasible draw), and announce them (prints the announcement hashes)
help-campaign-announce--files = The campaign TOML file(s). The campaigns of one coordination group (`[coordination]`) are announced together, in one command
help-campaign-announce--now = The announcement time (default: now), e.g. 2026-03-01T09:00:00+08:00
help-campaign-announce--allow-past = Accept a draw date before the announcement's (China) date
help-campaign-announce--max-infeasible-risk = Refuse when more than this share of the simulated draws is infeasible, e.g. 5% or 1/20
help-campaign-announce--risk-draws = Simulated draws per campaign for the risk estimate (0: no estimate)
help-campaign-announce--risk-seconds = Stop the simulated draws of a campaign after this many seconds (the estimate then says how many were made)
help-campaign-reveal = Record one witness's reveal NAME=SECRET (refused if it does not match the commitment)
help-campaign-reveal--id = Campaign id
help-campaign-reveal--reveal = NAME=SECRET
help-campaign-reveal--now = The reveal time (default: now)
help-campaign-draw = Draw targets and teams, write the proof
help-campaign-draw--id = Campaign id
help-campaign-draw--reveal = Reveals to record first, NAME=SECRET (repeatable)
help-campaign-draw--beacon = drand round file (JSON with round and signature)
help-campaign-draw--lottery = Lottery result, e.g. "3,7,12,19,25,31/9"
help-campaign-draw--out = Where to write the proof (default: WORKSPACE/proofs/ID.json)
help-campaign-draw--now = Time of reveals given here (default: now)
help-verify = Verify a draw proof: audit level in the workspace holding its snapshot, public with --snapshot, light with --light or outside a workspace; exit 1 when the level expected is not reached
help-verify--proof = The proof file
help-verify--snapshot = A published public snapshot (`registry export --public`): public verification
help-verify--replacements = Also re-derive the recorded replacements (`PROOF`'s `.replacements.json`; audit level only)
help-verify--light = Check only what the proof itself shows, even in a workspace
help-verify--level = The level that must be reached (light, public, audit); default: audit in a workspace, public with --snapshot, light otherwise. Exit 1 when it is not
help-witness = Witness tools
help-witness-new = Make a secret and its commitment (on your own device; give the bureau only the commitment)
help-results = Results: record, correct, object, import, publish
help-results-record = Record the result of one target and item
help-results-record--id = Campaign id
help-results-record--target = Target USCC
help-results-record--item = Item code
help-results-record--result = Result category, e.g. 未发现问题
help-results-record--date = The day the inspection ended
help-results-record--officers = Officers who inspected (certificate numbers, comma-separated)
help-results-record--note = A note
help-results-record--holidays = A holiday file for this command only (the format of `calendar import`, docs/CALENDAR.md); its years override the workspace's
help-results-record--assume-weekends = Proceed on weekends only in YEAR while its official holiday schedule is not published: recorded in the workspace, and every deadline counted through YEAR is provisional (暂定) until `calendar import` (repeatable)
help-results-record--now = The time recorded in the ledger (default: now)
help-results-correct = Correct (更正) a recorded result; the correction is a ledger entry
help-results-correct--id = Campaign id
help-results-correct--target = Target USCC
help-results-correct--item = Item code
help-results-correct--result = Result category, e.g. 未发现问题
help-results-correct--date = The day the inspection ended
help-results-correct--officers = Officers who inspected (certificate numbers, comma-separated)
help-results-correct--note = A note
help-results-correct--holidays = A holiday file for this command only (the format of `calendar import`, docs/CALENDAR.md); its years override the workspace's
help-results-correct--assume-weekends = Proceed on weekends only in YEAR while its official holiday schedule is not published: recorded in the workspace, and every deadline counted through YEAR is provisional (暂定) until `calendar import` (repeatable)
help-results-correct--now = The time recorded in the ledger (default: now)
help-results-object = Record an objection (异议) to a target's result
help-results-object--id = Campaign id
help-results-object--target = Target USCC
help-results-object--text = The objection's text
help-results-object--now = The time recorded in the ledger (default: now), e.g. 2026-03-20T09:00:00+08:00
help-results-import = Import results from CSV or .xlsx (columns: 统一社会信用代码, 事项编码, 检查结果, 检查日期, 执法证号); all or nothing
help-results-import--id = Campaign id
help-results-import--file = The file
help-results-import--holidays = A holiday file for this command only (the format of `calendar import`, docs/CALENDAR.md); its years override the workspace's
help-results-import--assume-weekends = Proceed on weekends only in YEAR while its official holiday schedule is not published: recorded in the workspace, and every deadline counted through YEAR is provisional (暂定) until `calendar import` (repeatable)
help-results-import--now = The time recorded in the ledger (default: now), e.g. 2026-03-20T09:00:00+08:00
help-results-publish = Write the results notice (CSV, .xlsx, JSON, HTML)
help-results-publish--id = Campaign id
help-results-publish--out = Folder (default: WORKSPACE/published/ID/)
help-results-publish--now = The time recorded in the ledger (default: now), e.g. 2026-03-20T09:00:00+08:00
help-history = Inspection history from before dualdraw
help-history-import = Load inspections made before dualdraw was used (columns: 统一社会信用代码, 检查日期)
help-history-import--file = CSV or .xlsx file
help-history-import--now = The time recorded in the ledger (default: now), e.g. 2026-03-20T09:00:00+08:00
help-publish = Write a drawn campaign's notice files (list CSV/xlsx/JSON, HTML page, draw record, proof, public snapshot)
help-publish--id = Campaign id
help-publish--out = Folder (default: WORKSPACE/published/ID/)
help-publish--now = The time recorded in the ledger (default: now), e.g. 2026-03-02T10:00:00+08:00
help-publish--compact = Write the public snapshot compact (public-snapshot.ddps, COMMITMENTS §9) instead of JSON
help-status = Campaigns: what is drawn, recorded, published; every target with or without a result as published, pending (期限未到), overdue (逾期) or unknown by its deadline, per department and township
help-status--today = Today's date, YYYY-MM-DD (default: the system date)
help-status--holidays = A holiday file for this command only (the format of `calendar import`, docs/CALENDAR.md); its years override the workspace's
help-status--assume-weekends = Proceed on weekends only in YEAR while its official holiday schedule is not published: recorded in the workspace, and every deadline counted through YEAR is provisional (暂定) until `calendar import` (repeatable)
help-calendar = Working-day calendars: import a year's official holiday schedule, list the years known, show one
help-calendar-import = Store official holiday schedules (days off, make-up working days 调休) from FILE in the workspace (docs/CALENDAR.md); a year assumed to have weekends only is replaced and its deadlines recomputed
help-calendar-import--file = The holiday file (TOML, one table per year)
help-calendar-import--replace = Replace a year whose official schedule is known with other days (a corrected notice)
help-calendar-import--now = The time recorded in the ledger (default: now)
help-calendar-list = The years working days can be counted in: shipped, imported, assumed (weekends only)
help-calendar-show = One year's days off and make-up working days
help-calendar-show--year = The year, e.g. 2027
help-plan = Annual plans: check a plan before anything is drawn, announce its campaigns
help-plan-check = Report, before anything is drawn, what a plan file would draw and every rule it cannot meet (exit 1 when one cannot be met). An internal report: it shows credit-class counts
help-plan-check--file = The plan TOML file
help-plan-check--holidays = A holiday file for this command only (the format of `calendar import`, docs/CALENDAR.md); its years override the workspace's
help-plan-check--assume-weekends = Proceed on weekends only in YEAR while its official holiday schedule is not published: recorded in the workspace, and every deadline counted through YEAR is provisional (暂定) until `calendar import` (repeatable)
help-plan-check--now = Check as if announced at this instant (default: now), e.g. 2026-01-05T09:00:00+08:00
help-plan-announce = Announce every campaign of a plan file in one transaction (all or none), after the checks `campaign announce` makes
help-plan-announce--file = The plan TOML file
help-plan-announce--now = The announcement time (default: now), e.g. 2026-01-05T09:00:00+08:00
help-plan-announce--allow-past = Accept a draw date before the announcement's (China) date
help-plan-announce--max-infeasible-risk = Refuse when more than this share of a campaign's simulated draws is infeasible, e.g. 5% or 1/20
help-plan-announce--risk-draws = Simulated draws per campaign for the risk estimate (0: no estimate)
help-plan-announce--risk-seconds = Stop the simulated draws of a campaign after this many seconds (the estimate then says how many were made)
help-report = The yearly report: entities inspected per credit class and department, repeat visits, officers' loads
help-report--year = The calendar year, e.g. 2026
help-report--out = Folder for report.html, report.json and the CSV tables (default: WORKSPACE/reports/YEAR/)
help-schedule = Visit dates for drawn teams (working days, leave, a daily limit, townships grouped); `move` one visit; `reveal` afterwards
help-schedule--ids = Campaign id(s); the targets of a coordination group's campaigns given together get one joint visit
help-schedule--out = Folder for the calendar files (default: WORKSPACE/schedules/ID/)
help-schedule--leave = Officers' leave (CSV or .xlsx: 执法证号, 开始日期, 结束日期)
help-schedule--per-day = At most this many visits per officer a day
help-schedule--holidays = A holiday file for this command only (the format of `calendar import`, docs/CALENDAR.md); its years override the workspace's
help-schedule--assume-weekends = Proceed on weekends only in YEAR while its official holiday schedule is not published: recorded in the workspace, and every deadline counted through YEAR is provisional (暂定) until `calendar import` (repeatable)
help-schedule--now = The time recorded in the ledger and the calendar files (default: now)
help-schedule-move = Move one visit (an officer falls ill, the target is closed that day), moving as little else as possible
help-schedule-move--ids = Campaign id(s), as scheduled
help-schedule-move--visit = The visit (the target's USCC)
help-schedule-move--not-on = The visit must not be on this day
help-schedule-move--officer-leave = An officer's new leave: OFFICER=YYYY-MM-DD[,YYYY-MM-DD…]
help-schedule-move--reason = Why (recorded in the ledger)
help-schedule-move--out = Folder for the calendar files (default: WORKSPACE/schedules/ID/)
help-schedule-move--holidays = A holiday file for this command only (the format of `calendar import`, docs/CALENDAR.md); its years override the workspace's
help-schedule-move--assume-weekends = Proceed on weekends only in YEAR while its official holiday schedule is not published: recorded in the workspace, and every deadline counted through YEAR is provisional (暂定) until `calendar import` (repeatable)
help-schedule-move--now = The time recorded in the ledger (default: now)
help-schedule-reveal = After the visits: reveal the schedule secrets and the dates (a ledger entry anyone can check)
help-schedule-reveal--ids = Campaign id(s), as scheduled
help-schedule-reveal--now = The time recorded in the ledger (default: now)
help-backup = Write a verified backup of the workspace database to FILE (restore: copy it to WORKSPACE/dualdraw.db)
help-backup--file = The backup file (refused if it exists)
help-doctor = Check the workspace and its files: say what is wrong and the exact command that repairs it (exit 1 when anything is)
help-bureau = A PostgreSQL platform's bureaus: create, list, grant a database user one bureau
help-bureau-create = Create a bureau: its schema, tables, rules and role, with a fresh salt key
help-bureau-create--name = The bureau's name: 1 to 40 of a-z, 0-9 and _, starting with a letter (e.g. gz_huaxi)
help-bureau-create--db = The platform's database, e.g. postgresql://admin@db.example/dualdraw (or DUALDRAW_PG_URL)
help-bureau-list = List the platform's bureaus
help-bureau-list--db = The platform's database, e.g. postgresql://admin@db.example/dualdraw (or DUALDRAW_PG_URL)
help-bureau-grant-login = Let a database user (a login role) work as this bureau and no other
help-bureau-grant-login--name = The bureau's name
help-bureau-grant-login--user = The database user (made by the administrator, e.g. CREATE ROLE huaxi LOGIN PASSWORD '…')
help-bureau-grant-login--db = The platform's database, e.g. postgresql://admin@db.example/dualdraw (or DUALDRAW_PG_URL)
help-migrate = Move this workspace into a new bureau of a PostgreSQL platform (one transaction), verified after the move
help-migrate--to = The platform's database, e.g. postgresql://admin@db.example/dualdraw (or DUALDRAW_PG_URL)
help-migrate--bureau = The new bureau's name: 1 to 40 of a-z, 0-9 and _, starting with a letter (e.g. gz_huaxi)
help-ledger = The hash-chained ledger: verify it, export it, sign checkpoints, prove inclusion and consistency
help-ledger-verify = Check the chain: in the workspace, or an exported file (`--file`) with its proofs
help-ledger-verify--file = An exported ledger (JSON Lines) instead of the workspace's
help-ledger-verify--head = The head the ledger must end at (from a published notice)
help-ledger-verify--published = Also check a folder of published files (`published/`, or one campaign's folder) against the ledger's publication entries
help-ledger-export = Write the ledger as JSON Lines, and the draw proofs it names into FILE.proofs/
help-ledger-export--file = Output file
help-demo = The main job end to end on a synthetic county in DIR (DIR/county, DIR/workspace)
help-demo--dir = Folder to create the county and the workspace in
help-demo--entities = Number of entities
help-demo--seed = Seed of the synthetic county
help-demo--registries-only = Only write and import the county (no campaign), to try the commands by hand
help-demo--salt-key = The workspace's salt key (64 hex digits) instead of a random one, so that a demo workspace (and every draw in it) can be reproduced exactly. Demos and tests only
help-serve = Serve the workspace (or every bureau of a PostgreSQL database) as an HTTP JSON API with accounts and roles (docs/API.md)
help-serve--listen = Address to listen on (behind a TLS reverse proxy for anything but loopback: docs/API.md)
help-serve--db = Serve every bureau of this PostgreSQL database instead of the workspace
help-serve--bureau = The name the workspace is served under (its tokens name it)
help-serve--max-json-kib = Largest JSON body, in KiB
help-serve--max-upload-mib = Largest registry file uploaded, in MiB
help-serve--timeout-seconds = Longest a request may take, in seconds
help-token = A bureau's accounts and tokens for dualdraw serve: issue, list, rotate, revoke
help-token-issue = Make an account and print its token (shown once; stored only hashed)
help-token-issue--name = The person's name (recorded in the ledger as operator or approver)
help-token-issue--role = admin, clerk, approver, witness, auditor or public
help-token-issue--department = Scope a clerk to one department
help-token-list = List the accounts (never their tokens)
help-token-rotate = Issue a new token for account ID; the old one stops working at once
help-token-rotate--id = The account's number (token list)
help-token-revoke = Revoke account ID's token for good
help-token-revoke--id = The account's number (token list)
help-token-issue--db = The bureau's PostgreSQL database (else the workspace)
help-token-issue--bureau = The bureau (for the workspace: the name serve --bureau serves it under)
help-token-list--db = The bureau's PostgreSQL database (else the workspace)
help-token-list--bureau = The bureau (for the workspace: the name serve --bureau serves it under)
help-token-rotate--db = The bureau's PostgreSQL database (else the workspace)
help-token-rotate--bureau = The bureau (for the workspace: the name serve --bureau serves it under)
help-token-revoke--db = The bureau's PostgreSQL database (else the workspace)
help-token-revoke--bureau = The bureau (for the workspace: the name serve --bureau serves it under)
help-serve--concurrent = Requests working on the database at once (each holds up to two connections); the rest wait
