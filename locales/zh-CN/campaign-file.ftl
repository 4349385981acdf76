## 抽查任务文件与年度计划文件的错误（src/cli/campaign_file.rs、plan_file.rs；src/core/campaign/reason.rs、toml_problem.rs、src/plan/reason.rs）
## 文件名与行号在前、原样保留（FILE:LINE:）；键和值照文件原样写出。

cf-toml-line = { $file }:{ $line }: 抽查任务文件：{ $why }
cf-toml = { $file }: 抽查任务文件：{ $why }
cf-plan-toml-line = { $file }:{ $line }: 计划文件：{ $why }
cf-plan-toml = { $file }: 计划文件：{ $why }
cf-file-line = { $file }:{ $line }: { $why }
cf-line = 第 { $line } 行：{ $why }
cf-campaign-invalid = { $key } = { $value }：{ $why }

## TOML 读取器的提示（按其固定形式识别；无法识别时照录英文原文）

cf-toml-syntax = 不是有效的 TOML（{ $detail }）
cf-toml-unknown-field = 未知的键 `{ $field }`，此处可用的键：{ $expected }
cf-toml-unknown-field-none = 未知的键 `{ $field }`：此处不能写任何键
cf-toml-missing-field = 缺少键 `{ $field }`
cf-toml-invalid-type = 类型不对：写的是{ $found }，应为{ $expected }
cf-toml-invalid-value = 取值不对：写的是{ $found }，应为{ $expected }
cf-toml-duplicate-key = 键重复：同一个键写了两次
cf-toml-duplicate-key-named = 键 `{ $key }` 重复：同一个键写了两次
cf-toml-no-matching-type = 类型不对：这个键不接受这种类型的值
cf-toml-other = { $detail }

## 值的种类（TOML 读取器所说的“写的是…，应为…”）

cf-kind-boolean = 布尔值 { $value }
cf-kind-integer = 整数 { $value }
cf-kind-float = 小数 { $value }
cf-kind-string = 文本 { $value }
cf-kind-character = 字符 { $value }
cf-kind-sequence = 数组
cf-kind-map = 表
cf-expect-string = 文本（用引号括起）
cf-expect-sequence = 数组（[ … ]）
cf-expect-boolean = true 或 false
cf-expect-unsigned = 非负整数
cf-expect-integer = 整数
cf-expect-float = 数
cf-expect-table = 表
cf-expect-datetime = 日期或时间

## 抽查任务文件中不允许的值（src/core/campaign/reason.rs）

cf-listed-twice = 重复列出
cf-empty-entry = 有空的条目
cf-not-an-instant = 不是带时区的时刻，例如 2026-03-02T10:00:00+08:00
cf-not-a-date = 不是 YYYY-MM-DD 格式的日期
cf-unknown-credit-class = { $value } 不是已知的信用风险分类（可用：{ $accepted }）
cf-ratio-and-count = ratio（比例）和 count（数量）只能写一个
cf-no-ratio-or-count = 需要写 ratio（比例，如 "3%"、"1/30"）或 count（数量）
cf-not-a-ratio = 不是 0 到 1 之间的精确比例，应写作 "3%"、"2.5%" 或 "1/30"
cf-ratio-as-number = 比例请写成文本（"3%"、"1/30"）：不加引号的数是浮点数，不精确
cf-officer-region = 应为 "same"（同一区域）、"other"（其他区域）或 "any"（不限）
cf-assignment = 应为 "v2"（默认）或 "v1"
cf-not-a-commitment = 不是 64 位十六进制的 SHA-256 值（可用 `dualdraw witness new` 生成）
cf-witness-name-character = 见证人名称不能含有 { $ch }：揭示值写作 NAME=SECRET（名称=秘密）
cf-beacon-scheme = 应为 "drand-quicknet" 或 "lottery"
cf-on-missing-reveal = 应为 "void"（作废）或 "proceed"（继续）
cf-coordination-start = 应为 [0, 1) 之间的精确分数，例如 "0"、"1/5" 或 "50%"
cf-not-sorted = 须按顺序排列且不重复
cf-two-strata = 同一信用风险分类有两个分层
cf-bad-id = 不能为空，且不能含有 / 或 \
cf-must-be-given = 必须填写
cf-no-items = 抽查任务至少需要一个检查事项
cf-team-too-small = 至少为 2：法律要求每次检查至少两名执法人员（行政处罚法 第四十二条）
cf-per-department-zero = 至少为 1
cf-max-targets-zero = 至少为 1（不限时请删去此键）
cf-min-above-max = 最小值 { $min } 大于最大值 { $max }
cf-stratum-excluded = 既设了分层又被排除
cf-region-prefix = 行政区划代码前缀应为 1 到 6 位数字
cf-duplicate-witness = 两名见证人同名
cf-witness-nameless = 见证人需要名称
cf-no-entropy = 至少需要一名见证人或一个公共随机信标：没有外部随机源的抽取无法验证
cf-drand-round = drand 轮次应为正整数
cf-lottery-round = 请写明所用的彩票期次（例如 福彩双色球2026025期）
cf-lottery-deadline = 彩票信标没有轮次时间：请设置在开奖之前的揭示截止时间（reveal_deadline）
cf-proceed-without-beacon = 只能与公共随机信标一起使用：否则最后一名见证人可以通过不揭示来选择抽取结果
cf-end-before-start = 早于 period.start { $start }
cf-start-before-draw = 早于抽取日期 { $draw_date }：检查应在抽取之后进行
cf-group-name = 请写明协同抽查组的名称
cf-coordination-start-range = 应为 [0, 1) 之间的精确分数

## 计划文件自身的键（src/plan/reason.rs）

cf-plan-unknown-key = 未知的键；计划文件可用的键：plan、year、max_visits_per_officer_per_day、defaults、campaign
cf-plan-unknown-key-campaigns = 未知的键（每个抽查批次写成一个 [[campaign]] 表）；计划文件可用的键：plan、year、max_visits_per_officer_per_day、defaults、campaign
cf-plan-name = 计划名称，应为非空文本
cf-plan-name-missing = 缺少：请写明计划名称，例如 plan = "XX县2026年度双随机抽查计划"
cf-plan-year = 应为年份，例如 2026（整数）
cf-plan-year-missing = 缺少：请写明计划年度，例如 year = 2026
cf-plan-max-visits = 应为整数的检查次数，至少为 1
cf-plan-defaults-table = 应为表：[defaults]
cf-plan-own-key-in-defaults = 每个抽查批次须写明自己的 { $key }
cf-plan-campaigns = 每个抽查批次写成一个 [[campaign]] 表，至少一个
cf-plan-campaigns-missing = 缺少：计划以 [[campaign]] 表列出各抽查批次
cf-plan-campaign-table = 抽查批次应为 [[campaign]] 表
