## Campaign commands: announce, reveal, draw, replace, verify verdict lines, demo (src/cli/campaign.rs, src/cli/campaign/*, src/cli/demo.rs).

campaign-not-name-secret = { $value } 不是 NAME=SECRET（见证人名称=秘密）格式
campaign-not-a-share = { $value } 不是有效的比例，应写作 5%、0.05 或 1/20（0 至 100%）
campaign-named = 抽查批次 { $id }：{ $message }

## campaign announce

announce-notice =
    【抽查公告】{ $id }
    { $title }
    公告哈希：    { $hash }
    批次哈希：    { $campaign_hash }
    版本快照 { $snapshot }，摘要 { $digest }
    抽取日期 { $draw_date }；抽查范围 { $pool } 个检查对象
announce-history = 检查历史：近期已检查而排除 { $excluded } 个；{ $pairs } 对执法检查人员与检查对象不再同组；本年度已抽中 { $drawn } 个
announce-group = 协同抽查组 { $group }（{ $members } 个抽查批次），哈希 { $hash }
announce-witness = 见证人 { $name } 的承诺 { $commitment }
announce-beacon = 公共随机信标 { $scheme }，轮次 { $round }
announce-beacon-due = （预计 { $due } 产生）
announce-checked = 公告前检查：每次抽取均抽取 { $targets } 个检查对象
announce-checked-risk = 公告前检查：每次抽取均抽取 { $targets } 个检查对象；{ $risk }
announce-warning = 注意：{ $warning }
announce-publish = 请在抽取前公示本公告：它固定了名录库、抽查规则和随机种子的来源。

## 公告前检查（src/core/campaign_checks*）

check-risk-line = { $draws } 次模拟抽取中有 { $infeasible } 次不可行（{ $share }；上限 { $limit }）
check-risk-line-partial = { $draws } 次模拟抽取中有 { $infeasible } 次不可行（{ $share }；上限 { $limit }）；在规定时间内只完成了所要求 { $requested } 次中的 { $draws } 次
check-warning-lead-on-no-team = 牵头部门 { $lead } 在本抽查批次中有检查事项，但没有一项检查所抽取的检查对象类别（{ $categories }）：它不会进入任何检查组
check-warning-some-infeasible = 抽取可能不可行：{ $risk }；如果不可行，须作废该抽查批次并重新公告
check-past-draw-date = 抽取日期 { $draw_date } 早于公告日期 { $today }（北京时间）：抽取日期已过，除非给出 --allow-past，否则不予公告
check-lead-without-items = 牵头部门 { $lead } 在本抽查批次中没有检查事项（检查事项分属：{ $departments }）：牵头部门参加每个检查组，至少需要一项检查事项；请更正 lead_department 或加入该部门的检查事项
check-all-regions = 全部
check-empty-pool = 对象库为空：没有在营的检查对象符合本抽查批次的类别（{ $categories }）、区域（{ $regions }）、标记和检查历史规则；请对照名录库核对 targets.categories 和 targets.regions
check-empty-pool-excluded = 对象库为空：没有在营的检查对象符合本抽查批次的类别（{ $categories }）、区域（{ $regions }）、标记和检查历史规则（另有 { $excluded } 个因信用等级或低风险规则被排除）；请对照名录库核对 targets.categories 和 targets.regions
check-nothing-drawn = 各分层从 { $pool } 个检查对象中一个也不抽取：请核对 targets.strata 的比例、数量和上限
check-certain = 无论随机种子如何，本抽查批次的任何一次抽取都无法配齐检查组（现在即可确定，无需等待揭示）：
check-certain-stratum = {"  "}- 每次抽取都要从信用等级 { $class } 的 { $pool } 个检查对象中抽取 { $drawn } 个，但其中只有 { $staffable } 个能配齐执法检查人员
check-certain-example = {"    "}例如 { $why }
check-certain-capacity = {"  "}- 每次抽取 { $targets } 个检查对象至少需要 { $department } 的执法检查人员 { $places } 人次，但只有 { $eligible } 名执法检查人员符合条件（每人最多 { $capacity } 个检查对象：共 { $total } 人次）；该部门 { $officers } 名执法检查人员中，{ $not_active } 名不在岗，{ $expired } 名执法证在抽取日期前到期，{ $other } 名不符合区域规则或缺少所需资格
check-certain-advice = 请增加执法检查人员或为其续证、降低抽查比例，或调高 teams.max_targets_per_officer
check-risk = 抽取不可行的风险过高：{ $risk }
check-risk-departments = 抽取不可行的风险过高：{ $risk }；{ $departments }
check-risk-department = { $department } 在 { $count } 次中人手不足
check-risk-example = 第 { $index } 次模拟抽取：{ $why }
check-risk-advice = 请增加执法检查人员、降低抽查比例或调高 teams.max_targets_per_officer；或者用 --max-infeasible-risk 接受该风险

## campaign reveal、witness new

reveal-recorded = 已记录见证人 { $witness } 对抽查批次 { $id } 的揭示
witness-new =
    secret:     { $secret }
    commitment: { $commitment }
    只把承诺（commitment）交给监管部门；秘密（secret）请妥善保管，直到揭示时再公开。

## campaign draw、proof、open-threshold、void

draw-not-a-round = { $file }: 不是 drand 轮次文件：{ $why }
draw-proof-missing = 抽查批次 { $id } 已经抽取（每次公告只能抽取一次），但缺少 { $file }：请用 `dualdraw campaign proof { $id }` 重新写出
draw-out-is-a-folder = { $file } 是一个文件夹；未作任何记录
draw-not-staged = { $file }: { $why }；未作任何记录
draw-no-randomness = 无法从系统取得排期秘密所需的随机数：{ $why }
draw-not-moved = { $file }: { $why }（抽取已记录：请用 `dualdraw campaign proof { $id }` 重新写出）
draw-proof-written = 抽取证明已写入 { $file }
summary-campaign = 抽查批次 { $id }（{ $title }）
summary-seed = 随机种子 { $seed }
summary-pool = 抽查范围 { $pool } 个检查对象（{ $excluded } 个因信用等级被排除）
summary-stratum = {"  "}分层 { $class }：范围 { $pool }  抽中 { $drawn }
summary-targets = 检查对象 { $count } 个：
summary-officer = { $name }（{ $id }，{ $department }）
summary-target = {"  "}{ $uscc } { $name }  [{ $items }]  检查组：{ $team }
proof-not-drawn = 抽查批次 { $id } 尚未抽取
proof-written = 已将抽查批次 { $id } 记录的抽取证明写入 { $file }
threshold-written = 分层 { $class } 的阈值开示已写入 { $file }（只提供给该信用等级的企业）
void-done = 抽查批次 { $id } 已作废（{ $reason }）；作废已记入台账

## campaign replace、resolve-replacement

replace-requested =
    已申请替换；将由 drand 第 { $round } 轮（预计 { $due } 产生）决定：届时请运行
    {"  "}dualdraw campaign resolve-replacement { $id } --beacon ROUND.json
replace-what-target = 检查对象 { $target } 替换为 { $replacement }
replace-what-officer = { $target } 的执法检查人员 { $officer } 替换为 { $replacement }
replace-done =
    第 { $seq } 次替换：{ $what }（{ $reason }）；检查组：{ $team }
    已记录于 { $file }
replace-resolved =
    第 { $seq } 次替换由 drand 第 { $round } 轮决定：{ $replacement }；检查组：{ $team }
    已记录于 { $file }

## verify（核验结论见 dualdraw.ftl 的 verify-* 键）

verify-level-caps = { $level ->
        [light] 轻量级（light）
        [public] 公开级（public）
        [audit] 审计级（audit）
       *[other] { $level }
    }
verify-too-large = { $file }: { $size } 字节，超过了{ $what }允许的 { $limit } 字节（SPEC §10）
verify-not-a = { $file }: 不是{ $what }：{ $why }
verify-what-proof = 抽取证明
verify-what-snapshot = 公开快照
verify-what-replacements = 替换清单
verify-replacements-need-audit = --replacements 需要保存该次抽取版本快照的工作区（审计级）
verify-why-not-in-workspace = 工作区 { $dir } 中没有摘要为 { $digest } 的版本快照（该次抽取所用）或没有 { $id } 的公告：它已被删除，或者这是另一个工作区
verify-why-no-workspace = 没有打开工作区
verify-why-no-snapshot = 请用 --snapshot 给出已公示的公开快照

## demo

demo-files-note =
    想自己试一试，可编辑以下文件后重新运行：
    {"   "}{ $campaign }  （抽查批次）
    {"   "}{ $plan }  （年度抽查计划）
    {"   "}sh { $commands }  （全部流程的命令，在新的工作区中运行）

## 这些命令被库拒绝的原因（src/cli/campaign/texts.rs）

announce-no-snapshot = 工作区还没有版本快照：请先导入名录库
draw-missing-reveals = 正在等待 { $names } 的揭示：on_missing_reveal = "void" 时每位见证人都必须揭示（否则作废该抽查批次）
draw-late-reveal = { $name } 在 { $at } 揭示，晚于截止时间 { $deadline }
draw-unknown-witness = { $name } 不是本抽查批次的见证人
draw-beacon-missing = 本抽查批次承诺使用 { $scheme } 第 { $round } 轮：请给出（drand：--beacon ROUND.json；彩票：--lottery RESULT）
draw-beacon-not-future = 信标轮次时间 { $round_time } 不晚于公告时间 { $announced_at }
draw-beacon-after-draw-date = 信标轮次时间 { $round_time } 在北京时间 { $date }，晚于抽取日期 { $draw_date }
draw-already-drawn = 抽查批次 { $id } 已经抽取：每次公告只能抽取一次
reveal-not-a-witness = { $name } 不是抽查批次 { $id } 的见证人
reveal-before-announcement = 在 { $at } 揭示将早于公告时间（{ $announced }）
reveal-past-deadline = 揭示截止时间 { $deadline } 已过（{ $at }）
replace-voided = 抽查批次 { $id } 已作废：不能替换
replace-round-not-future = drand 第 { $round } 轮不是未来的轮次：请指定一个尚未产生的轮次
replace-no-pending = 抽查批次 { $id } 没有等待信标轮次的替换申请
replace-beacon-not-after-request = 信标轮次不晚于替换申请
verify-replacements-differ = 替换文件中有 { $given } 次替换，与工作区（台账）记录的 { $recorded } 次不同
