"""Call notes as short dialogues: which acts a call holds, and their words.

A note is up to six turns, each one act by the buyer or the rep: an objection and the
rep's reply (played back, acknowledged, explored, answered), or a discovery question and
its answer. The acts follow the reply pattern drawn in calls.py; the words come from the
grammar in call_lines.py and discovery_lines.py, filled from the deal (its competitor,
amount, people) and the note's own draws. Consecutive turns of one speaker read as one
utterance in the note's text.
"""

from __future__ import annotations

import functools

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from crosstrain.world import call_lines as lines
from crosstrain.world import discovery_lines as discovery
from crosstrain.world.columns import MEMORY_POOL
from crosstrain.world.grammar import Grammar, playback
from crosstrain.world.schema import MEDDPICC_FLAGS

ACTS = ("objection", "listen", "acknowledge", "explore", "answer", "respond", "argue", "discount", "features", "ignore",
        "pushback", "question")
A = {name: code for code, name in enumerate(ACTS)}
BUYER_ACTS = ("objection", "answer", "pushback")
SPEAKERS = ("buyer", "rep")
WEAK_ACTS = ("argue", "discount", "features", "ignore")
MAX_TURNS = 6
# The acts of each reply pattern of calls.REPLIES, in order, and last a discovery exchange.
PATTERN_ACTS = (
    ("objection", "listen", "acknowledge", "explore", "answer", "respond"),
    ("objection", "listen", "acknowledge", "explore", "answer"),
    ("objection", "acknowledge", "explore", "answer", "respond"),
    ("objection", "acknowledge", "respond", "pushback"),
    ("objection", "argue", "pushback"),
    ("objection", "discount", "pushback"),
    ("objection", "features", "pushback"),
    ("objection", "ignore", "pushback"),
    ("question", "answer"),
)
PATTERNS = np.array([[A[a] for a in acts] + [-1] * (MAX_TURNS - len(acts)) for acts in PATTERN_ACTS])
SPEAKER_OF = np.array([0 if name in BUYER_ACTS else 1 for name in ACTS])
QUARTER = "\x1eQ"  # stands for the quarter after the call until the call's time is final
TEAMS = ("finance", "sales ops", "marketing", "RevOps", "customer success", "IT", "sales", "operations", "analytics", "the leadership")
FEW = ("two", "three")


def _lead(lead: str, question: str) -> str:
    return lead + question[0].lower() + question[1:] if lead else question


@functools.lru_cache(maxsize=8)
def grammar(categories: tuple[str, ...]):
    """All templates of a world with these objection categories, and per (act, topic, has a
    competitor) the ids to draw from; topics are the categories, then the MEDDPICC elements."""
    topics = (*categories, *MEDDPICC_FLAGS)
    words: dict[tuple[str, str], tuple[str, ...]] = {}
    for c in categories:
        words |= {("objection", c): lines.OBJECTIONS[c], ("listen", c): lines.LISTEN,
                  ("acknowledge", c): tuple(f"{o}, {clause}." for o in lines.ACK_OPENERS for clause in lines.ACK_CLAUSES[c]),
                  ("explore", c): tuple(_lead(lead, q) for lead in lines.PROBE_LEADS for q in lines.PROBE_QUESTIONS[c]),
                  ("answer", c): lines.ANSWERS[c], ("respond", c): lines.RESPONSES[c], ("argue", c): lines.ARGUE[c],
                  ("discount", c): lines.DISCOUNT[c], ("features", c): lines.FEATURES[c], ("ignore", c): lines.IGNORE[c],
                  ("pushback", c): lines.PUSHBACK}
    for f in MEDDPICC_FLAGS:
        words |= {("question", f): tuple(_lead(lead, q) for lead in discovery.QUESTION_LEADS for q in discovery.QUESTIONS[f]),
                  ("answer", f): discovery.ANSWERS[f]}
    templates = sorted({t for ts in words.values() for t in ts})
    cores = sorted({t for c in categories for t in lines.OBJECTIONS[c]})
    gists = [playback(t) for t in cores]
    everything = [*templates, *gists, *lines.CONTEXT]
    index = {t: i for i, t in enumerate(everything)}
    gist_of = np.full(len(everything), -1)
    gist_of[[index[t] for t in cores]] = [len(templates) + i for i in range(len(cores))]
    context = np.array([index[t] for t in lines.CONTEXT])
    width = max(len(ts) for ts in words.values())
    pick = np.zeros((len(ACTS), len(topics), 2, width), dtype=np.int64)
    count = np.ones((len(ACTS), len(topics), 2), dtype=np.int64)
    for (act, topic), ts in words.items():
        for comp in (0, 1):
            usable = [index[t] for t in ts if comp or "{competitor}" not in t]
            pick[A[act], topics.index(topic), comp, :len(usable)] = usable
            count[A[act], topics.index(topic), comp] = len(usable)
    return Grammar(t.replace("{quarter}", QUARTER) for t in everything), pick, count, gist_of, context


def compose(rng, categories, topic, pattern, competitor, slots) -> tuple[np.ndarray, list[pa.Array]]:
    """Acts (notes x turns, -1 past the last) and each turn's words, as one array per turn."""
    words, pick, count, gist_of, context = grammar(tuple(categories))
    m = len(topic)
    acts = PATTERNS[pattern]
    act = np.maximum(acts, 0)
    comp = competitor.astype(int)[:, None]
    options = count[act, topic[:, None], comp]
    ids = pick[act, topic[:, None], comp, (rng.random((m, MAX_TURNS)) * options).astype(np.int64)]
    ids = np.where(acts >= 0, ids, -1)
    objection = acts[:, 0] == A["objection"]
    gist = words.fill(np.where(objection, gist_of[ids[:, 0]], -1), dict(slots, gist=pa.repeat("", m)))
    slots = dict(slots, gist=pc.fill_null(gist, ""))
    turns = [words.fill(ids[:, t], slots) for t in range(MAX_TURNS)]
    # About half the buyers say where things stand before they object.
    before = np.where(objection & (rng.random(m) < 0.5), context[rng.integers(0, len(context), m)], -1)
    turns[0] = pc.binary_join_element_wise(words.fill(before, slots), turns[0], " ", null_handling="skip", memory_pool=MEMORY_POOL)
    return acts, turns


def slot_values(rng, deal: np.ndarray, deal_slots: dict[str, np.ndarray]) -> dict[str, pa.Array]:
    """Each note's slot values: the deal's own (people, amount, competitor) and the note's draws."""
    m = len(deal)
    take = pa.array(deal)
    slots = {name: pa.array(values, pa.string()).take(take) for name, values in deal_slots.items()}
    numbers = {"pct": rng.integers(10, 26, m), "gap": 5 * rng.integers(2, 9, m), "hours": rng.integers(3, 41, m),
               "weeks": rng.integers(2, 9, m), "months": rng.integers(2, 10, m), "days": rng.integers(2, 15, m),
               "years": rng.integers(2, 6, m), "cut": 5 * rng.integers(3, 11, m)}
    slots |= {name: pa.array(values).cast(pa.string()) for name, values in numbers.items()}
    slots["team"] = pa.array(np.array(TEAMS, dtype=object)[rng.integers(0, len(TEAMS), m)], pa.string())
    slots["few"] = pa.array(np.array(FEW, dtype=object)[rng.integers(0, len(FEW), m)], pa.string())
    slots["quarter"] = pa.repeat(QUARTER, m)
    return slots


def round_below(amount: np.ndarray, rng) -> np.ndarray:
    """A round amount (1, 2 or 5 times a power of ten) at most 45% of ``amount``: a signing
    threshold the deal is well above, even after the largest discount."""
    target = np.maximum(amount * rng.uniform(0.2, 0.45, len(amount)), 1.0)
    power = 10.0 ** np.floor(np.log10(target))
    mantissa = target / power
    return np.where(mantissa >= 5, 5, np.where(mantissa >= 2, 2, 1)) * power


def dialogue_text(acts: np.ndarray, turns: list[pa.Array]) -> pa.Array:
    """``Buyer: "..." Rep: "..."``: the turns joined, one quoted utterance per change of speaker."""
    speaker = np.where(acts >= 0, SPEAKER_OF[np.maximum(acts, 0)], -1)
    previous = np.column_stack([np.full(len(acts), -1), speaker[:, :-1]])
    # 0-1: a first turn by the buyer or the rep; 2-3: the other speaker takes over; 4: the same one goes on
    kind = np.where(previous < 0, speaker, np.where(speaker != previous, 2 + speaker, 4))
    kind = np.where(speaker < 0, 4, kind)  # no turn: its null words drop the piece
    heads = pa.array(['Buyer: "', 'Rep: "', '" Buyer: "', '" Rep: "', " "])
    pieces = [pc.binary_join_element_wise(heads.take(pa.array(kind[:, t])), turns[t], "", memory_pool=MEMORY_POOL)
              for t in range(acts.shape[1])]
    return pc.binary_join_element_wise(*pieces, pa.repeat('"', len(acts)), "", null_handling="skip", memory_pool=MEMORY_POOL)


def quarter_after(seconds: np.ndarray) -> np.ndarray:
    """'Q3 2026' for the calendar quarter after each time (seconds since 1970, UTC)."""
    month = np.asarray(seconds, dtype="datetime64[s]").astype("datetime64[M]").astype(np.int64)
    nxt = month // 3 + 1
    return np.char.add(np.char.add("Q", (nxt % 4 + 1).astype(str)), np.char.add(" ", (1970 + nxt // 4).astype(str)))
