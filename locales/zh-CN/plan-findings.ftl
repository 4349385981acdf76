# 年度计划检查发现的问题（src/plan，CLI：src/cli/plan.rs）
plan-finding-no-working-days = 抽查批次 { $campaign }：检查期间 { $start }..{ $end } 没有工作日：无法安排任何检查日期
plan-finding-announced = 抽查批次 { $campaign } 已在本工作区公告过：同一编号只能公告一次
plan-finding-refused = 公告时会被拒绝：{ $why }
plan-finding-unstaffable = 抽查批次 { $campaign }：抽查范围中有 { $entities } 个对象无法由{ $department }配齐人员（该部门 { $officers } 名执法检查人员中有 { $eligible } 名在 { $date } 在岗且持有效执法证；区域规则“{ $rule }”、资格和回避使符合条件的人员不足）：{ $examples }{ $more }；抽中其中任何一个（期望 ≈{ $expected } 个）抽取即失败
plan-finding-capacity = 抽查批次 { $campaign }：{ $department }需要执法检查人员名额 ≈{ $places }（最多 { $at_most }）：{ $case ->
    [expected] 期望值
   *[worst] 最坏情况下
}超过其承载量 { $capacity }（{ $eligible } 名符合条件的人员 × 每人 { $per } 个检查对象）
plan-finding-qualification = 抽查批次 { $campaign }：{ $department }需要持有“{ $qualification }”的名额 ≈{ $places }（最多 { $at_most }）：{ $case ->
    [expected] 期望值
   *[worst] 最坏情况下
}超过 { $holders } 名持证人员 × { $per } = { $capacity }
plan-finding-region = 抽查批次 { $campaign }：{ $department }在区域 { $region } 需要名额 ≈{ $places }（最多 { $at_most }）：{ $case ->
    [expected] 期望值
   *[worst] 最坏情况下
}超过区域规则“{ $rule }”允许的 { $officers } 名人员 × { $per } = { $capacity }
plan-finding-period = 抽查批次 { $campaign }：{ $department }在 { $start }..{ $end } 的 { $days } 个工作日内有 ≈{ $places } 次检查（最多 { $at_most }）：{ $case ->
    [expected] 期望值
   *[worst] 最坏情况下
}超过 { $eligible } 名符合条件的人员 × { $days } 天 × 每天 { $limit } 次 = { $capacity }{ $needed ->
    [none] {""}
   *[other] ；期望的检查次数至少需要 { $needed } 个工作日
}
plan-finding-overlap = 抽查批次 { $a }（{ $a_start }..{ $a_end }）和 { $b }（{ $b_start }..{ $b_end }）的检查期间重叠，都需要{ $department }：合计 ≈{ $visits } 次检查，在 { $start }..{ $end } 的 { $days } 个工作日内，{ $case ->
    [more] 超过
   *[within] 不超过
} { $officers } 名人员 × { $days } 天 × 每天 { $limit } 次 = { $capacity }
