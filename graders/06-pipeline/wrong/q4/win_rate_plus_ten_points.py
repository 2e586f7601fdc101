# mistake: raised the win rate by 10 percentage points (a 50% improvement at 20%) instead of 10% of itself
# core: yes
def team_velocity(opportunities, average_deal, win_rate, cycle_length):
    return opportunities * average_deal * win_rate / cycle_length

levers = {
    "opportunities": team_velocity(**{**team, "opportunities": team["opportunities"] * 1.1}),
    "average_deal": team_velocity(**{**team, "average_deal": team["average_deal"] * 1.1}),
    "win_rate": team_velocity(**{**team, "win_rate": team["win_rate"] + 0.1}),
    "cycle_length": team_velocity(**{**team, "cycle_length": team["cycle_length"] * 0.9}),
}
velocity_levers = {"levers": levers, "biggest": max(levers, key=levers.get)}
