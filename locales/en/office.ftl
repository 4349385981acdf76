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
