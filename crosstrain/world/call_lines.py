"""What buyers and reps say about objections: the wording of the call-note grammar.

Each list holds sentence templates whose ``{slots}`` are filled per deal and per note
(dialogue.py). Every wording is about its own category, so a reply can only fail in the
way its category allows: arguing, discounting first, dumping features or ignoring it.
A template naming ``{competitor}`` is only used on a deal that has one. ``{quarter}``
becomes the quarter after the call, filled once the call's time is final.
"""

from __future__ import annotations

# What the buyer objects with (the core sentence, played back by a Listen turn).
OBJECTIONS = {
    "price": ("That's more than we expected to pay for {phrase}.", "Honestly, you're about {gap}% above what we pay for {phrase} today.",
              "It costs too much for how much {team} would use it.", "I can't justify {amount} for this.",
              "The price per seat is hard to defend for a team of {seats}.", "For {amount} I'd expect a lot more than {phrase}."),
    "budget": ("We don't have budget for {phrase} until next fiscal year.", "Our budget for {phrase} is already spent.",
               "Our {team} budget is frozen until the next planning round.", "There's no line in the {team} budget for a new tool right now.",
               "Every dollar of this year's {team} budget is committed already."),
    "timing": ("Now isn't a good time, we're in the middle of a re-org in {team}.", "Let's revisit this in {quarter}.",
               "We have too much on our plate to start before {quarter}.", "We're rolling out {phrase} elsewhere first, so not for another {months} months.",
               "The {team} team is heads-down on year-end, ask me again in {quarter}."),
    "authority": ("I'll need to run this by my VP, {name}.", "Procurement decides this, not me, and {name} runs that process.",
                  "Our CFO signs anything above {threshold}, and this is well above it.", "Honestly, {name} in {team} has the final say on {phrase}.",
                  "I can recommend it, but {name} owns the budget for {phrase}."),
    "need": ("We're fine with spreadsheets for {phrase} for now.", "I don't see what problem this solves for {team}.",
             "Our current process for {phrase} works well enough.", "We only spend {hours} hours a month on {phrase}, it's not a pain.",
             "Nobody in {team} has asked for anything like this."),
    "competitor": ("We already use {competitor} for {phrase}.", "{competitor} offered us a similar package for less.",
                   "We're happy with {competitor} for {phrase}, to be honest.", "{competitor} already covers {phrase} for the {team} team.",
                   "We built our own tool for {phrase} and it does the job.", "Our in-house setup for {phrase} is good enough, switching is a big ask."),
    "trust": ("We'd never heard of your company, and we need a vendor that's around in {years} years.", "We'd want to see customers like us in {industry} first.",
              "Our last vendor let us down on {phrase}.", "We're not sure your team can support {seats} users.",
              "{name} in IT wants proof you can handle our data safely."),
}
# Said before the objection in some calls: where the conversation stands (no category).
CONTEXT = ("We went through your proposal for {phrase} with {colleague} last week.", "I've looked at the numbers with {colleague} from {team}.",
           "Thanks for the demo, {colleague} liked the {phrase} part.", "We've compared a few options for {phrase} this month.",
           "I talked it over with {colleague} after our last call.", "So, {colleague} and I read the proposal twice.",
           "Good to speak again, I've had {days} days to think about it.")
# Listen: the buyer's own words played back ({gist} is the objection, seen from the rep).
LISTEN = ("So what I'm hearing is that {gist}.", "If I heard you right, {gist}.", "Let me play that back: {gist}.",
          "{first}, you're telling me {gist}.", "Just so I have it right, {gist}.")
ACK_OPENERS = ("That's a fair point", "Thanks for being upfront", "I appreciate you saying that", "Good that you raised it",
               "{first}, that's a reasonable thing to raise")
ACK_CLAUSES = {
    "price": ("nobody wants to overpay for {phrase}", "a number like {amount} deserves a hard look", "price matters when {phrase} has to pay for itself"),
    "budget": ("budgets are tight everywhere this year", "a spent budget is a real constraint", "money for {phrase} has to come from somewhere"),
    "timing": ("the timing has to work for {team}", "a rollout in a busy season is a real risk", "nobody wants a new tool landing at the wrong moment"),
    "authority": ("{name} should be comfortable with a decision like this", "a purchase this size needs the right sign-off", "it makes sense that {name} has a say"),
    "need": ("if {phrase} works today, change needs a reason", "a tool should solve a problem you actually have", "there's no point buying what {team} won't use"),
    "competitor": ("switching tools for {phrase} is real work", "what you have today is a fair comparison", "moving away from a working setup is a big ask"),
    "trust": ("trusting a new vendor with {phrase} is a real risk", "you should know who you're dealing with", "proof matters after a bad experience"),
}
PROBE_LEADS = ("", "Tell me, ", "Help me understand, ", "{first}, ", "Out of curiosity, ")
PROBE_QUESTIONS = {
    "price": ("Too expensive compared with what?", "What are you comparing {amount} with?",
              "What would {phrase} need to deliver for the price to make sense?", "How are you paying for {phrase} today, in time or in tools?"),
    "budget": ("Is the money gone, or could it be moved this quarter?", "Is any of the {team} budget still uncommitted?",
               "If the savings covered the cost, could it come from another line?", "What would a first phase need to cost to fit what's left?"),
    "timing": ("What changes in {quarter} that makes it a better time?", "What has to be done before you could start?",
               "What does waiting cost you each month?", "What's keeping {team} so busy right now?"),
    "authority": ("Who else is involved in the decision, and what matters to them?", "What will {name} want to see before saying yes?",
                  "How does {name} usually decide on something like {phrase}?", "Who signs off, and at what amount does it go to them?"),
    "need": ("What does doing nothing cost you each month today?", "How many hours does {team} spend on {phrase} each week?",
             "What happens to {phrase} when the person who owns the spreadsheet is out?", "What would you do with the time if {phrase} ran itself?"),
    "competitor": ("What would it cost you to stay as you are, and what made you look around?", "What's missing from {competitor} that got you talking to us?",
                   "How does {competitor} handle {phrase} for you today?", "What does the in-house setup cost you to keep running?"),
    "trust": ("What proof would help: references from your industry, or a short pilot?", "What would {name} need to see to feel safe?",
              "What went wrong with the last vendor on {phrase}?", "Which customers in {industry} would you like to hear from?"),
}
# The buyer's answer to the probe: what the rep then responds to.
ANSWERS = {
    "price": ("Mostly against doing {phrase} in spreadsheets, which costs us maybe {hours} hours a week.",
              "Against {amount} being more than the whole {team} tool budget.", "We'd need to see it pay back within {months} months."),
    "budget": ("It's committed for this year, but {team} has a discretionary line of about {threshold}.",
               "Mostly spent, whatever's left is under {threshold}.", "Some could move if we dropped the {phrase} contract we have now."),
    "timing": ("We finish the re-org in about {weeks} weeks.", "The {phrase} rollout has to land first, that's {months} months out.",
               "Waiting costs us a few hours a week, I suppose, maybe {hours}."),
    "authority": ("{name} will want to see the payback and who else uses it.", "Anything above {threshold} goes to {name}, our CFO.",
                  "{name} decides on tools for {team}, usually after a short demo."),
    "need": ("About {hours} hours a week across {team}, if I'm honest.", "When {colleague} is out, {phrase} just doesn't happen.",
             "We'd spend the time on customers, I suppose, maybe {hours} hours a week."),
    "competitor": ("{competitor} is fine, but {phrase} takes a lot of manual work.", "Our renewal with {competitor} is coming up and the price went up.",
                   "Keeping the in-house tool running takes {colleague} about {hours} hours a week.", "{colleague} built it and is leaving, so we looked around."),
    "trust": ("References from {industry} would help, ideally a team of about {seats}.", "A pilot of {weeks} weeks with our own data would settle it.",
              "They missed every deadline on {phrase}, we can't have that again."),
}
RESPONSES = {
    "price": ("Customers in {industry} usually recover the cost within {months} months, let's build that case with your numbers.",
              "Then let's set {amount} against those hours, line by line.", "Let's put the payback for {phrase} on one page you can share."),
    "budget": ("Let's size a first phase of {phrase} under {threshold} that fits what's left, and plan the rest for the new budget.",
               "We can phase the cost of {phrase} so this year's spend stays under {threshold}."),
    "timing": ("Then let's plan a start in {quarter} so the rollout doesn't add to the load.",
               "Let's map the start date around the next {weeks} weeks and keep the setup light."),
    "authority": ("Could we bring {name} into a 20-minute call so I can answer their questions directly?",
                  "I'll put together a one-page business case you can take to {name}."),
    "need": ("If we can show a saving on {hours} hours a week, would it be worth a closer look?",
             "Let's measure one month of {phrase} the way it runs now, then decide."),
    "competitor": ("Here is where teams that switched from {competitor} saw the difference on {phrase}, side by side.",
                   "Let's price what your current setup for {phrase} costs to keep running and compare it side by side.",
                   "Then let's run {phrase} both ways for {weeks} weeks and let {team} compare.",
                   "I can show you how a team in {industry} moved off a home-grown setup in {weeks} weeks."),
    "trust": ("I can connect you with two customers in {industry} your size and set up a {weeks}-week pilot.",
              "Let's start with a {weeks}-week pilot on your own data, with an exit if it fails."),
}
# Weak replies, by how they fail: each answers the category it heard, badly.
ARGUE = {
    "price": ("That's not really true, our price is fair for what {phrase} gives you.", "Honestly, {amount} is cheap for what you get, {first}."),
    "budget": ("Every company has budget for something this important, {first}.", "Budget is never really the issue with {phrase}, it's priorities."),
    "timing": ("There's never a good time, {first}, so waiting makes no sense.", "Waiting until {quarter} is just an excuse, the sooner you start the better."),
    "authority": ("You don't really need {name} for a decision this size.", "Surely you can sign this yourself, {first}."),
    "need": ("Spreadsheets are a mistake for {phrase}, you just don't see it yet.", "Everyone needs this, {first}, trust me."),
    "competitor": ("{competitor} is yesterday's tool, you'd be wrong to stay.", "Home-grown tools for {phrase} always break, you'd be wrong to keep yours."),
    "trust": ("We're a solid company, {first}, there's no need to worry.", "Nobody else has ever doubted us on {phrase}."),
}
DISCOUNT = {
    "price": ("I can take {pct}% off the price if you sign this week.", "I can take {pct}% off the {amount} if you sign today, {first}."),
    "budget": ("I can take {pct}% off so it fits the budget, if you sign this week.",),
    "timing": ("If you sign before the end of the month, I'll take {pct}% off.",),
    "authority": ("If {name} signs this week, I can take {pct}% off.",),
    "need": ("Even if you don't need all of it, I can take {pct}% off to get you started.",),
    "competitor": ("I'll beat {competitor}: {pct}% off if you switch this week.", "I'll take {pct}% off to make switching from your current setup worth it."),
    "trust": ("To make it less of a risk, I'll take {pct}% off the first year.",),
}
FEATURES = {
    "price": ("For the price you get dashboards, AI forecasting, 200 integrations and {phrase}.",),
    "budget": ("It's worth finding budget for: dashboards, AI forecasting, 200 integrations and {phrase}.",),
    "timing": ("Now is the time, {first}: we just launched AI forecasting, new dashboards and {phrase}.",),
    "authority": ("Once {name} sees the dashboards, the AI forecasting and the 200 integrations, the sign-off is easy.",),
    "need": ("You'd get dashboards, AI forecasting, 200 integrations and {phrase}, so the need will come.",),
    "competitor": ("Unlike {competitor}, we have AI forecasting, 200 integrations and {phrase}.",
                   "Your current setup can't do AI forecasting, 200 integrations or {phrase}."),
    "trust": ("We have SOC 2, AI forecasting, 200 integrations and {phrase}, so you're in good hands.",),
}
IGNORE = {
    "price": ("Let's not get stuck on price, {first}, can we get the order form signed by Friday?",),
    "budget": ("Let's leave the budget aside, {first}, I'll get the contract over to you today.",),
    "timing": ("Let's not wait, {first}, I'll send the contract today so we can start Monday.",),
    "authority": ("Let's not wait for {name}, sign the order form today and we'll sort it out.",),
    "need": ("You'll need it sooner or later, {first}, let me show you the new {phrase} dashboard.",),
    "competitor": ("Let's skip {competitor}, this offer is only valid until Friday.", "Forget your current setup, {first}, this offer ends Friday."),
    "trust": ("Let's not worry about that, {first}, the offer is only valid until Friday.",),
}
# The buyer's answer to a weak reply: the concern is still there.
PUSHBACK = ("I'm not sure that changes anything about {phrase} for us.", "That doesn't really answer what I asked about {phrase}.",
            "Let me think about it and talk to {colleague}.", "Hm, I'll have to take that back to {colleague} and the {team} team.",
            "That's not quite the worry I raised about {phrase}.", "I hear you, but {colleague} will ask me the same question.",
            "Okay, {colleague} and I will talk it over, but I'm not convinced.", "I'm not sure {team} will see it that way, to be honest.",
            "Let's leave it there for today, I'll get back to you in {days} days.")
