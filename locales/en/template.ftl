### campaign template, calendar assume-weekends --for, generate --xlsx (the walk-through of README.zh-CN.md)

## campaign template: the template's comments (each line after #)

template-head =
    The settings of campaign { $id } (written by `dualdraw campaign template`).
    Check every key, change it to your bureau's, save, then run:
        dualdraw -w WORKSPACE campaign announce THIS-FILE
    Once announced this file cannot change: a change is a new campaign, announced again. Every key: docs/CAMPAIGN.md.
template-id = Campaign id: unique in the workspace; the notices and the draw record use it.
template-title = Title: shown in the notices.
template-title-value = { $id } joint random inspection
template-lead = Lead department: the department of one of the items below.
template-draw-date = Draw date (China): the announcement must not be later; entity status and certificate validity are judged as of this day.
template-items = Items: item codes of the item list; each department's items are inspected by its officers.
template-targets =
    Targets: target categories (as in the directory's category column) and region codes.
    The example suits a county made by `dualdraw generate` (520123); put your bureau's categories and regions.
template-exclude = Entities inspected within the last 365 days are not drawn again.
template-strata = Shares per credit-risk class (A–D): the higher the risk, the larger the share; min: at least this many of the class.
template-teams = Teams: at least 2 officers, one per department concerned; at most 10 targets per officer; officers of the target's region.
template-period = Inspection period: the visits' dates (`dualdraw schedule` puts them on its working days); from a week after the draw date, six weeks.
template-entropy =
    Randomness: the witnesses (义务监督员). Each runs `dualdraw witness new` on their own device and gives
    the bureau only the commitment, written below; they keep the secret until the draw.
template-no-witness = Replace the next line with each witness's name and commitment (one line per witness).
template-commitment-placeholder = the witness's commitment here

## campaign template: output

template-written = Wrote the settings of campaign { $id } to { $file }: draw date { $draw_date }, inspection period { $start } to { $end }. Check its items, target categories and shares, then announce it with `dualdraw -w WORKSPACE campaign announce { $file }`.
template-add-witnesses = No witness yet: write each witness's name and commitment under [entropy] (or write the template again with --witness NAME=COMMITMENT); it cannot be announced without.
template-exists = { $file } exists and was not replaced (it may be an edited campaign): choose another name (--out) or remove it first
template-invalid = cannot write the settings of campaign { $id }: { $why }
template-date-out-of-range = the inspection period after { $date } is beyond the dates that can be written
template-not-name-commitment = { $value } is not NAME=COMMITMENT

## calendar assume-weekends --for

calendar-assume-for-heading = The years campaign file { $file } needs: { $from } to { $to }
calendar-assume-for-official = { $year }: official holiday schedule ({ $source }), working days counted with it
calendar-assume-for-already = { $year }: already counted on weekends only (provisional), nothing recorded again

## generate --xlsx

generate-xlsx-too-many-rows = { $rows } entities do not fit in one Excel worksheet (at most { $max } rows): write CSV files (without --xlsx)

## Help

help-campaign-template = Write a campaign file to edit, with a comment on every key: drawn today (China date), inspected in the six weeks from a week later.
help-campaign-template--id = Campaign id.
help-campaign-template--out = Output file (default: ID.toml); an existing file is never replaced.
help-campaign-template--witness = A witness and the commitment they gave, NAME=COMMITMENT (repeatable).
help-campaign-template--draw-date = The draw date (default: today's China date).
help-calendar-assume-weekends = Count on weekends only every year a campaign's dates need (draw date to 60 days after its period) whose official schedule is not known; years with one are left as they are.
help-calendar-assume-weekends--for = The campaign file.
help-calendar-assume-weekends--now = The time recorded in the ledger (default: now).
help-generate--xlsx = Write Excel workbooks (.xlsx) instead of CSV files, with one officers' workbook per department.

## results form

results-form-written = Wrote the results form of campaign { $id } to { $file } ({ $rows } rows, one per target and item): after the inspections, fill in the 检查结果 column (e.g. 未发现问题), save, and import it with `dualdraw -w WORKSPACE results import { $id } { $file }`
help-results-form = Write the results form (.xlsx) of a drawn campaign to fill in: one row per target and item, with the visit date and team; give it back to `results import`.
help-results-form--id = Campaign id.
help-results-form--out = Output file (default: ID-检查结果.xlsx); an existing file is never replaced.

## Witnesses' reveals (campaign reveal, campaign draw --reveal)

draw-reveal-mismatch = the secret given for { $name } does not match the commitment { $expected } (it gives { $got })
draw-short-secret = the secret for { $name } has { $len } characters; at least 16 are needed
