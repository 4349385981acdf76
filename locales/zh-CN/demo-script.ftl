# demo 写出的 commands.sh 中的注释（src/cli/demo.rs commands_script）
demo-script-head =
    本年度主要工作，按 `dualdraw demo` 的做法写成命令：修改本文件旁的 campaign.toml
    （或 plan.toml）后再次运行：
        sh commands.sh                 # 在新的工作区 ./rerun 中运行
        WS=/tmp/try sh commands.sh     # 在其他位置运行
    它不会改动演示自己的工作区（./workspace）。日期沿用演示的日期（--now）：不加 --now 时读取
    当前时间，早于今天的抽取日期会被拒绝（请改用更晚的 draw_date，或加 --allow-past）。
demo-script-exists = 已存在：请删除它，或用 WS=其他文件夹 运行
demo-script-county =
    1. 模拟县：外部系统导出的四个名录文件
       （仅在缺少时写出，修改过的文件会被保留）。
demo-script-workspace = 2. 建立工作区并导入名录（以 { $today } 为准判断）。
demo-script-plan =
    3. 在抽取之前检查年度计划（内部报告：含信用等级；
       有规则无法满足时以 1 退出）。
demo-script-announce =
    4. 在任何随机数产生之前发布抽查公告。公告前先检查：
       抽取日期、牵头部门、抽查范围、人员配备，以及 200 次模拟抽取中无法完成选派的风险
       （超过 1% 即拒绝：--max-infeasible-risk）。请公示它打印的公告。
demo-script-reveal =
    5. 义务监督员揭示各自的秘密值。演示的秘密值是固定的；真实的义务监督员用
       `dualdraw witness new` 生成自己的秘密值，在此之前只把承诺值交给本局（写在 campaign.toml 中）。
demo-script-draw = 6. 抽取：按信用风险分层抽取检查对象，再选派检查组；写出抽取证明。
demo-script-verify = 7. 任何人都可以重新核验（在工作区中为审计级）。
demo-script-publish = 8. 公示文件（名单、网页、抽取记录、证明、公开快照）。
demo-script-schedule = 9. 在检查期间内安排检查日期（由抽取的排期秘密值决定）。
demo-script-results =
    10. 在检查日期记录每项检查的结果（见名单和日历）。以下是演示为自己的抽取记录的结果；
        其他工作区抽中的对象不同，请在这里写入你的结果：
demo-script-status = 11. 到期情况，以及台账的完整核验。
demo-plan-head =
    演示的年度抽查计划：`dualdraw plan check plan.toml` 在抽取之前说明
    它会抽取什么，以及每条规则能否满足。
demo-script-log =
    12. 签名日志：机关公布公钥；两名共同签署人（义务监督员、邻县市场监管局）关注日志并共同签署检查点，机关把共同签署加入检查点；
    任何人都可以离线核验抽取记录包含在这个检查点中；审计人员在审计级核验之后签署审计声明。
