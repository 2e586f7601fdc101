"""What discovery calls sound like: the rep's question and the buyer's answer, per MEDDPICC element.

A discovery note evidences one element the deal really has; its answer's amounts, names
and competitor come from the deal (dialogue.py fills the ``{slots}``).
"""

from __future__ import annotations

QUESTION_LEADS = ("", "Quick one, ", "Before we go on, ", "{first}, ", "Tell me, ")
QUESTIONS = {
    "has_metrics": ("What would success look like in numbers?", "How will you measure whether {phrase} worked?",
                    "What number would tell you this paid off?", "Which metric does {team} report on for {phrase}?"),
    "has_economic_buyer": ("Who signs off on a purchase like this?", "Who owns the budget for {phrase}?",
                           "Who has the final say on spend like this?", "At what amount does this need another signature?"),
    "has_decision_criteria": ("How will you compare the options?", "What has to be true for you to pick a vendor for {phrase}?",
                              "What's on your scorecard for {phrase}?", "What would rule a vendor out?"),
    "has_decision_process": ("What are the steps to a decision?", "How did {team} choose the last tool like this?",
                             "What happens between now and a decision?", "Who needs to see a demo before you decide?"),
    "has_paper_process": ("What happens once you've chosen?", "What does procurement need from us?",
                          "How long does legal usually take with a new vendor?", "Is there a security questionnaire or a vendor form?"),
    "has_identified_pain": ("What's the cost of the problem today?", "Where does {phrase} hurt most right now?",
                            "What breaks when {phrase} goes wrong?", "How much time goes into {phrase} each week?",
                            "What does a bad month of {phrase} cost {team}?"),
    "has_champion": ("Who else wants this to happen?", "Who would push for this internally?",
                     "Who'd make the case to your boss?", "Who on your side would own the rollout?"),
    "has_competition_known": ("Who else are you looking at?", "Are you talking to anyone else about {phrase}?",
                              "Who's on your shortlist besides us?", "Have you seen other tools for {phrase}?"),
}
ANSWERS = {
    "has_metrics": ("We'd need to cut reporting time by {cut}% for this to pay off.", "If {phrase} took {hours} fewer hours a week, that'd be a win.",
                    "Forecast accuracy within {cut}% by the end of the year.", "Win rate up {cut} points, that's what the board watches."),
    "has_economic_buyer": ("Our CFO, {name}, approves anything above {threshold}.", "{name} in finance signs off on anything above {threshold}.",
                           "Above {threshold} it goes to {name}, our CFO.", "{name} owns the {team} budget and signs for anything over {threshold}."),
    "has_decision_criteria": ("We'll judge vendors on integrations, security and how well they handle {phrase}.",
                              "Setup in under {weeks} weeks, single sign-on and an open API, in that order.",
                              "Anything that can't sync with our CRM every {hours} hours is out.", "Security first, then ease of use for a team of {seats}."),
    "has_decision_process": ("We shortlist this month, run a pilot for {weeks} weeks, then the steering committee decides.",
                             "{colleague} runs a {weeks}-week pilot, then {team} votes.",
                             "Two demos, a reference call, then the steering committee meets in {weeks} weeks.",
                             "We'll narrow it to {few} vendors and let {team} try each for a week."),
    "has_paper_process": ("Legal needs {weeks} weeks for the contract and procurement sends a security questionnaire.",
                          "Procurement wants our own contract template and a security review, about {weeks} weeks in all.",
                          "{colleague} in legal reviews every contract, count on {weeks} weeks.",
                          "There's a vendor form and a data processing agreement, then purchasing raises the PO, {weeks} weeks or so."),
    "has_identified_pain": ("We lose about {hours} hours a week reconciling pipeline reports by hand.",
                            "{colleague} spends {hours} hours a week fixing {phrase} in spreadsheets.",
                            "Every month-end {team} loses {hours} hours to {phrase}.", "Bad {phrase} data cost us a deal worth {threshold} last year."),
    "has_champion": ("I'll set up the meeting with my boss, {name}, and walk them through the business case myself.",
                     "I'll present it to {name} myself, I've wanted this for {months} months.",
                     "Me, I'll take the business case to {name} next week and bring {colleague} along.",
                     "I'll champion it with {team}, and {name} listens to me on tooling."),
    "has_competition_known": ("We're also talking to {competitor}.", "{competitor} demoed last week, so you're up against them.",
                              "Just {competitor}, they quoted us for {phrase} already.", "{competitor} is our other option, {colleague} likes them."),
}
