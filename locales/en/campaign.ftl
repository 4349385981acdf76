## Campaign commands: announce, reveal, draw, replace, verify verdict lines, demo (src/cli/campaign.rs, src/cli/campaign/*, src/cli/demo.rs).
