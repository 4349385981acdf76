## Campaign commands: announce, reveal, draw, replace, verify verdict lines, demo (src/cli/campaign.rs, src/cli/campaign/*, src/cli/demo.rs).

campaign-not-name-secret = { $value } is not NAME=SECRET
campaign-not-a-share = { $value } is not a share such as 5%, 0.05 or 1/20 (from 0 to 100%)
campaign-named = campaign { $id }: { $message }

## campaign announce

announce-notice =
    【抽查公告 / announcement】{ $id }
    { $title }
    announcement hash: { $hash }
    campaign hash:     { $campaign_hash }
    snapshot { $snapshot } digest { $digest }
    draw date { $draw_date }; pool { $pool } entities
announce-history = history: { $excluded } recently inspected left out; { $pairs } officer–entity pair(s) kept apart; { $drawn } entities drawn earlier this year
announce-group = coordination group { $group } ({ $members } campaigns) hash { $hash }
announce-witness = witness { $name } commitment { $commitment }
announce-beacon = beacon { $scheme } round { $round }
announce-beacon-due = {" "}(due { $due })
announce-checked = checked before the announcement: every draw takes { $targets } target(s)
announce-checked-risk = checked before the announcement: every draw takes { $targets } target(s); { $risk }
announce-warning = warning: { $warning }
announce-publish = Publish this notice before the draw: it fixes the registries, the rules and the entropy.

## The checks before the announcement (src/core/campaign_checks*)

check-risk-line = infeasible in { $infeasible } of { $draws } simulated draws ({ $share }; limit { $limit })
check-risk-line-partial = infeasible in { $infeasible } of { $draws } simulated draws ({ $share }; limit { $limit }); { $draws } of the { $requested } asked for were made in the time allowed
check-warning-lead-on-no-team = the lead department { $lead } has items in the campaign, but none checks a category drawn from ({ $categories }): it will be on no team
check-warning-some-infeasible = the draw may be infeasible: { $risk }; if it is, the campaign must be voided and announced again
check-past-draw-date = the draw date { $draw_date } is before the announcement date { $today } (China time): a draw date in the past is refused unless --allow-past is given
check-lead-without-items = the lead department { $lead } has no item in the campaign (its items belong to { $departments }): the lead department leads every team, so it needs at least one item; correct lead_department or add one of its items
check-all-regions = all
check-empty-pool = the pool is empty: no entity in business matches the campaign's categories ({ $categories }), regions ({ $regions }), flags and history rules; check targets.categories and targets.regions against the registries
check-empty-pool-excluded = the pool is empty: no entity in business matches the campaign's categories ({ $categories }), regions ({ $regions }), flags and history rules ({ $excluded } more are left out by their credit class or the low-risk rule); check targets.categories and targets.regions against the registries
check-nothing-drawn = the strata draw no target from a pool of { $pool } entities: check the ratios, counts and max of targets.strata
check-certain = no draw of this campaign can be staffed, whatever the seed (known now, before anyone reveals):
check-certain-stratum = {"  "}- every draw takes { $drawn } of the { $pool } pool entities of credit class { $class }, but only { $staffable } of them can be staffed
check-certain-example = {"    "}e.g. { $why }
check-certain-capacity = {"  "}- every draw of { $targets } target(s) needs at least { $places } place(s) of { $department } officers, but only { $eligible } officer(s) can be eligible (each serves at most { $capacity } target(s): { $total } place(s)); of the department's { $officers } officer(s), { $not_active } not active (在岗), { $expired } certificate expired before the draw date, { $other } outside the region rule or lacking a required qualification
check-certain-advice = add or renew officers, lower the ratios, or raise teams.max_targets_per_officer
check-risk = the draw is too likely to be infeasible: { $risk }
check-risk-departments = the draw is too likely to be infeasible: { $risk }; { $departments }
check-risk-department = { $department } short in { $count }
check-risk-example = simulated draw { $index }: { $why }
check-risk-advice = add officers, lower the ratios or raise teams.max_targets_per_officer; or accept the risk with --max-infeasible-risk

## campaign reveal, witness new

reveal-recorded = recorded the reveal of { $witness } for { $id }
witness-new =
    secret:     { $secret }
    commitment: { $commitment }
    Give the bureau only the commitment. Keep the secret until the reveal.

## campaign draw, proof, open-threshold, void

draw-not-a-round = { $file }: not a drand round: { $why }
draw-proof-missing = campaign { $id } is already drawn (one draw per announcement), but { $file } is missing: write it with `dualdraw campaign proof { $id }`
draw-out-is-a-folder = { $file } is a folder; nothing was recorded
draw-not-staged = { $file }: { $why }; nothing was recorded
draw-no-randomness = no system randomness for the schedule secret: { $why }
draw-not-moved = { $file }: { $why } (the draw is recorded: write it again with `dualdraw campaign proof { $id }`)
draw-proof-written = proof written to { $file }
summary-campaign = campaign { $id } ({ $title })
summary-seed = seed { $seed }
summary-pool = pool { $pool } entities ({ $excluded } left out by class)
summary-stratum = {"  "}stratum { $class }: pool { $pool }  drawn { $drawn }
summary-targets = { $count } target(s):
summary-officer = { $name }({ $id }, { $department })
summary-target = {"  "}{ $uscc } { $name }  [{ $items }]  team: { $team }
proof-not-drawn = campaign { $id } is not drawn
proof-written = wrote the recorded proof of { $id } to { $file }
threshold-written = threshold opening of stratum { $class } written to { $file } (give it only to enterprises of that class)
void-done = campaign { $id } voided ({ $reason }); the voiding is in the ledger

## campaign replace, resolve-replacement

replace-requested =
    replacement requested; it will be decided by drand round { $round } (due { $due }): then run
    {"  "}dualdraw campaign resolve-replacement { $id } --beacon ROUND.json
replace-what-target = target { $target } replaced by { $replacement }
replace-what-officer = officer { $officer } on { $target } replaced by { $replacement }
replace-done =
    replacement { $seq }: { $what } ({ $reason }); team: { $team }
    recorded in { $file }
replace-resolved =
    replacement { $seq } decided by drand round { $round }: { $replacement }; team: { $team }
    recorded in { $file }

## verify (the verdict lines are the verify-* keys of dualdraw.ftl)

verify-level-caps = { $level ->
        [light] LIGHT
        [public] PUBLIC
        [audit] AUDIT
       *[other] { $level }
    }
verify-too-large = { $file }: { $size } bytes, larger than the { $limit } bytes allowed for { $what } (SPEC §10)
verify-not-a = { $file }: not { $what }: { $why }
verify-what-proof = a draw proof
verify-what-snapshot = a public snapshot
verify-what-replacements = a replacement list
verify-replacements-need-audit = --replacements needs the workspace that holds the draw's snapshot (audit level)
verify-why-not-in-workspace = the workspace { $dir } holds no snapshot with digest { $digest } (the draw's) or no announcement of { $id }: it was deleted, or this is another workspace
verify-why-no-workspace = no workspace was opened
verify-why-no-snapshot = give the published public snapshot with --snapshot

## demo

demo-files-note =
    to try it yourself, edit and run again:
    {"   "}{ $campaign }  (the campaign)
    {"   "}{ $plan }  (the year's plan)
    {"   "}sh { $commands }  (every command of the job, in a new workspace)

## The library's refusals of these commands (src/cli/campaign/texts.rs)

announce-no-snapshot = the workspace has no snapshot yet: import the registries first
draw-missing-reveals = waiting for the reveal of { $names }: with on_missing_reveal = "void" every witness must reveal (or void the campaign)
draw-late-reveal = { $name } revealed at { $at }, after the deadline { $deadline }
draw-unknown-witness = { $name } is not a witness of this campaign
draw-beacon-missing = the campaign commits to { $scheme } round { $round }: give it (drand: --beacon ROUND.json; lottery: --lottery RESULT)
draw-beacon-not-future = beacon round time { $round_time } is not after the announcement time { $announced_at }
draw-beacon-after-draw-date = beacon round time { $round_time } falls on China date { $date }, after the draw date { $draw_date }
draw-already-drawn = campaign { $id } is already drawn: one draw per announcement
reveal-not-a-witness = { $name } is not a witness of { $id }
reveal-before-announcement = a reveal at { $at } would precede the announcement ({ $announced })
reveal-past-deadline = the reveal deadline { $deadline } has passed ({ $at })
replace-voided = campaign { $id } was voided: nothing can be replaced
replace-round-not-future = drand round { $round } is not in the future: name a round that does not exist yet
replace-no-pending = no replacement of { $id } is waiting for a beacon round
replace-beacon-not-after-request = the beacon round is not after the request
verify-replacements-differ = the replacement file has { $given } replacement(s) that differ from the { $recorded } recorded in the workspace (ledger)
