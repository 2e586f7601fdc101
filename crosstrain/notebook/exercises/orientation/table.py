"""Module 00, orientation: warm-ups on the world's tables and the teams' map.

Every expected value is recomputed from the world the notebook loaded.
"""

from __future__ import annotations

from crosstrain.notebook.answers.scalars import Amount, Count, Label, Mapping, Share
from crosstrain.notebook.exercise import Exercise, Mistake
from crosstrain.notebook.exercises.orientation.formulas import STAGE_OWNER
from crosstrain.world.schema import LIFECYCLE_STAGES, new_business

MODULE = "00-orientation"
TEAMS = ("marketing", "sdr", "ae", "csm")


def _inbound(world):
    """Leads that came in through marketing: outbound leads (SDR-sourced) skip the MQL stage."""
    leads = world.leads
    return leads[leads.source_channel != "outbound"]


def _new_business(world):
    """The deals the marketing-to-sales funnel made; expansion deals (CSMs', on customers) are module 09's."""
    return new_business(world.opportunities)


def _won_amounts(deals):
    return deals.loc[deals.is_won.fillna(False).astype(bool), "amount"]


EXERCISES = [
    Exercise(
        MODULE, "q1", "n_leads", "How many leads are in the CRM?",
        Count(of="leads"),
        compute=lambda w: len(w.leads),
        hint_text="Each row of world.leads is one lead: count the rows with len(...).",
        solution_text="n_leads = len(world.leads)",
        mistakes=(
            Mistake("accounts", lambda w: len(w.accounts),
                    "you counted accounts (companies). One company can send many leads: count the rows of world.leads.", core=True),
            Mistake("contacts", lambda w: len(w.contacts),
                    "you counted contacts (people). A contact is a lead's own person or a colleague an AE added to a deal's buying group, who never came in as a lead: count the rows of world.leads."),
            Mistake("distinct_companies", lambda w: int(w.leads.company.nunique()),
                    "you counted distinct company names. Two people from one company are two leads: count every row of world.leads."),
        ),
    ),
    Exercise(
        MODULE, "q2", "mql_share", "What share of inbound leads ever became a marketing-qualified lead (MQL)?",
        Share(of="the number of inbound leads"),
        compute=lambda w: float(_inbound(w).mql_at.notna().mean()),
        hint_text=("Keep the inbound leads (source_channel is not 'outbound'). A lead that ever became an MQL has a date "
                   "in mql_at: .notna() marks those rows True, and the mean of True/False is the share."),
        solution_text=("inbound = world.leads[world.leads.source_channel != 'outbound']\n"
                       "mql_share = inbound.mql_at.notna().mean()"),
        mistakes=(
            Mistake("current_stage_only", lambda w: float((_inbound(w).lifecycle_stage == "mql").mean()),
                    "you took the leads whose stage is MQL *today*. Leads that moved on to SAL, SQL or further were MQLs too: use mql_at, the date a lead became an MQL.", core=True),
            Mistake("all_leads", lambda w: float(w.leads.mql_at.notna().mean()),
                    "you divided by every lead, outbound ones included. Outbound leads are found by SDRs and skip the MQL stage, "
                    "so they can never become MQLs: keep the inbound leads (source_channel != 'outbound')."),
            Mistake("count_not_share", lambda w: int(_inbound(w).mql_at.notna().sum()),
                    "that is how many inbound leads became MQLs; the question asks for the share: divide by the number of inbound leads."),
        ),
    ),
    Exercise(
        MODULE, "q3", "top_channel", "Which source channel brought in the most leads?",
        Label(of="channel", choices=lambda w: sorted(w.leads.source_channel.dropna().unique().tolist())),
        compute=lambda w: str(w.leads.source_channel.value_counts().idxmax()),
        hint_text="world.leads.source_channel.value_counts() counts leads per channel, largest first; .idxmax() gives the label of the largest.",
        solution_text="top_channel = world.leads.source_channel.value_counts().idxmax()",
        mistakes=(
            Mistake("fewest", lambda w: str(w.leads.source_channel.value_counts().idxmin()),
                    "that channel brought in the fewest leads, not the most: value_counts() sorts largest first."),
            Mistake("most_deals", lambda w: str(w.leads.dropna(subset=["opportunity_id"]).source_channel.value_counts().idxmax()),
                    "that channel has the most leads that became opportunities; the question counts all leads, whatever happened to them.", core=True),
        ),
    ),
    Exercise(
        MODULE, "q4", "median_won", "What is the median amount of a won new-business deal, in dollars?",
        Amount(of="a deal amount"),
        compute=lambda w: float(_won_amounts(_new_business(w)).median()),
        hint_text=("Keep the new-business opportunities (type == 'new_business') where is_won is True, "
                   "then take the .median() of their amount."),
        solution_text=("deals = world.opportunities[world.opportunities.type == 'new_business']\n"
                       "won = deals[deals.is_won]\nmedian_won = won.amount.median()"),
        mistakes=(
            Mistake("mean", lambda w: float(_won_amounts(_new_business(w)).mean()),
                    "that is the mean (average) won amount. A few very large deals pull the mean up: the question asks for the median.", core=True),
            Mistake("all_deals", lambda w: float(_new_business(w).amount.median()),
                    "that is the median of every deal, open and lost ones included: keep only the won deals (is_won)."),
            Mistake("closed_deals", lambda w: float(_new_business(w).loc[_new_business(w).is_closed.fillna(False).astype(bool), "amount"].median()),
                    "that includes lost deals: closed means won or lost. Keep only the won deals (is_won)."),
            Mistake("with_expansions", lambda w: float(_won_amounts(w.opportunities).median()),
                    "you kept the expansion deals too (type 'expansion': CSMs sell more to existing customers, module 09). "
                    "This module's deals are the new business the funnel makes: keep type == 'new_business'."),
        ),
    ),
    Exercise(
        MODULE, "q5", "owners", "Who owns a lead at each lifecycle stage: marketing, sdr, ae or csm?",
        Mapping(keys=LIFECYCLE_STAGES, values=TEAMS, of="team"),
        compute=lambda w: dict(STAGE_OWNER),
        hint_text="Marketing owns a lead until sales accepts it; SDRs accept (SAL) and qualify (SQL) it; AEs work opportunities; CSMs look after customers.",
        solution_text="owners = {'lead': 'marketing', 'mql': 'marketing', 'sal': 'sdr', 'sql': 'sdr', 'opportunity': 'ae', 'customer': 'csm'}",
        points=2,
        mistakes=(
            Mistake("marketing_until_sql", lambda w: {**STAGE_OWNER, "sal": "marketing", "sql": "marketing"},
                    "marketing hands the lead over at the MQL: accepting (SAL) and qualifying (SQL) it are sales work, done by SDRs.", core=True),
            Mistake("ae_qualifies", lambda w: {**STAGE_OWNER, "sal": "ae", "sql": "ae"},
                    "AEs take over once there is a real opportunity; the SAL and SQL steps before that are the SDRs' job."),
        ),
    ),
]
