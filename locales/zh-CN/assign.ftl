# 执法检查人员选派：无法配齐检查组的说明（src/cli/campaign/unstaffable.rs）
infeasible-head = 没有任何选派方案能满足全部规则：
unstaffable-head = { $count } 个检查对象（{ $targets }）需要{ $department }执法检查人员 { $demand } 人次，但只有 { $eligible } 名人员符合条件
unstaffable-capacity = （每人最多负责 { $capacity } 个检查对象，同一检查组内不重复）
unstaffable-no-capacity = （同一检查组内不重复）
unstaffable-officers = ；该部门共有执法检查人员 { $officers } 名
unstaffable-none-excluded = ，没有人因规则被排除
unstaffable-excluded = ，{ $count } 名{ $why }
unstaffable-recused = ；{ $officer } 须回避 { $target }
exclusion-not-active = 不在岗
exclusion-certificate-expired = 执法证在抽取日前已过期
exclusion-region = 不符合区域规则
exclusion-qualification = 缺少所需资格
exclusion-recused = 须回避该检查对象
