"""SDR attempts on leads: calls and e-mails in the owner's working time, until a conversation.

A buyer's interest fades from the moment they become an MQL: the chance that a call
connects falls steeply with the real time since the MQL (MIT / InsideSales: the odds of
contact drop many-fold from 5 to 30 minutes). An SDR keeps trying, calls and e-mails spaced
over the following days, and stops at the first connected call: that conversation is what
acceptance and qualification need (funnel.py). Outbound prospects were never waiting, so
their calls connect at one flat rate.
"""

from __future__ import annotations

import numpy as np

from crosstrain.world.calendar import Clock
from crosstrain.world.context import HOUR, Context

CALL, EMAIL = 0, 1
# Activity outcomes (activities.OUTCOMES): connected, voicemail, no_answer, sent, replied.
CONNECTED, VOICEMAIL, NO_ANSWER, SENT, REPLIED = 0, 1, 2, 3, 4


def fade(hours: np.ndarray, half_hours: float, steepness: float) -> np.ndarray:
    """A buyer's attention: near 1 for the first minutes, half gone after ``half_hours``, then
    falling away fast (a Hill curve: the MIT finding is a cliff within the first half hour)."""
    return 1 / (1 + (np.maximum(hours, 0) / half_hours) ** steepness)


def connect_chance(hours: np.ndarray, funnel: dict) -> np.ndarray:
    """P(a call connects) when placed ``hours`` after the MQL."""
    return funnel["connect_floor"] + funnel["connect_fast"] * fade(hours, funnel["connect_half_hours"], funnel["fade_steepness"])


def attempts(ctx: Context, first_response: np.ndarray, mql: np.ndarray, outbound: np.ndarray, clock: Clock, rng) -> np.ndarray:
    """Draw each worked lead's attempts; return the time of its conversation (-1 if none).

    Leaves the attempts in the state (``sdr_lead``, ``sdr_at``, ``sdr_type``, ``sdr_outcome``),
    for activities.py, and ``sdr_first_call_connected`` per lead, for the lessons' contact rate."""
    f, cal, st = ctx.recipe.funnel, ctx.calendar, ctx.state
    n = len(first_response)
    worked = np.flatnonzero(first_response >= 0)
    k = np.minimum(1 + rng.poisson(f["attempts_mean"] - 1, len(worked)), f["attempts_max"])
    lead = np.repeat(worked, k)
    m = len(lead)
    j = np.arange(m) - np.repeat(np.cumsum(k) - k, k)
    # Retries follow in working time; gaps grow (a few hours, then days).
    gap = (rng.exponential(f["retry_gap_hours"] * HOUR, m) * np.maximum(j, 1)).astype(np.int64)
    gap[j == 0] = 0
    waited = np.cumsum(gap)
    waited -= np.repeat(waited[np.cumsum(k) - k], k)
    at = cal.after(first_response[lead], waited, clock.take(lead))
    kind = np.where(rng.random(m) < np.where(j == 0, f["first_call_share"], f["call_share"]), CALL, EMAIL)
    hours = (at - mql[lead]) / HOUR
    p = np.where(outbound[lead], f["outbound_connect"], connect_chance(hours, f))
    u = rng.random(m)
    connected = (kind == CALL) & (u < p) & (at < ctx.now)
    # The first conversation ends the cold attempts; nothing after the reference date exists.
    conversation = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(conversation, lead[connected], at[connected])
    keep = (at <= conversation[lead]) & (at < ctx.now)
    outcome = np.where(kind == CALL, np.where(connected, CONNECTED, np.where(u < p + 0.35, VOICEMAIL, NO_ANSWER)),
                       np.where(u < p / 3, REPLIED, SENT))
    first_call = np.zeros(n, dtype=bool)
    calls = np.flatnonzero(keep & (kind == CALL))
    first = calls[np.r_[True, lead[calls][1:] != lead[calls][:-1]]] if len(calls) else calls
    first_call[lead[first]] = connected[first]
    st.update(sdr_lead=lead[keep], sdr_at=at[keep], sdr_type=kind[keep], sdr_outcome=outcome[keep],
              sdr_first_call_connected=first_call)
    conversation[conversation == np.iinfo(np.int64).max] = -1
    return conversation
