# mistake: made the cycle 10% longer like the other levers went up, instead of 10% shorter
def team_velocity(opportunities, average_deal, win_rate, cycle_length):
    return opportunities * average_deal * win_rate / cycle_length

levers = {
    "opportunities": team_velocity(**{**team, "opportunities": team["opportunities"] * 1.1}),
    "average_deal": team_velocity(**{**team, "average_deal": team["average_deal"] * 1.1}),
    "win_rate": team_velocity(**{**team, "win_rate": team["win_rate"] * 1.1}),
    "cycle_length": team_velocity(**{**team, "cycle_length": team["cycle_length"] * 1.1}),
}
velocity_levers = {"levers": levers, "biggest": max(levers, key=levers.get)}
