## The office's daily commands: registry and imports, results, status, schedule, calendar, reports (src/cli/registry.rs, src/io/import/messages.rs, src/cli/results.rs, src/cli/schedule.rs, src/cli/calendar.rs, src/io/report/text.rs).

## registry、import、update、generate、demo（src/cli/registry.rs）

registry-unknown-encoding = 未知编码 { $value }（可用 utf-8、gbk、gb18030 或 utf-16）
registry-issues-title = { $title ->
        [warnings] 警告
       *[problems] 问题
    }（{ $count } 个）：
registry-snapshot-digest = 版本快照 { $id }，摘要 { $digest }
registry-snapshot-root = {"  "}{ $kind } { $size } 条记录  Merkle 根 { $root }
registry-department-not-applicable = --department 只适用于 items（检查事项）和 officers（执法检查人员），不适用于 { $kind }
registry-several-files = 只有市场主体名录的整体导入可以一次导入多个文件：`import entities 文件 文件 …`（不能用于增量更新，也不能加 --department）
registry-imported = { $delta ->
        [yes] 已更新
       *[no] 已导入
    } { $rows } 行{ $delta ->
        [yes] 、删除 { $removed } 条
       *[no] {""}
    }到{ $kind }（现有 { $total } 条记录）；新版本快照 { $snapshot }
    Merkle 根 { $root }
registry-unchanged = 已读取 { $rows } 行：{ $kind }没有变化，未生成新版本快照
registry-unchanged-current = 已读取 { $rows } 行：{ $kind }没有变化，未生成新版本快照（当前为 { $snapshot }）
registry-rejected = { $count } 个问题；未导入任何内容
registry-no-snapshot = 工作区还没有版本快照：请先导入名录库
registry-stats-snapshot = 版本快照 { $id }
registry-stats-title = { $title ->
        [entities-by-kind] 检查对象（按主体类型）
        [entities-by-category] 检查对象（按类别）
        [entities-by-credit-class] 检查对象（按信用风险分类）
        [entities-by-status] 检查对象（按经营状态）
        [officers-by-department] 执法检查人员（按部门）
        [active-officers-by-department] 在岗执法检查人员（按部门）
       *[items-by-department] 检查事项（按部门）
    }：
registry-export-public-only = 目前只能导出公开快照：dualdraw registry export --public FILE
registry-exported = 已将公开快照 { $snapshot }（摘要 { $digest }）写入 { $file }
registry-no-snapshots = 还没有版本快照
registry-no-record = 版本快照 { $snapshot } 中没有记录 { $key }
registry-not-a-proof = { $file }: 不是记录包含证明：{ $why }
registry-proof-verified =
    核验通过（VERIFIED）：{ $kind } 第 { $index } 号记录在 Merkle 根为 { $root } 的树中（共 { $size } 条记录）
    所属版本快照摘要 { $digest }
registry-proof-opened-class = 已打开的信用风险分类：{ $class }（{ $zh }）
registry-proof-digest-matches = 版本快照摘要与给定的一致
registry-proof-workspace-snapshot = 这是本工作区的版本快照 { $id }
registry-proof-compare-digest = 请将版本快照摘要与公示的摘要比对（或用 --snapshot-digest 给出）
registry-proof-failed = 核验失败（FAILED）：{ $why }
registry-option-error = { $option }：{ $why }
registry-generated = 已生成模拟县数据（种子 { $seed }，{ $entities } 个检查对象，行政区划 { $region }）：
demo-county = 1. 模拟县数据（种子 { $seed }，{ $entities } 个检查对象）已写入 { $dir }
demo-imported = {"   "}已导入 { $total } 条 { $kind }（{ $warnings } 个警告）
demo-committed = 2. 名录库已提交：版本快照 { $snapshot }，摘要 { $digest }
demo-registries-next =
    工作区：{ $workspace }
    下一步：dualdraw -w { $workspace } registry stats
demo-announced =
    3. 抽查批次 { $campaign } 已在产生任何随机数之前发布公告；公告哈希
    {"   "}{ $hash }
demo-witnesses =
    4. 两名见证人（义务监督员甲、乙）揭示了各自的秘密；种子
    {"   "}{ $seed }
demo-drawn = 5. 已抽取 —— 各信用风险分层的抽查范围与抽中数：
demo-stratum = {"   "}{ $class }类  范围 { $pool }  抽中 { $drawn }
demo-targets = {"   "}{ $count } 个检查对象，各配一个检查组：
demo-more = {"   "}… 另有 { $count } 个（见公示）
demo-proof =
    6. 抽取证明 { $file }
    {"   "}核验：{ $level } —— 核验通过（VERIFIED）
demo-notice =
    7. 公示文件（名单 CSV/xlsx/JSON、网页、抽取记录、公开快照、verify.html）位于
    {"   "}{ $dir }
demo-schedule =
    8. 按抽取时固定的排期秘密安排在 { $days } 个工作日的检查日期：每名执法检查人员一个日历文件，位于
    {"   "}{ $dir }
demo-results = 9. 已按检查日期记录 { $results } 条示例检查结果；台账链头 { $head }
demo-next =
    下一步：dualdraw -w { $workspace } status --today 2026-03-20
    {"      "}dualdraw verify { $proof } --snapshot { $snapshot }
    {"      "}dualdraw -w { $workspace } ledger verify

## calendar（src/cli/calendar.rs）：工作日、法定节假日、调休

calendar-missing-year =
    { $command }：{ $context }尚未载入 { $year } 年的法定节假日安排（已知：{ $known }），无法计算 { $year } 年的工作日。
    国务院公布后（国务院办公厅关于{ $year }年部分节假日安排的通知，通常在上一年 11 月），请将其存入工作区：
    {"  "}dualdraw calendar import holidays-{ $year }.toml
    文件为按通知抄录的 TOML（见 docs/CALENDAR.md）：
    {"  "}[{ $year }]
    {"  "}source = "国务院办公厅关于{ $year }年部分节假日安排的通知（国办发明电〔…〕…号）"
    {"  "}days_off = ["MM-DD", "MM-DD..MM-DD", …]
    {"  "}working_weekends = ["MM-DD", …]
    （--holidays FILE 只让本次命令使用这样的文件。）
    公布之前，可用 --assume-weekends { $year } 暂按只有周末休息计算：计算到 { $year } 年的每个期限都是暂定的，导入 { $year } 年的安排后会重新计算。
calendar-other-error = { $command }：{ $context }{ $why }
calendar-assume-known-year = { $command }：{ $year } 年的法定节假日安排已知（{ $source }）：--assume-weekends { $year } 会算错日子，请去掉该选项
calendar-assumed-now = { $year }：尚无法定节假日安排，暂按只有周末休息计算（已记入工作区）：在 `dualdraw calendar import FILE` 之前，计算到 { $year } 年的每个期限都是暂定的
calendar-provisional-mark = （暂定：只按周末计算）
calendar-schedule-provisional = { $years } 年的工作日是假定的（只按周末计算，暂定）：导入法定节假日安排后，`dualdraw status` 会列出落在休息日的每次检查，可用 `dualdraw schedule move` 改期
calendar-status-missing-years = 尚未载入 { $years } 年的法定节假日安排，部分期限无法计算：请运行 `dualdraw calendar import FILE`（见 docs/CALENDAR.md），或用 --assume-weekends YEAR 暂按只有周末休息计算（暂定）
calendar-file-too-large = { $file }: { $bytes } 字节；节假日文件最多 { $max } 字节
calendar-imported-year = { $year }：{ $outcome ->
        [replaced-assumption] 已导入，取代了只按周末计算的假定：其期限已重新计算，不再是暂定的
        [replaced] 已导入，取代了之前已知的法定节假日安排（--replace）
        [unchanged] 已知且日期相同：未作记录
       *[imported] 已导入
    }（{ $source }；{ $periods } 个假期共 { $days_off } 天休息，{ $working_weekends } 个调休工作日）
calendar-import-refused =
    { $file }: { $why }
    未导入任何内容（更正后的通知可用 --replace 取代已知年份）
calendar-bad-file =
    { $file }: { $why }
    未导入任何内容；文件格式见 docs/CALENDAR.md
calendar-no-year = 文件中没有年份
calendar-deadlines-recomputed = 重新计算了 { $count } 个期限：
calendar-visits-on-days-off = { $count } 次已排期的检查现在落在休息日；请逐一改期（检查日期只能通过 schedule move 更改）：
calendar-import-provisional = ；其中 { $count } 个公示期限是暂定的{ $mark }
calendar-list-heading = 工作日：周一至周五，法定节假日除外，另加调休上班日
calendar-origin = { $origin ->
        [shipped] 内置
        [imported] 已导入
       *[assumed] 假定
    }
calendar-list-official = { $year }  { $origin }  休息 { $days_off } 天，调休上班 { $working_weekends } 天，工作日 { $working_days } 天  { $source }
calendar-list-official-recorded = { $year }  { $origin }  休息 { $days_off } 天，调休上班 { $working_weekends } 天，工作日 { $working_days } 天  { $source }（记录于 { $at }）
calendar-list-assumed = { $year }  { $origin }  只按周末计算，尚无法定节假日安排（记录于 { $at }）：工作日为周一至周五，在 `dualdraw calendar import FILE` 之前，计算到 { $year } 年的每个期限都是暂定的
calendar-show =
    { $year }（{ $origin }{ $recorded }）：{ $source }
    放假：{ $ranges }
    调休上班：{ $worked }
    { $year } 年工作日：{ $working_days } 天
calendar-show-recorded = ，记录于 { $at }
calendar-show-none = 无
calendar-due-changed = {"  "}{ $campaign } { $target }：期限 { $from } → { $to }
calendar-visit-on-day-off = {"  "}{ $visit } 在 { $date }（{ $key }）：dualdraw schedule move { $command } --visit { $visit } --not-on { $date } --reason 法定节假日

## schedule（src/cli/schedule.rs）

schedule-file-error = { $file }: { $why }
schedule-completed = 【检查排期】{ $key } 已有记录，但其文件未全部写出（之前的一次运行被中断）：已按记录的排期在 { $dir } 重新写出 { $files } 个文件；没有新增记录
schedule-name-campaigns = 请写出要排期的抽查批次：dualdraw schedule ID…
schedule-bad-leave =
    { $count } 行有误；未作排期：
    { $lines }
schedule-made =
    【检查排期】{ $key }
    { $visits } 次检查（其中 { $joint } 次为多个抽查批次的联合检查），安排在 { $start } 至 { $end } 之间 { $days } 个工作日中的 { $days_used } 天；最忙的一天 { $busiest } 次检查；每名执法检查人员每天不超过 { $officer_max } 次（上限 { $per_day }）
    检查日期取决于抽取时固定的排期秘密：检查完成之前请勿外传，完成后运行 `dualdraw schedule reveal { $campaigns }`
    文件位于 { $dir }（{ $calendars } 个日历文件及各部门名单）
schedule-bad-officer-leave = --officer-leave { $spec }：应写作 OFFICER=YYYY-MM-DD[,YYYY-MM-DD…]
schedule-say-what-changed = 请说明变化：--visit USCC --not-on YYYY-MM-DD，或 --officer-leave OFFICER=YYYY-MM-DD[,…]
schedule-moved = { $key } 第 { $seq } 次改期（{ $reason }）：{ $count } 次检查改期
schedule-moved-visit = {"  "}{ $visit }：{ $from } → { $to }
schedule-files-rewritten = 日历文件已在 { $dir } 重新写出
schedule-revealed = 已在台账中公开 { $campaigns } 的排期秘密和 { $visits } 个检查日期：`dualdraw ledger verify` 会将每个秘密与其抽取时的承诺值核对

## results、history、publish、status（src/cli/results.rs）

results-recorded = { $mode ->
        [correction] 已更正
       *[new] 已记录
    } { $target } { $item }：{ $result }；应在 { $due }{ $mark } 前公示（{ $date } 后第 20 个工作日）{ $notes }
results-lines-context = { $file } 第 { $lines } 行：
results-rejected = { $count } 个问题；未导入任何内容
results-imported = 已为 { $campaign } 导入 { $count } 条检查结果{ $provisional }{ $notes }
results-not-a-target = { $target } 不是 { $campaign } 的检查对象
results-objection-recorded = 已记录 { $target } 对 { $campaign } 的异议
results-notice-written = 已写出 { $campaign } 的检查结果公示（{ $count } 条检查结果）：
history-needs-columns = { $file }: 需要“统一社会信用代码”（uscc）和“检查日期”（date）两列
history-not-a-date = 不是日期（应写作 YYYY-MM-DD）
history-nothing-imported = 未导入任何内容
history-loaded = 已从 { $file } 载入 { $count } 次以往的检查
publish-written = 已将 { $campaign } 的抽查结果名单（{ $count } 个检查对象）写入 { $dir }：
publish-timing = 公示时机由您决定：抽查公告在抽取之前已公示；可以现在公示本名单，也可以在检查完成后公示，以免提前惊动检查对象（抽取证明表明期间没有任何改动）。
status-heading = { $today } 的状态
status-campaign = { $campaign }：{ $state ->
        [announced] 已公告
        [drawn] 已抽取
       *[voided] 已作废
    }
status-drawn = ，{ $targets } 个检查对象，{ $with_results } 个已有检查结果，名单{ $list ->
        [yes] 已公示
       *[no] 未公示
    }，检查结果{ $results ->
        [yes] 已公示
       *[no] 未公示
    }；{ $overdue } 个逾期，{ $due_soon } 个在 5 个工作日内到期
status-not-scheduled = ；检查尚未排期
status-scheduled = ；检查已排期（{ $key }{ $moves ->
        [0] {""}
       *[other] ，改期 { $moves } 次
    }{ $revealed ->
        [yes] ，已公开
       *[no] {""}
    }）
status-due-unknown = { $target } { $item } 的期限未知：{ $why }
status-overdue = 逾期 { $target } { $item }（期限 { $due }{ $mark }）
status-due-soon = 即将到期 { $target } { $item }（期限 { $due }{ $mark }）
status-target-overdue = 逾期 { $target } { $why }
status-target-due-soon = 即将到期 { $target } { $why }
status-no-campaigns = 还没有抽查批次
status-targets = 检查对象
status-all-targets = 全部已抽中的检查对象
status-by-department = 按部门：
status-no-department = （无部门）
status-by-township = 按乡镇/街道（无则按行政区划）：
status-provisional = ，暂定
status-tally = { $name }：{ $targets } 个检查对象：{ $published } 个已公示，{ $pending } 个期限未到，{ $overdue } 个逾期，{ $unknown } 个期限未知；{ $no_result } 个没有任何检查结果
status-tally-provisional = ；{ $count } 个的期限是暂定的
status-basis-visit = { $visit } 检查后第 20 个工作日
status-basis-period-end = 检查期间结束后第 20 个工作日
status-no-result-due = 没有检查结果（期限 { $due }{ $mark }，{ $basis }）
status-no-result-why = 没有检查结果：{ $why }
status-no-result = 没有检查结果
status-visit-on-day-off = 检查 { $visit } 在 { $date }，按法定节假日安排是休息日：dualdraw schedule move { $command } --visit { $visit } --not-on { $date } --reason 法定节假日

## 导入问题和提示（src/io/import/messages.rs，由 src/cli/import_texts.rs 显示）

-quote-fix = 请删去多余的引号；单元格中本来就有的引号要写两遍，并用引号括起整个单元格（甲"公司 写作 "甲""公司"）
-excel-fix = 请在 Excel 中先把该列设置为“文本”格式再粘贴代码（或用“数据 → 从文本/CSV”导入并把该列设为“文本”），或者直接导入代码原来所在的 .xlsx 工作簿，而不要导入 Excel 另存的 CSV 文件
import-empty-file = 文件只有第 { $line } 行的表头，没有数据行：导入会清空{ $kind }（现有 { $records } 条记录）；未作任何更改。如确需清空，请加 --allow-empty 重新导入
import-empty-file-department = 文件只有第 { $line } 行的表头，没有数据行：导入会清空部门 { $department } 的{ $kind }（现有 { $records } 条记录）；未作任何更改。如确需清空，请加 --allow-empty 重新导入
import-nothing-in-file = 文件是空的：没有表头行，也没有数据行；未作任何更改（如确需清空名录库，请导入只有表头行的文件，并加 --allow-empty）
import-department-emptied = 文件没有数据行：部门 { $department } 的部分{ $emptied ->
        [yes] 已清空
       *[no] 仍为空
    }
import-not-in-encoding = 字节 { $bytes }（文件中第 { $offset } 字节处）不是 { $encoding } 编码的文本
import-encoding-forced-utf8 = （按 --encoding 的要求以 UTF-8 读取）；中文版 Excel 另存为“CSV (逗号分隔)”的文件是 GBK 编码：请试用 --encoding gbk，或去掉 --encoding 让程序自动识别编码
import-encoding-forced = （按 --encoding 的要求以 { $encoding } 读取）；去掉 --encoding 可让程序自动识别编码
import-encoding-after-utf8 = （文件从第 { $line } 行起也不是 UTF-8，因此按 GB18030/GBK 读取）；这是文本文件吗？请在 Excel 中另存为“CSV UTF-8 (逗号分隔)”
import-encoding-bom = （文件以 UTF-16 字节顺序标记开头）；请在 Excel 中另存为“CSV UTF-8 (逗号分隔)”
import-encoding-summary = 有 { $lines } 行无法按 { $encoding } 读取；未导入任何内容
import-encoding-summary-listed = 有 { $lines } 行无法按 { $encoding } 读取（列出了前 { $listed } 行）；未导入任何内容
import-workbook-named-as-text = 这是 Excel 工作簿（.xlsx），不是 CSV 文本：请把文件扩展名改为 .xlsx
import-old-workbook-named-as-text = 这是旧版 Excel .xls 工作簿，不是 CSV 文本：请在 Excel 中打开并另存为 .xlsx 或 CSV
import-quote-never-closed = 此单元格以引号 " 开始，但引号没有闭合：其后直到文件末尾的全部内容都会被读成一个单元格；{ -quote-fix }
import-quote-closed-with-text-after = 此单元格以引号 " 开始，下一个引号在第 { $line } 行，且其后还有文字：中间的各行会被读成一个单元格（引号不成对）；{ -quote-fix }
import-quote-swallows-rows = 此单元格以引号 " 开始，下一个引号在第 { $line } 行：中间看起来是完整数据行的各行会被读成一个单元格（引号不成对）；{ -quote-fix }
import-stray-quote = 单元格第 { $position } 个字符处的引号 " 不成对：{ -quote-fix }
import-uscc-scientific = Excel 把这一列转成了数字，并以科学计数法写出代码：代码已丢失，无法从此文件恢复；{ -excel-fix }
import-uscc-precision-lost = 不是有效的统一社会信用代码：看起来是被 Excel 舍入的数字（Excel 只保留 15 位有效数字，最后 3 位变成了 0），无法从此文件恢复；{ -excel-fix }
import-uscc-last-zero = { $why }（GB 32100-2015）：最后一位很可能丢失或被替换成了 0；按前 17 位计算校验码，代码应为 { $fixed }：请与营业执照核对；如果是旧代码，请用 --accept-legacy-uscc 列出
import-uscc-seventeen-fixed = { $why }：最后一位（校验码）很可能丢失了；补上后代码应为 { $fixed }：请与营业执照核对
import-uscc-seventeen = { $why }：很可能丢失了一个字符（通常是最后一位校验码）
import-sheet-hidden = （隐藏）
import-several-sheets = 工作簿有 { $count } 个工作表含有数据：{ $sheets }；请用 --sheet NAME 选择一个（例如 --sheet { $example }）
import-sheet-not-found = 工作簿中没有名为 { $name } 的工作表；现有工作表：{ $sheets }
import-sheet-with-csv = --sheet 只适用于 .xlsx/.xlsm 工作簿，不适用于 CSV 文件
import-more = … 另有 { $count } 个
import-rejected-summary = 发现 { $count } 个问题；未导入任何内容
import-rejected-headline = { $count } 个问题；未导入任何内容

## 控制台年度报告（src/io/report/text.rs，由 src/cli/report_texts.rs 显示）

report-text-heading = { $year } 年度报告 —— 内部资料：含信用风险分类，不得公示
report-text-nothing-drawn = { $year } 年没有已抽取的抽查批次（抽取日期在该年度内且未作废）：无可统计
report-text-campaigns = 抽查批次：统计 { $counted } 个（{ $year } 年抽取、未作废）；未统计：已作废 { $voided } 个，未抽取 { $not_drawn } 个
report-text-visits = 检查：{ $visits } 次，涉及 { $entities } 个检查对象，其中 { $visits_with_results } 次有检查结果（{ $entities_with_results } 个检查对象）；联合检查 { $joint_visits } 次（2 个及以上部门），部门检查 { $department_checks } 次
report-text-visited-more-than-once = 被检查不止一次的：{ $entities } 个检查对象（最多 { $max_visits } 次）
report-text-results = { $year } 年内检查的检查结果：{ $results } 条（已公示 { $published } 条）；{ $later } 条在之后检查，不计入
report-text-by-credit-class = 按信用风险分类：抽中的检查对象 / 有检查结果的（检查次数 / 有检查结果的）
report-text-credit-class = {"  "}{ $class }  { $entities } / { $entities_with_results }  （{ $visits } / { $visits_with_results }）
report-text-by-department = 按部门：抽中的检查对象 / 有检查结果的；有检查任务的执法检查人员 / 在册的；工作量 最少 / 中位数 / 最多
report-text-department = {"  "}{ $department }  { $entities } / { $entities_with_results }；执法检查人员 { $officers_with_visits } / { $officers }；工作量 { $min } / { $median } / { $max }
report-text-campaign-list = 抽查批次：检查对象、有检查结果的、检查结果（已公示）、名单
report-text-campaign = {"  "}{ $id } { $draw_date }  { $targets }，{ $targets_with_results }，{ $results }（{ $results_published }），名单{ $list ->
        [yes] 已公示
       *[no] 未公示
    }
demo-log =
    10. 签名日志（{ $origin }）：公告、抽取之后及最后各签署一个检查点（大小 { $sizes }），由 { $cosigners } 共同签署（最后一个检查点有 { $cosignatures } 个共同签署）；{ $files } 个公示文件已签名；审计人员的审计声明 { $attestation }。
    {"   "}离线核验：node web/dist/verify-cli.mjs --log-key { $dir }/bureau-keys.txt --policy { $dir }/log-policy.toml --inclusion { $dir }/inclusion.txt --consistency { $dir }/checkpoint-draw-day.txt { $dir }/consistency.txt --auditor-key { $dir }/auditor-keys.txt --attestation { $attestation }
    {"   "}或在 verify.html 的「签名日志核验」中选择 { $dir } 里的这些文件。
registry-lookup-present = { $uscc }（{ $name }）是版本快照 { $snapshot }（摘要 { $digest }）中的第 { $index } 条检查对象记录；其包含证明已核对到检查对象名录的默克尔根。请将摘要与公告中的摘要比对。
registry-lookup-absent = { $uscc } 不在版本快照 { $snapshot }（摘要 { $digest }）中：紧挨在它前后的两条记录（{ $below }、{ $above }）是相邻的叶子，其包含证明均已核对到检查对象名录的默克尔根。请将摘要与公告中的摘要比对。
registry-lookup-digest-differs = { $file } 是版本快照 { $got }，不是 { $expected }
registry-lookup-proof-fails = { $file } 未通过核验（轻量级）：{ $why }
registry-lookup-drawn = 抽查批次 { $campaign }：按公开规则在抽取范围内，且被抽中。
registry-lookup-in-pool = 抽查批次 { $campaign }：按公开规则在抽取范围内，未被抽中。（是否因信用风险分类规则被排除，只有登记机关或持有本企业分类开启值的企业本身能够核对。）
registry-lookup-not-in-pool = 抽查批次 { $campaign }：不在抽取范围内（公开规则将其排除），未被抽中。

## migrate（工作区迁入 PostgreSQL 平台）

migrate-bad-bureau = { $name } 不是有效的单位标识：1 到 40 个 a-z、0-9 或 _，以字母开头（如 gz_huaxi）
migrate-unverified = 单位 { $bureau } 已写入但核验未通过（{ $what }）：请勿使用；删除其模式（DROP SCHEMA bureau_{ $bureau } CASCADE）后重新迁移
migrate-done = 已迁入单位 { $bureau } 并核验：各表行数、台账哈希链（{ $entries } 条，链头 { $head }）、{ $snapshots } 个快照（根由迁入的数据块重新计算）、每次抽取的证明
migrate-table = {"  "}{ $table }：{ $rows } 行
migrate-left = 不在数据库中、仍留在工作区文件夹的：{ $files }
bureau-created = 已创建单位 { $bureau }（模式 bureau_{ $bureau }，角色 dualdraw_bureau_{ $bureau }）
bureau-none = 此数据库上还没有单位
bureau-granted = 数据库用户 { $user } 现在可以作为单位 { $bureau } 工作（且只能是它）
token-bad-role = { $role } 不是角色：admin、clerk、approver、witness、auditor 或 public
token-issued = 账号 { $id } { $name }（{ $role }）；令牌只显示这一次（只交给本人）：
    { $token }
token-revoked-at = 已于 { $at } 吊销
token-live = 有效
token-none = 还没有账号：dualdraw token issue --name … --role admin
token-revoked = 已吊销账号 { $id } { $name } 的令牌
serve-bind = 无法监听 { $addr }：{ $error }
serve-listening = dualdraw serve：正在 { $url } 监听（Ctrl-C 停止）
