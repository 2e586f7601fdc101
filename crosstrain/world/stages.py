"""The stage-by-stage deal process: which stages a deal passes, and when.

A won deal passes every open stage. A lost deal leaves from a stage drawn with an exit
hazard that is highest early (the recipe's ``loss_exit_weights``) and closes that far into
its cycle, so losses concentrate in early stages and the share of deals won from each stage
rises with the stage. The configured probabilities (schema.DEAL_STAGES) understate the
early stages and overstate the late ones, which is what a lesson on calibrating one's own
stage probabilities compares. An open deal sits in the last stage it entered before now,
and its MEDDPICC elements are found as it progresses.
"""

from __future__ import annotations

import numpy as np

from crosstrain.world.context import DAY, weights
from crosstrain.world.schema import OPEN_DEAL_STAGES

N_OPEN = len(OPEN_DEAL_STAGES)
# A lost deal lasts at least this share of its planned cycle (a first call, a follow-up).
SHORTEST_LOSS = 0.15
# ... and at least a week and a half, so its close date stays after its creation on a weekday.
SHORTEST_DAYS = 10
# Early stages pass quickly, proposal and negotiation take longest: stage k of n is entered at
# (k/n) ** PACE of the time from creation to the close.
PACE = 1.6
# Share of its MEDDPICC elements an open deal has found in its first stage; all by the last.
FOUND_AT_START = 0.35


def stages_reached(rng, won: np.ndarray, exit_weights) -> np.ndarray:
    """How many open stages each deal enters in its life: all for a win, up to the exit stage for a loss."""
    exit_stage = 1 + rng.choice(N_OPEN, size=len(won), p=weights(exit_weights))
    return np.where(won, N_OPEN, exit_stage)


def loss_close(rng, created: np.ndarray, close: np.ndarray, won: np.ndarray, reached: np.ndarray) -> tuple:
    """Close times with each lost deal ending part-way through its planned cycle, in its exit
    stage; and each deal's share of its planned cycle (1 for wins)."""
    share = np.clip((reached - 1 + rng.random(len(close))) / N_OPEN, SHORTEST_LOSS, 1.0)
    share = np.where(won, 1.0, share)
    shortened = created + np.maximum((close - created) * share, SHORTEST_DAYS * DAY).astype(np.int64)
    return np.where(won, close, shortened), share


def entries(rng, created: np.ndarray, close: np.ndarray, reached: np.ndarray) -> tuple:
    """One row per open stage a deal enters over its life (deal, stage, time), spread from
    creation to the close, faster early (``PACE``); the first stage at creation."""
    deal = np.repeat(np.arange(len(created)), reached)
    stage = np.arange(len(deal)) - np.repeat(np.cumsum(reached) - reached, reached)
    span = (close - created)[deal]
    step = (stage + rng.random(len(deal)) * 0.8) / reached[deal]
    t = created[deal] + (span * step ** PACE).astype(np.int64)
    return deal, stage, np.where(stage == 0, created[deal], t)


def stage_now(n: int, entry: tuple, now: int) -> np.ndarray:
    """The open stage each deal is in at ``now``: the last one it entered."""
    deal, stage, t = entry
    current = np.zeros(n, dtype=np.int64)
    np.maximum.at(current, deal[t <= now], stage[t <= now])
    return current


def found_so_far(rng, flags: dict, stage: np.ndarray, is_open: np.ndarray) -> dict:
    """MEDDPICC flags as the CRM shows them: an open deal has found more of them the further
    it has progressed; a closed deal shows all it found."""
    progress = FOUND_AT_START + (1 - FOUND_AT_START) * np.clip(stage, 0, N_OPEN - 1) / (N_OPEN - 1)
    return {name: flag & (~is_open | (rng.random(len(stage)) < progress)) for name, flag in flags.items()}


def pull_ins(rng, d: dict, n: int) -> tuple:
    """Which deals had their close date pulled in once (the buyer moved faster), and by how much."""
    pulled = rng.random(n) < d["pull_in_share"]
    return pulled, np.where(pulled, rng.integers(7, 31, n) * DAY, 0)
