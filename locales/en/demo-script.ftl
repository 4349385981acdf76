# The comments of the demo's commands.sh (src/cli/demo.rs commands_script)
demo-script-head =
    The year's main job as `dualdraw demo` did it, as commands: edit campaign.toml
    (or plan.toml) beside this file and run it again:
        sh commands.sh                 # in a new workspace ./rerun
        WS=/tmp/try sh commands.sh     # elsewhere
    It never touches the demo's own workspace (./workspace). The dates are the
    demo's (--now): without --now the clock is read, and a draw date before
    today is refused (give it a later draw_date, or --allow-past).
demo-script-exists = exists: remove it, or run with WS=another/folder
demo-script-county =
    1. The county: the four registry files an outside system would export
       (written only when missing, so that edits to them are kept).
demo-script-workspace = 2. A workspace, with the registries imported (judged as of { $today }).
demo-script-plan =
    3. The year's plan, checked before anything is drawn (an internal report: it
       shows credit classes; exit 1 when a rule cannot be met).
demo-script-announce =
    4. The campaign announced before any randomness exists. It is checked first:
       draw date, lead department, pool, staffing, and the risk of an infeasible
       draw from 200 simulated draws (refused above 1%: --max-infeasible-risk).
       Publish the notice it prints.
demo-script-reveal =
    5. The witnesses (义务监督员) reveal their secrets. The demo's are fixed; real
       witnesses make theirs with `dualdraw witness new` and give the bureau only
       the commitment (in campaign.toml) until now.
demo-script-draw = 6. The draw: targets per credit-risk stratum, then teams; writes the proof.
demo-script-verify = 7. Anyone re-checks it (audit level in the workspace).
demo-script-publish = 8. The notice files (list, web page, draw record, proof, public snapshot).
demo-script-schedule = 9. Visit dates inside the campaign's period, from the draw's schedule secret.
demo-script-results =
    10. Each inspection's result, on its visit date (see the list and the
        calendars). The demo recorded these for its own draw; another workspace
        draws other targets, so put yours here:
demo-script-status = 11. What is due, and the ledger checked end to end.
demo-plan-head =
    The demo's year plan: `dualdraw plan check plan.toml` says, before anything is drawn,
    what it would draw and whether every rule can be met.
demo-script-log =
    12. The signed log: the bureau publishes its keys; two cosigners (a volunteer supervisor, the neighbouring county's bureau) follow the log and cosign its checkpoint, and the bureau adds their cosignatures to it;
    anyone can check offline that the draw's entry is in that checkpoint; the auditor signs an attestation after an audit-level verification.
