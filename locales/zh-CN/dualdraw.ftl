# dualdraw —— 简体中文消息目录（默认语言）。
#
# 每个键一条消息，键和 $参数 与 locales/en/dualdraw.ftl 完全相同
# （src/cli/i18n/tests.rs 中的测试会检查）。标识符、代码、文件名和命令名
# 不翻译。以位置开头的消息（FILE: 或 FILE:LINE:COL:）必须原样保留该前缀。
# 行首空格写作 {"  "}；花括号写作 {"{"} 和 {"}"}。

## 通用

progress-working = 正在处理…
error-file = { $file }: { $why }
error-xlsx = { $file }: { $why }
error-level = { $value }：核验级别只能是 light（轻量）、public（公开）或 audit（审计）
error-instant = { $value } 不是带时区的时间，应形如 2026-03-02T09:00:00+08:00
error-day = { $value } 不是日期，应写作 YYYY-MM-DD
error-hash = { $value } 不是 64 位十六进制的 SHA-256 值
error-lang = { $value }：语言只能是 zh-CN（简体中文）或 en（英文）

io-not-found = 文件或文件夹不存在
io-permission-denied = 没有访问权限
io-already-exists = 文件已存在
io-is-a-directory = 这是一个文件夹，不是文件
io-not-a-directory = 路径中有一段不是文件夹
io-storage-full = 磁盘空间已满
io-read-only = 文件系统是只读的
io-invalid-data = 文件内容无效：{ $why }
io-other = 系统错误：{ $why }

registry-name = { $kind ->
        [items] 检查事项清单（items）
        [entities] 检查对象名录（entities）
        [officers] 执法检查人员名录（officers）
        [recusals] 回避名单（recusals）
       *[other] { $kind }
    }

## 工作区（存储错误）

store-not-a-workspace = { $dir } 不是 dualdraw 工作区（请先运行 `dualdraw --workspace { $dir } init`）
store-already-exists = { $dir } 已经是一个 dualdraw 工作区
store-schema = 工作区数据库结构版本 { $got } 比本程序支持的版本（{ $expected }）新：请升级 dualdraw
store-no-snapshot = 没有编号为 { $id } 的版本快照
store-damaged = 已存储的{ $registry }第 { $version } 版已损坏：{ $why }
store-root-mismatch = 快照 { $snapshot } 中已存储的{ $registry }的 Merkle 根为 { $got }，与记录的 { $expected } 不符
store-backend = 数据库错误：{ $why }
store-no-campaign = 工作区中没有抽查批次 { $id }（请先发布抽查公告）
store-read-only = 此处的工作区是只读的（只读副本、文件夹或介质）：未作任何更改；请在可写的副本上操作
store-random = 系统没有可用的随机源：{ $why }

## init、backup、doctor

init-created = 已创建工作区 { $dir }（数据库 { $database }）
backup-exists = { $file } 已存在：备份不会覆盖已有文件
backup-written =
    备份已写入 { $file }（{ $bytes } 字节）并已核验：数据库完整，{ $entries } 条台账记录直至链头 { $head }，{ $snapshots } 个版本快照，每张表都与台账一致
    恢复方法：把它复制为 WORKSPACE/{ $database }
doctor-nothing-wrong = 未发现问题：数据库完整，每张表都与台账一致，每份抽取证明和公示文件都在
doctor-problems = 发现 { $count } 个问题：
doctor-problems-short = 发现 { $count } 个问题
doctor-finding = - [{ $code }] { $message }
doctor-repair = {"  "}修复：{ $command }

## 核验

verify-failed = 核验失败（FAILED）：{ $message }

## verify 的核验结论（src/cli/campaign/verify.rs 转换后使用；JSON 结论不变）

verify-level = { $level ->
        [light] 轻量级（light）
        [public] 公开级（public）
        [audit] 审计级（audit）
       *[other] { $level }
    }
verify-valid-audit = 有效（VALID，审计级：在工作区的版本快照上用其盐值重新执行了整个抽取）
verify-consistent-public = 公开级一致（CONSISTENT）：证明中没有发现问题，按公开快照重新计算了抽查范围，抽中的检查对象与各分层的规模相符；但这不能证明每个分层抽中的是键值最小的检查对象
verify-consistent-light = 轻量级一致（CONSISTENT）：证明本身所示内容中没有发现问题（揭示、种子、PRN、包含证明、分层算术，并重新执行了整个检查组分配）
verify-established = 已确认：{ $checks }
verify-not-checked = 未核验：{ $check }（{ $why }；谁能核验：{ $who }）
verify-who-public = 任何持有公开快照的人
verify-who-auditor = 持有工作区的审计人员
verify-who-enterprise = 检查对象本身（只能核验自己）
verify-compare-hash = 请将公告哈希 { $hash } 与监管部门在抽取前公示的公告哈希比对
verify-invalid =
    核验失败（FAILED）：{ $message }
    在{ $level }无效（INVALID；未通过的核验项：{ $check }；docs/SPEC.md §9）
verify-not-reached = 未达到{ $requested }核验（NOT VERIFIED）：证明只通过了{ $level }，原因：{ $why }

## 台账

ledger-schedule-dates = 第 { $seq } 条记录：公开的检查日期与记录的 dates_sha256 不符
ledger-schedule-secret = 第 { $seq } 条记录：为抽查批次 { $campaign } 公开的排期秘密与其抽取记录中的承诺值不符
ledger-sequence = 第 { $position } 个位置的记录：编号为 { $got }，应为 { $expected }（有记录被删除、插入或移动）
ledger-link = 第 { $seq } 条记录：prev 为 { $got }，但第 { $previous } 条记录的哈希是 { $expected }（链在此处断开）
ledger-edited = 第 { $seq } 条记录：按其字段计算的哈希为 { $expected }，记录中却是 { $got }（该记录被修改过）
ledger-body = 第 { $seq } 条记录：body 不是 JSON
ledger-head = 台账止于 { $got }，而不是公布的链头 { $published }（有记录缺失或被添加）
ledger-proof-body = 第 { $seq } 条记录：body 无法读取
ledger-proof-unreadable = 第 { $seq } 条记录：{ $file }: { $why }
ledger-proof-differs = 第 { $seq } 条记录：抽取证明 { $file } 的 SHA-256 为 { $got }，台账记录的是 { $recorded }
published-nothing = { $dir }: 此处没有台账中任何一次公示的文件
published-missing = { $file }: 缺失（台账第 { $seq } 条记录为抽查批次 { $campaign } 公示了该文件）
published-differs = { $file }: SHA-256 为 { $got }，但台账第 { $seq } 条记录为抽查批次 { $campaign } 公示的是 { $expected }
ledger-not-an-entry = { $file }:{ $line }: 不是台账记录：{ $why }
ledger-source-file = { $file }
ledger-source-workspace = 本工作区
ledger-verified = 核验通过（VERIFIED）：台账（{ $source }）是一条完整的链，共 { $entries } 条记录，链头 { $head }
ledger-verified-proofs = ；{ $proofs } 份抽取证明与其记录一致
ledger-verified-tables = ；每张表都与台账一致（{ $announcements } 份抽查公告及其版本快照，{ $reveals } 次见证人揭示，{ $proofs } 份抽取证明，{ $results } 条检查结果，{ $schedules } 份检查排期，{ $other } 条其他记录）
ledger-verified-published = ；{ $campaigns } 的 { $files } 个公示文件与其公示记录一致
ledger-head-not-checked = 未核验：台账末尾没有记录被删除（请用 --head 给出最近一次公示中的台账链头）
ledger-export-broken = 工作区的台账已损坏：{ $why }
ledger-exported = 已将 { $entries } 条台账记录写入 { $file }，{ $proofs } 份抽取证明写入 { $dir }；链头 { $head }

## 年度抽查计划

plan-campaign-label = campaign[{ $index }]
plan-campaign-label-id = campaign[{ $index }]（{ $id }）
plan-campaign = { $campaign }：{ $why }
plan-from-defaults = （该值来自 [defaults]）
plan-campaign-key = { $campaign }：{ $key }：{ $why }
plan-duplicate-id = campaign[{ $second }] 的 id { $id } 与 campaign[{ $first }] 重复：抽查批次的 id 必须唯一
plan-outside-year = { $campaign }：{ $key } = { $value } 不在计划年度 { $year } 内
plan-no-snapshot = 工作区还没有版本快照：请先导入名录库
plan-nothing-announced = ；未发布任何抽查公告
plan-check-failed = { $problems } 个问题：计划无法按所写内容执行
plan-announced = 计划 { $plan }（{ $year } 年度）：在一个事务中发布了 { $count } 个抽查批次的公告
plan-announcement =
    【抽查公告】{ $id }
    { $title }
    公告哈希：    { $hash }
    批次哈希：    { $campaign_hash }
    版本快照 { $snapshot }，摘要 { $digest }
    抽取日期 { $draw_date }；抽查范围 { $pool } 个检查对象
plan-announcement-period = ；检查期间 { $start }..{ $end }
plan-announcement-history = 检查历史：近期已检查而排除 { $excluded } 个；{ $pairs } 对执法检查人员与检查对象不再同组；本年度已抽中 { $drawn } 个
plan-announcement-group = 联合抽查组 { $group }（{ $members } 个批次），哈希 { $hash }
plan-announcement-witness = 见证人 { $name }，承诺值 { $commitment }
plan-announcement-beacon = 随机信标 { $scheme }，轮次 { $round }
plan-announcement-beacon-due = （预计 { $due }）
plan-announce-publish = 请在抽取之前公示这些抽查公告：它们固定了名录库、抽查规则和随机源。
plan-expected = ≈{ $rounded }（最多 { $at_most }）
plan-no-limit = 不限
plan-check-head =
    计划 { $plan }（{ $year } 年度）：{ $campaigns } 个抽查批次，按版本快照 { $snapshot }（摘要 { $digest }）检查，假定公告时间为 { $as_of }
    内部资料：本报告含各信用等级的数量，属于保密信息，不得公示。
    ≈ 值为精确期望值，保留一位小数（四舍五入）；“最多”是任何一次抽取的最坏情况。
plan-check-campaign =
    抽查批次 { $id } { $title }（牵头部门 { $lead }）
    {"  "}抽取日期 { $draw_date }
plan-check-period = ；检查期间 { $start }..{ $end }：{ $days } 个工作日
plan-check-group = ；联合抽查组 { $group }
plan-check-refused = 发布公告时将被拒绝（见下方发现的问题）
plan-check-no-numbers = 无数据：该批次的检查事项或类别不在版本快照中
plan-check-pool = 抽查范围 { $pool } 个检查对象（按信用等级排除 { $excluded } 个）；抽取 { $targets } 个检查对象
plan-check-stratum = 分层 { $class }：范围 { $pool }  抽取 { $drawn }
plan-check-no-stratum = {"  "}（无此分层）
plan-check-capacity-each = { $capacity }（每人 { $each } 个检查对象）
plan-check-department = { $department }：检查对象 { $targets }；执法检查人员名额 { $places }；{ $officers } 名执法检查人员中 { $eligible } 名在 { $draw_date } 在岗且持证；承载量 { $capacity }
plan-check-visits = 检查：{ $days } 个工作日内可安排 { $capacity } 次
plan-check-days-needed = ；至少需要 { $days } 个工作日
plan-check-qualification = 资质 { $qualification }：{ $holders } 人持有；名额 { $places }；承载量 { $capacity }
plan-check-region = 区域 { $region }：允许 { $officers } 名执法检查人员；名额 { $places }；承载量 { $capacity }
plan-check-unstaffable = 无法配齐人员：抽查范围内 { $entities } 个检查对象（预计抽中 ≈{ $expected } 个），例如 { $examples }
plan-check-year = 全年，按部门：
plan-check-year-department = { $department }：{ $count } 个抽查批次（{ $campaigns }）；检查对象 ≈{ $targets }（最多 { $targets_at_most }）；执法检查人员名额 ≈{ $places }（最多 { $places_at_most }）；{ $officers } 名符合条件的执法检查人员{ $each }；承载量 { $capacity }
plan-check-year-each = ，每人约 { $places } 个名额
plan-check-findings = 发现：{ $problems } 个问题，{ $warnings } 个提醒
plan-check-problem = 问题 [{ $kind }] { $message }
plan-check-warning = 提醒 [{ $kind }] { $message }
plan-check-ok = 每条规则都能满足

## 年度报告

report-year = { $year } 不是可以出具报告的年度（应为 1900–9999 之间的公历年份，例如 2026）
report-inconsistent = 抽查批次 { $campaign }：{ $why }
report-wrote = 已写入 { $dir }：

## 命令行参数错误（clap 报告的）

clap-error = 错误：{ $message }
clap-invalid-value = 参数 '{ $arg }' 的值 '{ $value }' 无效
clap-invalid-value-valid = 参数 '{ $arg }' 的值 '{ $value }' 无效（可选值：{ $valid }）
clap-unknown-argument = 无法识别的参数 '{ $arg }'
clap-invalid-subcommand = 无法识别的子命令 '{ $name }'
clap-no-equals = 参数 '{ $arg }' 的值须用等号给出
clap-value-validation = 参数 '{ $arg }' 的值 '{ $value }' 无效：{ $why }
clap-too-many-values = 参数 '{ $arg }' 多出了值 '{ $value }'
clap-wrong-number-of-values = 参数 '{ $arg }' 的值的个数不对
clap-argument-conflict = 参数 '{ $arg }' 不能与 '{ $other }' 同时使用
clap-missing-required = 缺少必需的参数：{ $arg }
clap-missing-subcommand = '{ $name }' 需要一个子命令
clap-missing-subcommand-help = 缺少子命令（帮助中列出了可用的子命令）
clap-invalid-utf8 = 参数中有无效的 UTF-8 文本
clap-other =
    命令行参数有误：
    { $detail }
clap-suggested = {"  "}提示：有一个相近的：'{ $what }'
clap-usage = 用法：{ $usage }
clap-more = 用 '--help' 查看详细说明。

## --help：标题和内置条目

help-heading-usage = 用法
help-heading-commands = 命令
help-heading-arguments = 参数
help-heading-options = 选项
help-flag-help = 显示帮助
help-flag-version = 显示版本
help-subcommand-help = 显示本帮助或指定子命令的帮助
help-subcommand-help--subcommand = 要显示帮助的子命令

## --help：每个命令和参数。命令的键为 help-命令路径，参数的键为
## help-命令路径--参数名（顶层命令为 help，其全局选项为 help--参数名）。

help = 可验证的“双随机、一公开”市场监管抽查：名录库、承诺值、抽取与公示
help--workspace = 工作区文件夹（默认：当前文件夹）
help--json = 输出一个 JSON 对象（有文档、有版本的接口），而不是文字
help--operator = 执行本命令的人（记入台账；默认：$USER）
help--approver = 批准人，单位要求审批时填写（记入台账）
help--lang = 消息和帮助的语言：zh-CN（简体中文，默认）或 en（英文）；也可用环境变量 DUALDRAW_LANG
help-init = 创建工作区（一个文件夹及其数据库）
help-import = 导入名录库文件（CSV 或 .xlsx），替换该名录库
help-import--kind = 哪个名录库
help-import--file = CSV 或 .xlsx 文件
help-import--more = 更多市场主体文件，与第一个文件合并导入为同一名录（如全省各县的文件；仅限 entities）
help-import--department = 只替换该部门的检查事项或执法检查人员
help-import--encoding = CSV 文件的文字编码：utf-8、gbk/gb18030 或 utf-16（默认：自动识别）
help-import--accept-legacy-uscc = 接受该统一社会信用代码，即使其校验码不对（已登记的旧代码）；可重复使用
help-import--accept-legacy-list = 列出要接受的旧统一社会信用代码的文件，每行一个
help-import--today = 今天的日期（YYYY-MM-DD），用于证件到期提醒（默认：系统日期）
help-import--allow-empty = 允许只有表头、没有数据行的文件清空该名录库（或该部门的部分）
help-import--sheet = 要读取的 .xlsx 工作表（默认：唯一有数据的工作表）
help-registry = 名录库命令：update、stats、root、snapshots、prove、verify-proof
help-registry-update = 应用变更：按键新增或替换行；`action`（操作）为 删除/remove 的行被删除
help-registry-update--kind = 哪个名录库
help-registry-update--file = CSV 或 .xlsx 文件
help-registry-update--more = （增量更新不适用：一次一个文件）
help-registry-update--department = 只替换该部门的检查事项或执法检查人员
help-registry-update--encoding = CSV 文件的文字编码：utf-8、gbk/gb18030 或 utf-16（默认：自动识别）
help-registry-update--accept-legacy-uscc = 接受该统一社会信用代码，即使其校验码不对（已登记的旧代码）；可重复使用
help-registry-update--accept-legacy-list = 列出要接受的旧统一社会信用代码的文件，每行一个
help-registry-update--today = 今天的日期（YYYY-MM-DD），用于证件到期提醒（默认：系统日期）
help-registry-update--allow-empty = 允许只有表头、没有数据行的文件清空该名录库（或该部门的部分）
help-registry-update--sheet = 要读取的 .xlsx 工作表（默认：唯一有数据的工作表）
help-registry-stats = 按名录库、类型、类别、信用等级和部门统计数量
help-registry-stats--snapshot = 版本快照编号（默认：当前快照）
help-registry-root = 版本快照编号和摘要，以及每个名录库的 Merkle 根
help-registry-root--snapshot = 版本快照编号（默认：当前快照）
help-registry-snapshots = 列出全部版本快照，最早的在前
help-registry-prove = 输出一个检查对象（统一社会信用代码）、执法检查人员（执法证号）或检查事项（事项编码）的包含证明（JSON）
help-registry-prove--key = 统一社会信用代码、执法证号或事项编码
help-registry-prove--kind = 哪个名录库（默认：统一社会信用代码查检查对象名录，否则查执法检查人员名录，再查检查事项清单）
help-registry-prove--snapshot = 版本快照编号（默认：当前快照）
help-registry-prove--open = 附上该检查对象信用等级的打开值（只交给该检查对象本身）
help-registry-export = 写出公开核验所需的公开快照（公开字段和承诺值）
help-registry-export--public = 写出公开快照（目前唯一的导出方式）
help-registry-export--compact = 写成紧凑格式（COMMITMENTS §9：按块分列存储，每户约 60 字节），而不是 JSON
help-registry-export--file = 输出文件
help-registry-export--snapshot = 版本快照编号（默认：当前快照）
help-registry-look-up = 在紧凑公开快照中查询一个检查对象（是否在快照中），只读一个数据块；给出其包含证明，或证明其不在其中的两条相邻记录
help-registry-look-up--file = 紧凑公开快照（`publish --compact`、`registry export --public --compact`）
help-registry-look-up--uscc = 统一社会信用代码
help-registry-look-up--snapshot-digest = 必须是的版本快照摘要（取自公示的公告）
help-registry-look-up--proof = 针对本快照的抽取证明（proof.json）：同时说明该检查对象按公开规则是否在抽取范围内、是否被抽中
help-registry-verify-proof = 核验 `registry prove` 生成的包含证明
help-registry-verify-proof--file = 证明文件（`-` 表示标准输入）
help-registry-verify-proof--snapshot-digest = 证明必须针对的版本快照摘要（取自公示的公告）
help-generate = 生成一个确定性的模拟县，写成四个 CSV 文件
help-generate--seed = 随机种子
help-generate--entities = 检查对象数量
help-generate--region = 该县的行政区划代码
help-generate--malformed = 另加这么多行格式错误的检查对象
help-generate--out = 输出文件夹
help-campaign = 抽查批次：公告（announce）、揭示（reveal）、抽取（draw）
help-campaign-proof = 重新写出已抽取批次记录的抽取证明（与台账哈希的字节完全相同）
help-campaign-proof--id = 抽查批次 id
help-campaign-proof--out = 输出文件（默认：WORKSPACE/proofs/ID.json）
help-campaign-open-threshold = 公开一个分层的阈值（让该信用等级的检查对象能看到自己为何被抽中或未被抽中）
help-campaign-open-threshold--id = 抽查批次 id
help-campaign-open-threshold--class = 信用等级（A–D）
help-campaign-open-threshold--out = 输出文件（默认：标准输出）
help-campaign-void = 公开作废一个抽查批次（记入台账；新的批次需要新的公告）
help-campaign-void--id = 抽查批次 id
help-campaign-void--reason = 作废原因（记录并公示）
help-campaign-void--now = 作废时间（默认：现在）
help-campaign-replace = 替换一个已抽中的检查对象（由其分层的下一个递补），或检查组中的一名执法检查人员；记入台账
help-campaign-replace--id = 抽查批次 id
help-campaign-replace--target = 要替换的已抽中检查对象，或要替换其执法检查人员的检查对象
help-campaign-replace--officer = 不能前往的执法检查人员（不填则替换检查对象）
help-campaign-replace--reason = 替换原因（随替换一并公示）
help-campaign-replace--round = 用新的随机数决定：一个尚未产生的 drand quicknet 轮次（现在记录申请；由 `campaign resolve-replacement` 完成）
help-campaign-replace--now = 替换时间（默认：现在）
help-campaign-resolve-replacement = 用该轮次的 drand 文件完成以 --round 申请的替换
help-campaign-resolve-replacement--id = 抽查批次 id
help-campaign-resolve-replacement--beacon = drand 轮次文件（含 round 和 signature 的 JSON）
help-campaign-resolve-replacement--now = 完成时间（默认：现在）
help-campaign-announce = 按当前版本快照检查抽查批次文件及揭示前即可知道的问题（抽取日期、抽取范围、人员配备、抽取无法完成的风险），并发布抽查公告（输出公告哈希）
help-campaign-announce--files = 抽查批次 TOML 文件。同一联合抽查组（`[coordination]`）的批次须在同一条命令中一起公告
help-campaign-announce--now = 公告时间（默认：现在），例如 2026-03-01T09:00:00+08:00
help-campaign-announce--allow-past = 接受早于公告日期（北京时间）的抽取日期
help-campaign-announce--max-infeasible-risk = 模拟抽取中无法完成人员选派的比例超过此值即拒绝公告，例如 5% 或 1/20
help-campaign-announce--risk-draws = 每个抽查批次用于估计风险的模拟抽取次数（0：不估计）
help-campaign-announce--risk-seconds = 每个抽查批次的模拟抽取最多用时（秒），到时即停（估计会说明完成了多少次）
help-campaign-reveal = 记录一名见证人的揭示 NAME=SECRET（与承诺值不符则拒绝）
help-campaign-reveal--id = 抽查批次 id
help-campaign-reveal--reveal = NAME=SECRET（见证人名=秘密）
help-campaign-reveal--now = 揭示时间（默认：现在）
help-campaign-draw = 抽取检查对象并组成检查组，写出抽取证明
help-campaign-draw--id = 抽查批次 id
help-campaign-draw--reveal = 先记录的揭示，NAME=SECRET（可重复使用）
help-campaign-draw--beacon = drand 轮次文件（含 round 和 signature 的 JSON）
help-campaign-draw--lottery = 彩票开奖结果，例如 "3,7,12,19,25,31/9"
help-campaign-draw--out = 抽取证明的写出位置（默认：WORKSPACE/proofs/ID.json）
help-campaign-draw--now = 此处给出的揭示的时间（默认：现在）
help-verify = 核验抽取证明：在保存其版本快照的工作区中为审计级，带 --snapshot 为公开级，带 --light 或不在工作区中为轻量级；未达到要求的级别时退出码为 1
help-verify--proof = 抽取证明文件
help-verify--snapshot = 已公示的公开快照（`registry export --public`）：公开级核验
help-verify--replacements = 同时重新推算已记录的替换（`PROOF` 的 `.replacements.json`；仅限审计级）
help-verify--light = 只核验证明本身能说明的内容，即使在工作区中
help-verify--level = 必须达到的级别（light、public、audit）；默认：在工作区中为 audit，带 --snapshot 为 public，否则为 light。未达到时退出码为 1
help-witness = 见证人工具
help-witness-new = 生成一个秘密及其承诺值（在自己的设备上运行；只把承诺值交给监管部门）
help-results = 检查结果：录入（record）、更正（correct）、异议（object）、导入（import）、公示（publish）
help-results-record = 录入一个检查对象、一个检查事项的检查结果
help-results-record--id = 抽查批次 id
help-results-record--target = 检查对象的统一社会信用代码
help-results-record--item = 事项编码
help-results-record--result = 检查结果类别，例如 未发现问题
help-results-record--date = 检查结束的日期
help-results-record--officers = 实施检查的执法检查人员（执法证号，用逗号分隔）
help-results-record--note = 备注
help-results-record--holidays = 只用于本次命令的节假日文件（格式同 `calendar import`，见 docs/CALENDAR.md）；其中的年份优先于工作区的工作日历
help-results-record--assume-weekends = 在 YEAR 年的官方节假日安排公布之前，暂按只有周末休息处理：记入工作区，算到 YEAR 年的每个期限在 `calendar import` 之前都是暂定的（可重复使用）
help-results-record--now = 记入台账的时间（默认：现在）
help-results-correct = 更正已录入的检查结果；更正是一条台账记录
help-results-correct--id = 抽查批次 id
help-results-correct--target = 检查对象的统一社会信用代码
help-results-correct--item = 事项编码
help-results-correct--result = 检查结果类别，例如 未发现问题
help-results-correct--date = 检查结束的日期
help-results-correct--officers = 实施检查的执法检查人员（执法证号，用逗号分隔）
help-results-correct--note = 备注
help-results-correct--holidays = 只用于本次命令的节假日文件（格式同 `calendar import`，见 docs/CALENDAR.md）；其中的年份优先于工作区的工作日历
help-results-correct--assume-weekends = 在 YEAR 年的官方节假日安排公布之前，暂按只有周末休息处理：记入工作区，算到 YEAR 年的每个期限在 `calendar import` 之前都是暂定的（可重复使用）
help-results-correct--now = 记入台账的时间（默认：现在）
help-results-object = 记录对某检查对象检查结果的异议
help-results-object--id = 抽查批次 id
help-results-object--target = 检查对象的统一社会信用代码
help-results-object--text = 异议内容
help-results-object--now = 记入台账的时间（默认：现在），例如 2026-03-20T09:00:00+08:00
help-results-import = 从 CSV 或 .xlsx 导入检查结果（列：统一社会信用代码、事项编码、检查结果、检查日期、执法证号）；要么全部导入，要么都不导入
help-results-import--id = 抽查批次 id
help-results-import--file = 文件
help-results-import--holidays = 只用于本次命令的节假日文件（格式同 `calendar import`，见 docs/CALENDAR.md）；其中的年份优先于工作区的工作日历
help-results-import--assume-weekends = 在 YEAR 年的官方节假日安排公布之前，暂按只有周末休息处理：记入工作区，算到 YEAR 年的每个期限在 `calendar import` 之前都是暂定的（可重复使用）
help-results-import--now = 记入台账的时间（默认：现在），例如 2026-03-20T09:00:00+08:00
help-results-publish = 写出检查结果公示文件（CSV、.xlsx、JSON、HTML）
help-results-publish--id = 抽查批次 id
help-results-publish--out = 文件夹（默认：WORKSPACE/published/ID/）
help-results-publish--now = 记入台账的时间（默认：现在），例如 2026-03-20T09:00:00+08:00
help-history = 使用 dualdraw 之前的检查历史
help-history-import = 导入使用 dualdraw 之前的检查记录（列：统一社会信用代码、检查日期）
help-history-import--file = CSV 或 .xlsx 文件
help-history-import--now = 记入台账的时间（默认：现在），例如 2026-03-20T09:00:00+08:00
help-publish = 写出已抽取批次的公示文件（名单 CSV/xlsx/JSON、HTML 页面、抽取记录、抽取证明、公开快照）
help-publish--id = 抽查批次 id
help-publish--out = 文件夹（默认：WORKSPACE/published/ID/）
help-publish--now = 记入台账的时间（默认：现在），例如 2026-03-02T10:00:00+08:00
help-publish--compact = 公开快照写成紧凑格式（public-snapshot.ddps，COMMITMENTS §9），而不是 JSON
help-status = 抽查批次情况：已抽取、已录入、已公示的；每个检查对象（无论有无检查结果）按其期限为已公示、期限未到、逾期或未知，按部门和乡镇统计
help-status--today = 今天的日期，YYYY-MM-DD（默认：系统日期）
help-status--holidays = 只用于本次命令的节假日文件（格式同 `calendar import`，见 docs/CALENDAR.md）；其中的年份优先于工作区的工作日历
help-status--assume-weekends = 在 YEAR 年的官方节假日安排公布之前，暂按只有周末休息处理：记入工作区，算到 YEAR 年的每个期限在 `calendar import` 之前都是暂定的（可重复使用）
help-calendar = 工作日历：导入某年官方节假日安排，列出已知年份，显示某一年
help-calendar-import = 把 FILE 中的官方节假日安排（放假日、调休上班日）存入工作区（docs/CALENDAR.md）；原按只有周末休息处理的年份被替换，其期限重新计算
help-calendar-import--file = 节假日文件（TOML，每年一个表）
help-calendar-import--replace = 用其他日期替换官方安排已知的年份（更正后的通知）
help-calendar-import--now = 记入台账的时间（默认：现在）
help-calendar-list = 可以计算工作日的年份：随程序提供的、已导入的、暂按周末处理的
help-calendar-show = 某一年的放假日和调休上班日
help-calendar-show--year = 年份，例如 2027
help-plan = 年度抽查计划：在抽取之前检查计划，发布其各批次的抽查公告
help-plan-check = 在抽取之前报告计划文件将抽取什么，以及每一条无法满足的规则（有规则无法满足时退出码为 1）。内部报告：含各信用等级的数量
help-plan-check--file = 计划 TOML 文件
help-plan-check--holidays = 只用于本次命令的节假日文件（格式同 `calendar import`，见 docs/CALENDAR.md）；其中的年份优先于工作区的工作日历
help-plan-check--assume-weekends = 在 YEAR 年的官方节假日安排公布之前，暂按只有周末休息处理：记入工作区，算到 YEAR 年的每个期限在 `calendar import` 之前都是暂定的（可重复使用）
help-plan-check--now = 假定在此时间公告进行检查（默认：现在），例如 2026-01-05T09:00:00+08:00
help-plan-announce = 先做与 `campaign announce` 相同的检查，再在一个事务中发布计划文件中全部批次的抽查公告（要么全部发布，要么都不发布）
help-plan-announce--file = 计划 TOML 文件
help-plan-announce--now = 公告时间（默认：现在），例如 2026-01-05T09:00:00+08:00
help-plan-announce--allow-past = 接受早于公告日期（北京时间）的抽取日期
help-plan-announce--max-infeasible-risk = 某批次模拟抽取中无法完成人员选派的比例超过此值即拒绝公告，例如 5% 或 1/20
help-plan-announce--risk-draws = 每个抽查批次用于估计风险的模拟抽取次数（0：不估计）
help-plan-announce--risk-seconds = 每个抽查批次的模拟抽取最多用时（秒），到时即停（估计会说明完成了多少次）
help-report = 年度报告：按信用等级和部门统计已检查的检查对象、重复检查、执法检查人员的工作量
help-report--year = 公历年份，例如 2026
help-report--out = report.html、report.json 和 CSV 表格的文件夹（默认：WORKSPACE/reports/YEAR/）
help-schedule = 为已抽取的检查组排定检查日期（工作日、休假、每日上限、同一乡镇集中安排）；`move` 调整一次检查；之后 `reveal`
help-schedule--ids = 抽查批次 id；同一联合抽查组的批次一起给出时，其共同的检查对象只检查一次
help-schedule--out = 日程文件的文件夹（默认：WORKSPACE/schedules/ID/）
help-schedule--leave = 执法检查人员的休假（CSV 或 .xlsx：执法证号、开始日期、结束日期）
help-schedule--per-day = 每名执法检查人员每天最多检查这么多次
help-schedule--holidays = 只用于本次命令的节假日文件（格式同 `calendar import`，见 docs/CALENDAR.md）；其中的年份优先于工作区的工作日历
help-schedule--assume-weekends = 在 YEAR 年的官方节假日安排公布之前，暂按只有周末休息处理：记入工作区，算到 YEAR 年的每个期限在 `calendar import` 之前都是暂定的（可重复使用）
help-schedule--now = 记入台账和日程文件的时间（默认：现在）
help-schedule-move = 调整一次检查（执法检查人员生病、检查对象当天停业），尽量少改动其他安排
help-schedule-move--ids = 抽查批次 id，与排期时相同
help-schedule-move--visit = 要调整的检查（检查对象的统一社会信用代码）
help-schedule-move--not-on = 这次检查不能安排在这一天
help-schedule-move--officer-leave = 执法检查人员新的休假：OFFICER=YYYY-MM-DD[,YYYY-MM-DD…]
help-schedule-move--reason = 原因（记入台账）
help-schedule-move--out = 日程文件的文件夹（默认：WORKSPACE/schedules/ID/）
help-schedule-move--holidays = 只用于本次命令的节假日文件（格式同 `calendar import`，见 docs/CALENDAR.md）；其中的年份优先于工作区的工作日历
help-schedule-move--assume-weekends = 在 YEAR 年的官方节假日安排公布之前，暂按只有周末休息处理：记入工作区，算到 YEAR 年的每个期限在 `calendar import` 之前都是暂定的（可重复使用）
help-schedule-move--now = 记入台账的时间（默认：现在）
help-schedule-reveal = 检查结束后：公开排期秘密和检查日期（一条任何人都能核验的台账记录）
help-schedule-reveal--ids = 抽查批次 id，与排期时相同
help-schedule-reveal--now = 记入台账的时间（默认：现在）
help-backup = 把工作区数据库备份到 FILE 并核验（恢复：把它复制为 WORKSPACE/dualdraw.db）
help-backup--file = 备份文件（已存在则拒绝）
help-doctor = 检查工作区及其文件：指出哪里有问题，以及修复它的确切命令（有任何问题时退出码为 1）
help-bureau = PostgreSQL 平台上的单位：创建、列出、授权数据库用户使用某一单位
help-bureau-create = 创建单位：其模式、表、规则和角色，并生成新的盐值密钥
help-bureau-create--name = 单位标识：1 到 40 个 a-z、0-9 或 _，以字母开头（如 gz_huaxi）
help-bureau-create--db = 平台数据库，如 postgresql://admin@db.example/dualdraw（或环境变量 DUALDRAW_PG_URL）
help-bureau-list = 列出平台上的单位
help-bureau-list--db = 平台数据库，如 postgresql://admin@db.example/dualdraw（或环境变量 DUALDRAW_PG_URL）
help-bureau-grant-login = 允许一个数据库用户（登录角色）作为本单位工作，且不能作为其他单位
help-bureau-grant-login--name = 单位标识
help-bureau-grant-login--user = 数据库用户（由管理员创建，如 CREATE ROLE huaxi LOGIN PASSWORD '…'）
help-bureau-grant-login--db = 平台数据库，如 postgresql://admin@db.example/dualdraw（或环境变量 DUALDRAW_PG_URL）
help-migrate = 把本工作区迁入 PostgreSQL 平台上的一个新单位（一个事务），迁移后核验
help-migrate--to = 平台数据库，如 postgresql://admin@db.example/dualdraw（或环境变量 DUALDRAW_PG_URL）
help-migrate--bureau = 新单位的标识：1 到 40 个 a-z、0-9 或 _，以字母开头（如 gz_huaxi）
help-ledger = 哈希链台账：核验、导出、签署检查点、证明包含与一致
help-ledger-verify = 核验哈希链：工作区中的台账，或导出的台账文件（`--file`）及其抽取证明
help-ledger-verify--file = 导出的台账（JSON Lines），代替工作区中的台账
help-ledger-verify--head = 台账必须止于的链头（取自公示的公告）
help-ledger-verify--published = 同时按台账中的公示记录核验一个公示文件夹（`published/`，或一个批次的文件夹）
help-ledger-export = 把台账写成 JSON Lines，并把其中提到的抽取证明写入 FILE.proofs/
help-ledger-export--file = 输出文件
help-demo = 在 DIR 中用一个模拟县完整演示主要流程（DIR/county、DIR/workspace）
help-demo--dir = 创建模拟县和工作区的文件夹
help-demo--entities = 检查对象数量
help-demo--seed = 模拟县的随机种子
help-demo--registries-only = 只写出并导入模拟县（不抽查），以便手动试用各命令
help-demo--salt-key = 工作区的盐值密钥（64 位十六进制），代替随机生成的，使演示工作区（及其中每次抽取）可以完全重现。仅用于演示和测试
help-serve = 把工作区（或 PostgreSQL 数据库上的所有单位）作为带账号和角色的 HTTP JSON 接口提供（docs/API.md）
help-serve--listen = 监听地址（回环以外须置于 TLS 反向代理之后：docs/API.md）
help-serve--db = 提供此 PostgreSQL 数据库上的所有单位，而不是工作区
help-serve--bureau = 工作区对外使用的单位标识（其令牌中写明）
help-serve--max-json-kib = JSON 请求体上限，单位 KiB
help-serve--max-upload-mib = 上传名录文件上限，单位 MiB
help-serve--timeout-seconds = 单个请求最长用时，单位秒
help-token = 单位的账号与令牌（供 dualdraw serve 使用）：签发、列出、轮换、吊销
help-token-issue = 创建账号并显示其令牌（只显示一次，只保存哈希）
help-token-issue--name = 本人姓名（台账中记为经办人或审批人）
help-token-issue--role = admin（管理员）、clerk（经办人）、approver（审批人）、witness（义务监督员）、auditor（审计）或 public（公众）
help-token-issue--department = 把经办人限定在一个部门
help-token-list = 列出账号（不显示令牌）
help-token-rotate = 为账号 ID 签发新令牌，旧令牌立即失效
help-token-rotate--id = 账号编号（见 token list）
help-token-revoke = 永久吊销账号 ID 的令牌
help-token-revoke--id = 账号编号（见 token list）
help-token-issue--db = 单位所在的 PostgreSQL 数据库（不给则用工作区）
help-token-issue--bureau = 单位标识（工作区：serve --bureau 使用的名称）
help-token-list--db = 单位所在的 PostgreSQL 数据库（不给则用工作区）
help-token-list--bureau = 单位标识（工作区：serve --bureau 使用的名称）
help-token-rotate--db = 单位所在的 PostgreSQL 数据库（不给则用工作区）
help-token-rotate--bureau = 单位标识（工作区：serve --bureau 使用的名称）
help-token-revoke--db = 单位所在的 PostgreSQL 数据库（不给则用工作区）
help-token-revoke--bureau = 单位标识（工作区：serve --bureau 使用的名称）
help-serve--concurrent = 同时访问数据库的请求数上限（每个请求最多占用两个连接），其余排队等待
