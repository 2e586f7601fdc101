# mistake: a list of teams in stage order instead of a dict from stage to team
owners = ["marketing", "marketing", "sdr", "sdr", "ae", "csm"]
