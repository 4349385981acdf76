## Errors of campaign files and annual plan files (src/cli/campaign_file.rs, plan_file.rs; src/core/campaign/reason.rs, toml_problem.rs, src/plan/reason.rs).
## The file and line come first and verbatim (FILE:LINE:); keys and values as written in the file.

cf-toml-line = { $file }:{ $line }: campaign file: { $why }
cf-toml = { $file }: campaign file: { $why }
cf-plan-toml-line = { $file }:{ $line }: plan file: { $why }
cf-plan-toml = { $file }: plan file: { $why }
cf-file-line = { $file }:{ $line }: { $why }
cf-line = line { $line }: { $why }
cf-campaign-invalid = { $key } = { $value }: { $why }

## The TOML reader's messages (recognised by their fixed shapes; the English text as is otherwise)

cf-toml-syntax = { $detail }
cf-toml-unknown-field = unknown field `{ $field }`, expected one of { $expected }
cf-toml-unknown-field-none = unknown field `{ $field }`, there are no fields
cf-toml-missing-field = missing field `{ $field }`
cf-toml-invalid-type = invalid type: { $found }, expected { $expected }
cf-toml-invalid-value = invalid value: { $found }, expected { $expected }
cf-toml-duplicate-key = duplicate key
cf-toml-duplicate-key-named = duplicate key: `{ $key }`
cf-toml-no-matching-type = a value of a type this key does not take
cf-toml-other = { $detail }

## Kinds of values (the TOML reader's "found …, expected …")

cf-kind-boolean = boolean { $value }
cf-kind-integer = integer { $value }
cf-kind-float = floating point { $value }
cf-kind-string = string { $value }
cf-kind-character = character { $value }
cf-kind-sequence = sequence
cf-kind-map = map
cf-expect-string = a string
cf-expect-sequence = a sequence
cf-expect-boolean = a boolean
cf-expect-unsigned = a non-negative integer
cf-expect-integer = an integer
cf-expect-float = a number
cf-expect-table = a table
cf-expect-datetime = a date or time

## Values a campaign file does not allow (src/core/campaign/reason.rs)

cf-listed-twice = listed twice
cf-empty-entry = empty entry
cf-not-an-instant = not an instant with a time zone, e.g. 2026-03-02T10:00:00+08:00
cf-not-a-date = not a date YYYY-MM-DD
cf-unknown-credit-class = { $value } is not a known credit class (accepted: { $accepted })
cf-ratio-and-count = give ratio or count, not both
cf-no-ratio-or-count = needs a ratio ("3%", "1/30") or a count
cf-not-a-ratio = not an exact ratio between 0 and 1 such as "3%", "2.5%" or "1/30"
cf-ratio-as-number = write the ratio as text ("3%", "1/30"): a bare number is floating point and not exact
cf-officer-region = use "same", "other" or "any"
cf-assignment = use "v2" (the default) or "v1"
cf-not-a-commitment = not a 64-digit hex SHA-256 (make one with `dualdraw witness new`)
cf-witness-name-character = a witness name must not contain { $ch }: reveals are written NAME=SECRET
cf-beacon-scheme = use "drand-quicknet" or "lottery"
cf-on-missing-reveal = use "void" or "proceed"
cf-coordination-start = an exact fraction in [0, 1), such as "0", "1/5" or "50%"
cf-not-sorted = must be sorted without duplicates
cf-two-strata = two strata for one credit class
cf-bad-id = must be non-empty, without / or \
cf-must-be-given = must be given
cf-no-items = a campaign needs at least one item
cf-team-too-small = at least 2: the law requires two officers per inspection (行政处罚法 第四十二条)
cf-per-department-zero = at least 1
cf-max-targets-zero = at least 1 (omit it for no limit)
cf-min-above-max = min { $min } is above max { $max }
cf-stratum-excluded = has a stratum and is excluded at once
cf-region-prefix = a region-code prefix is 1 to 6 digits
cf-duplicate-witness = two witnesses with one name
cf-witness-nameless = a witness needs a name
cf-no-entropy = needs at least one witness or a beacon: a draw without outside entropy cannot be checked
cf-drand-round = a drand round is a positive integer
cf-lottery-round = name the lottery draw (e.g. 福彩双色球2026025期)
cf-lottery-deadline = a lottery beacon has no round time: set the reveal deadline before the lottery is drawn
cf-proceed-without-beacon = only with a beacon: otherwise the last witness could choose between outcomes by not revealing
cf-end-before-start = before period.start { $start }
cf-start-before-draw = before the draw date { $draw_date }: visits come after the draw
cf-group-name = name the group
cf-coordination-start-range = an exact fraction in [0, 1)

## The plan's own keys (src/plan/reason.rs)

cf-plan-unknown-key = unknown key; a plan has plan, year, max_visits_per_officer_per_day, defaults, campaign
cf-plan-unknown-key-campaigns = unknown key (each campaign is a [[campaign]] table); a plan has plan, year, max_visits_per_officer_per_day, defaults, campaign
cf-plan-name = the plan's name, a non-empty text
cf-plan-name-missing = missing: name the plan, e.g. plan = "XX县2026年度双随机抽查计划"
cf-plan-year = a year such as 2026 (an integer)
cf-plan-year-missing = missing: the plan's year, e.g. year = 2026
cf-plan-max-visits = a whole number of visits, at least 1
cf-plan-defaults-table = a table: [defaults]
cf-plan-own-key-in-defaults = each campaign gives its own { $key }
cf-plan-campaigns = one [[campaign]] table per campaign, at least one
cf-plan-campaigns-missing = missing: a plan lists its campaigns as [[campaign]] tables
cf-plan-campaign-table = a campaign is a [[campaign]] table
