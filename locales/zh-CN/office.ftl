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
