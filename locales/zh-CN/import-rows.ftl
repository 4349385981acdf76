# 导入文件中行、单元格和文件的问题原因（src/io/import/reasons.rs），以及导入的各个阶段。

import-reason-empty = 为空
import-reason-empty-expected = 为空；应填写：{ $accepted }
import-reason-column-needed = 缺少此列：新增或替换一行时必须有这一列
import-reason-not-in-vocabulary = 不是有效的{ $vocabulary ->
        [entity-kind] 主体类型
        [entity-status] 登记状态
        [officer-status] 人员状态
        [credit-class] 信用风险分类
        [item-type] 事项类型
       *[other] { $vocabulary }
    }（可填写：{ $accepted }）
import-reason-region-shape = 不是 6 位数字的行政区划代码
import-reason-region-province = 前两位不是 GB/T 2260 中的省级代码
import-reason-empty-date = 为空；应填写日期，例如 2026-03-02
import-reason-not-a-date = 不是日期（日期格式应为 YYYY-MM-DD、YYYY/M/D 或 YYYY年M月D日）
import-reason-not-an-iso-date = 不是日期（日期格式应为 YYYY-MM-DD）
import-reason-uscc-length = 统一社会信用代码有 { $got } 位，应为 18 位
import-reason-uscc-character = 第 { $position } 位的字符 { $ch } 不允许使用（只能是 0-9 和 A-Y，不含 I、O、S、V、Z）
import-reason-uscc-check-character = 统一社会信用代码 校验位错误：校验位是 { $got }，应为 { $expected }
import-reason-uscc-check = { $why }（GB 32100-2015）；如确认是旧代码需要接受，请用 --accept-legacy-uscc 列出
import-reason-uscc-legacy-accepted = { $why }；已按列出的旧代码接受
import-reason-other-department = 与 --department { $want } 不一致；按部门导入时只能包含该部门的行
import-reason-uscc-kind-mismatch = 统一社会信用代码 { $uscc } 以 { $prefix } 开头，GB 32100-2015 规定这一前缀属于其他主体类型（应为 { $expected }）
import-reason-cert-expired = 执法证 { $id } 在 { $today } 前已过期：已保留，但不能参加 { $expiry } 之后的抽取
import-reason-unknown-officer = 执法检查人员名录中没有这个执法证号
import-reason-unknown-entity = 检查对象名录中没有这个统一社会信用代码
import-reason-duplicate-key = 重复：第 { $line } 行已有同一条记录
import-reason-duplicate-key-in-file = 重复：文件 { $file } 第 { $line } 行已有同一主体
import-reason-remove-missing = 标记为删除，但名录中没有这条记录
import-reason-remove-other-department = 标记为删除，但它属于 { $owner }，不属于 --department { $want }
import-reason-bad-action = 不是有效的操作（新增或替换请填“新增”或“修改”，删除请填“删除”）
import-reason-control-character = 第 { $position } 个字符是控制字符 U+{ $code }{ $name ->
        [nul] （空字符）
        [tab] （制表符）
        [line-break] （换行符）
        [carriage-return] （回车符）
        [escape] （ESC）
       *[other] {""}
    }；文本中不允许有控制字符
import-reason-column-twice = 列 { $column } 出现了两次（第 { $first } 列也是这一列）
import-reason-unknown-column = 无法识别的列，已忽略
import-reason-missing-column = 缺少必需的列 { $column }（{ $aliases }）
import-reason-results-missing-column = 缺少必需的列 { $column }
import-reason-foreign-key = { $officer ->
        [yes] 执法检查人员
       *[no] 抽查事项
    } { $key } 属于 { $owner }，不属于 { $department }：部门的文件只能列出本部门的记录（如需更改，请联系 { $owner }）
import-reason-registry-emptied = 文件没有数据行：名录{ $emptied ->
        [yes] 已被清空
       *[no] 仍为空
    }
import-reason-dangling-recusals = 有 { $count } 条回避关系涉及的{ $officers ->
        [yes] 执法检查人员
       *[no] 检查对象
    }已不在名录中；这些回避关系仍保留
import-reason-department-not-applicable = --department 只适用于抽查事项清单和执法检查人员名录，不适用于{ $kind }
import-reason-unreadable-csv = 无法读取的 CSV：{ $error }
import-reason-too-many-rows = 数据行超过 { $limit } 行（Excel 本身的上限）：请拆分文件
import-reason-too-many-cells = 单元格总数超过 { $limit } 个：请拆分文件
import-reason-row-too-long = 一行超过 { $limit } 字节（1 MiB）
import-reason-row-too-long-open-quote = 一行超过 { $limit } 字节（1 MiB）：引号 " 没有闭合（它在第 { $line } 行第 { $column } 列开始一个单元格）
import-reason-too-many-columns = 一行超过 { $limit } 列
import-reason-cell-too-long = 单元格有 { $chars } 个字符；上限为 { $limit } 个（Excel 本身的上限）
import-reason-cell-beyond-rows = 第 { $row } 行有单元格，超出 Excel 的 { $limit } 行
import-reason-cell-beyond-columns = { $name } 列（第 { $number } 列）有单元格，超出读取范围（{ $limit } 列）
import-reason-too-much-text = 文本总量超过 { $limit } 字节（512 MiB）：请拆分文件
import-reason-file-too-large = 文件有 { $size } 字节；上限为 { $limit } 字节（256 MiB）：请拆分文件
import-reason-old-xls = 不读取旧版 .xls 工作簿；请另存为 .xlsx 或 CSV
import-reason-part-too-large = 工作簿部件 { $part } 解压后有 { $size } 字节；上限为 { $limit } 字节（1 GiB）
import-reason-part-too-large-huge = 工作簿部件 { $part } 解压后超过 4 GiB；上限为 { $limit } 字节（1 GiB）
import-reason-damaged-workbook = 工作簿已损坏：表格读取程序读取失败（{ $what }）；请在 Excel 中打开后重新保存，或导出为 CSV
import-reason-cannot-open-workbook = 无法打开工作簿：{ $error }
import-reason-cannot-read-sheet = 无法读取工作表 { $sheet }：{ $error }
import-reason-no-sheet = 工作簿中没有工作表
import-reason-sheet-range-beyond = 工作表 { $sheet } 声明的范围 { $range } 超出 Excel 的 { $rows } 行、{ $columns } 列

import-stage-reading = 读取文件
import-stage-loading = 载入现有名录
import-stage-validating = 校验
import-stage-merging = 合并
import-stage-checking-recusals = 检查回避关系
import-stage-committing = 提交
import-stage-committed = 已提交
import-stage-merging-again = 名录在此期间有变更：重新合并

demo-error-import = 导入 { $file } 失败：{ $why }
demo-error-step = 演示步骤 { $step } 失败：{ $why }

import-reason-leave-columns = 请假文件需要 执法证号 和 开始日期（或 日期）两列，可以有 结束日期 列
import-reason-leave-no-officer = 缺少执法证号
import-reason-leave-unknown-officer = 不是这些抽查批次的执法检查人员名录中的人员
import-reason-leave-date = 不是日期（日期格式应为 YYYY-MM-DD）
import-reason-leave-end = 结束日期应不早于 { $start }，且在其后一年以内

import-vocabulary-accepted = { $vocabulary ->
        [entity-kind] 企业、个体工商户、农民专业合作社、事业单位、社会团体、民办非企业单位（社会服务机构）、其他
        [entity-status] 存续（在业、开业）、吊销、注销、撤销、迁出、停业
        [officer-status] 在岗、休假、借调、调离、退休、停职
        [credit-class] A、B、C、D（或 低风险、一般风险、较高风险、高风险）
        [item-type] 重点、一般
       *[other] { $accepted }
    }
