# What an annual plan's check found (src/plan; CLI: src/cli/plan.rs)
plan-finding-no-working-days = campaign { $campaign }: the period { $start }..{ $end } has no working day (工作日): no visit can be dated in it
plan-finding-announced = campaign { $campaign } is already announced in this workspace: a campaign id is announced once
plan-finding-refused = would be refused at announcement: { $why }
plan-finding-unstaffable = campaign { $campaign }: { $entities } pool entities cannot be staffed by { $department } ({ $eligible } of its { $officers } officer(s) are active with a certificate valid on { $date }; the region rule "{ $rule }", qualifications and recusals leave fewer than needed): { $examples }{ $more }; if one is drawn (≈{ $expected } expected) the draw fails
plan-finding-capacity = campaign { $campaign }: { $department } needs ≈{ $places } officer place(s) (at most { $at_most }): { $case ->
    [expected] expected
   *[worst] in the worst case
} more than its capacity { $capacity } ({ $eligible } eligible officer(s) × { $per } target(s) each)
plan-finding-qualification = campaign { $campaign }: { $department } needs ≈{ $places } place(s) (at most { $at_most }) holding { $qualification }: { $case ->
    [expected] expected
   *[worst] in the worst case
} more than { $holders } holder(s) × { $per } = { $capacity }
plan-finding-region = campaign { $campaign }: { $department } needs ≈{ $places } place(s) (at most { $at_most }) for targets in region { $region }: { $case ->
    [expected] expected
   *[worst] in the worst case
} more than the { $officers } officer(s) the region rule "{ $rule }" allows × { $per } = { $capacity }
plan-finding-period = campaign { $campaign }: { $department } has ≈{ $places } visit(s) (at most { $at_most }) to make in { $days } working day(s) of { $start }..{ $end }: { $case ->
    [expected] expected
   *[worst] in the worst case
} more than { $eligible } eligible officer(s) × { $days } day(s) × { $limit } visit(s) a day = { $capacity }{ $needed ->
    [none] {""}
   *[other] ; the expected visits need at least { $needed } working day(s)
}
plan-finding-overlap = campaigns { $a } ({ $a_start }..{ $a_end }) and { $b } ({ $b_start }..{ $b_end }) both need { $department } in overlapping periods: together ≈{ $visits } visit(s) in { $days } working day(s) of { $start }..{ $end }, { $case ->
    [more] more than
   *[within] within
} { $officers } officer(s) × { $days } day(s) × { $limit } visit(s) a day = { $capacity }
