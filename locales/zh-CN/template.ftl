### campaign template、calendar assume-weekends --for、generate --xlsx（README.zh-CN.md 的操作流程）

## campaign template：模板中的注释（每行前加 #）

template-head =
    抽查批次 { $id } 的设置文件（由 `dualdraw campaign template` 生成）。
    请逐项核对、按本局实际修改后保存，再运行：
        dualdraw -w 工作区 campaign announce 本文件
    公告之后本文件不能再改：改动要作为新的抽查批次重新公告。各项说明见 docs/CAMPAIGN.md。
template-id = 抽查批次编号：在本工作区内唯一，公示文件和抽取记录都用它。
template-title = 抽查任务名称：公示时显示。
template-title-value = { $id } 部门联合双随机抽查
template-lead = 牵头部门：必须是下面某个抽查事项的检查主体。
template-draw-date = 抽取日期（北京时间）：公告不能晚于这一天；检查对象状态和执法证有效期都按这一天判断。
template-items = 抽查事项：事项清单中的事项编码；每个部门的事项由该部门的执法人员检查。
template-targets =
    检查对象范围：检查对象类别（与名录中的“检查对象类别”一致）和行政区划代码。
    以下示例适用于 `dualdraw generate` 生成的模拟县（520123）；请改为本局的类别和区划。
template-exclude = 近 365 天内已被抽查过的主体不再抽取（避免重复检查）。
template-strata = 按信用风险分类（A–D）确定抽取比例：风险越高，比例越高；min 为该类至少抽取的户数。
template-teams = 检查组：每组至少 2 人，每个相关部门各出 1 人；每人最多负责 10 户；执法人员与检查对象在同一区划。
template-period = 检查期间：实地检查日期（`dualdraw schedule` 在其中的工作日安排检查）；从抽取日期一周后开始，共六周。
template-entropy =
    随机数来源：义务监督员（见证人）。每位见证人在自己的设备上运行 `dualdraw witness new`，
    只把承诺值（commitment）交给本局，填在下面；秘密值（secret）由见证人保管，抽取当天再揭示。
template-no-witness = 请把下一行换成见证人的姓名和承诺值（每位见证人一行）。
template-commitment-placeholder = 在此填写见证人的承诺值

## campaign template：输出

template-written = 已写出抽查批次 { $id } 的设置文件 { $file }：抽取日期 { $draw_date }，检查期间 { $start } 至 { $end }。请核对其中的事项、检查对象类别和抽取比例，再用 `dualdraw -w 工作区 campaign announce { $file }` 公告。
template-add-witnesses = 还没有见证人：请在文件的 [entropy] 中填写见证人的姓名和承诺值（或用 --witness 姓名=承诺值 重新生成），否则不能公告。
template-exists = { $file } 已存在，没有覆盖（它可能是改过的设置文件）：请换一个文件名（--out），或先删除它
template-invalid = 不能写出抽查批次 { $id } 的设置文件：{ $why }
template-date-out-of-range = 日期 { $date } 之后的检查期间超出了可表示的日期范围
template-not-name-commitment = { $value } 不是“姓名=承诺值”

## calendar assume-weekends --for

calendar-assume-for-heading = 抽查批次文件 { $file } 用到的年份：{ $from } 至 { $to }
calendar-assume-for-official = { $year }：有法定节假日安排（{ $source }），按它计算工作日
calendar-assume-for-already = { $year }：已按只有周末休息计算（暂定），不再重复记录

## generate --xlsx

generate-xlsx-too-many-rows = { $rows } 个检查对象超出一个 Excel 工作表的容量（最多 { $max } 行）：请不加 --xlsx，生成 CSV 文件

## 帮助

help-campaign-template = 写出一个待修改的抽查批次设置文件（每项都有中文注释）：抽取日期为今天（北京时间），检查期间为一周后起的六周
help-campaign-template--id = 抽查批次编号
help-campaign-template--out = 输出文件（默认：编号.toml）；已有的文件不会被覆盖
help-campaign-template--witness = 见证人及其交来的承诺值，姓名=承诺值（可重复）
help-campaign-template--draw-date = 抽取日期（默认：今天，北京时间）
help-calendar-assume-weekends = 对抽查批次用到的每个年份（抽取日期至检查期间结束后 60 天），凡尚无法定节假日安排的，暂按只有周末休息计算；已有安排的年份不变
help-calendar-assume-weekends--for = 抽查批次设置文件
help-calendar-assume-weekends--now = 记入台账的时间（默认：现在）
help-generate--xlsx = 写出 Excel 工作簿（.xlsx）而不是 CSV 文件，并为每个部门单独写一个执法人员名录

## results form

results-form-written = 已写出抽查批次 { $id } 的检查结果登记表 { $file }（{ $rows } 行，每个检查对象的每个事项一行）：检查完成后在“检查结果”列填写结果（如 未发现问题），保存后用 `dualdraw -w 工作区 results import { $id } { $file }` 导入
help-results-form = 写出已抽取批次的检查结果登记表（.xlsx）：每个检查对象的每个事项一行，附检查日期和检查组；填好后用 `results import` 导入
help-results-form--id = 抽查批次编号
help-results-form--out = 输出文件（默认：编号-检查结果.xlsx）；已有的文件不会被覆盖

## 见证人的揭示（campaign reveal、campaign draw --reveal）

draw-reveal-mismatch = 为见证人 { $name } 给出的秘密值与其承诺值 { $expected } 不符（它对应的承诺值是 { $got }）：请核对秘密值是否抄错、是否对应本抽查批次
draw-short-secret = 见证人 { $name } 的秘密值只有 { $len } 个字符，至少需要 16 个（请用 `dualdraw witness new` 生成）
