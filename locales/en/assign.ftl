# Officer assignment: why a team cannot be staffed (src/cli/campaign/unstaffable.rs)
infeasible-head = no assignment satisfies every rule:
unstaffable-head = { $count } target(s) ({ $targets }) need { $demand } place(s) of { $department } officers, but only { $eligible } officer(s) are eligible
unstaffable-capacity = {" "}(each serves at most { $capacity } target(s), never twice in one team)
unstaffable-no-capacity = {" "}(never twice in one team)
unstaffable-officers = ; of the department's { $officers } officer(s)
unstaffable-none-excluded = {" "}none is excluded by a rule
unstaffable-excluded = , { $count } { $why }
unstaffable-recused = ; { $officer } is recused from { $target }
exclusion-not-active = not active (在岗)
exclusion-certificate-expired = certificate expired before the draw date
exclusion-region = outside the region rule
exclusion-qualification = lacking a required qualification
exclusion-recused = recused from the target
