"""The baseline the real generator is measured against: the world written the obvious way.

This is how a newcomer writes a synthetic CRM: a Python loop over leads that calls
Faker for every name, email, title and date, and builds each lead's related rows
(contact, touchpoints, campaign memberships, lifecycle history, opportunity, its
history, activities, call notes) as it goes, then writes Parquet and CSV with pandas.
It produces the same tables and columns as ``crosstrain.world.schema`` and roughly
the real generator's rows per lead, so ``bench_world.py`` compares like with like.
It makes no attempt at the real world's teachable effects beyond a plausible funnel.

    .venv/bin/python benchmarks/naive_world.py 5000 /tmp/naive
"""

from __future__ import annotations

import datetime as dt
import math
import random
import sys
from pathlib import Path

import pandas as pd
from faker import Faker

from crosstrain.world.schema import DEAL_STAGES, MEDDPICC_FLAGS, OPEN_DEAL_STAGES, TABLES

REFERENCE = dt.datetime(2026, 11, 13)
START = REFERENCE - dt.timedelta(days=730)

ROLES = {"marketing": 8, "sdr": 20, "ae": 24, "csm": 8, "manager": 6}
SEGMENTS = ["smb", "mid_market", "enterprise"]
REGIONS = ["north_america", "emea", "apac", "latam"]
INDUSTRIES = ["software", "financial_services", "healthcare", "manufacturing", "retail", "education",
              "media", "logistics", "professional_services", "public_sector"]
CHANNELS = ["paid_search", "paid_social", "display", "email", "webinar", "event", "content", "referral", "partner", "outbound"]
CHANNEL_WEIGHTS = [0.18, 0.14, 0.10, 0.14, 0.09, 0.06, 0.12, 0.05, 0.04, 0.08]
EVENT_POINTS = {"page_view": 1, "pricing_view": 10, "form_submit": 5, "demo_request": 25, "email_open": 1,
                "email_click": 3, "webinar_attend": 15, "ad_click": 2, "event_visit": 10}
SENIORITIES = ["individual", "manager", "director", "vp", "c_level"]
DEPARTMENTS = ["marketing", "sales", "it", "finance", "operations", "hr"]
REJECTIONS = ["no_budget", "bad_timing", "not_decision_maker", "no_need", "competitor", "unresponsive"]
OBJECTIONS = ["price", "budget", "timing", "authority", "need", "competitor", "trust"]
FRAMEWORK_TAGS = ["budget", "authority", "need", "timeline", "metrics", "economic_buyer", "champion", "pain"]
COMPETITORS = ["Acme CRM", "Globex Sales", "Initech Cloud", "Umbrella Suite"]


def generate_naive(n_leads: int, out_dir: str | Path, seed: int = 0) -> dict[str, int]:
    """Generate a world of ``n_leads`` leads into ``out_dir``/parquet and /csv; return row counts."""
    random.seed(seed)
    Faker.seed(seed)
    fake = Faker()
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}

    # -- the revenue team ------------------------------------------------------
    users_by_role: dict[str, list[str]] = {role: [] for role in ROLES}
    for role in ["manager"] + [r for r in ROLES if r != "manager"]:
        for _ in range(ROLES[role]):
            user_id = f"U{len(rows['users']) + 1:06d}"
            rows["users"].append({
                "user_id": user_id, "name": fake.name(), "email": fake.email(safe=True), "role": role,
                "segment": random.choice(SEGMENTS), "region": random.choice(REGIONS), "country": fake.country(),
                "utc_offset_hours": random.choice((-8, -6, -5, -3, 0, 1, 8, 10)),
                "quarterly_quota": round(random.uniform(150_000, 600_000), 2) if role == "ae" else None,
                "start_date": fake.date_time_between(START - dt.timedelta(days=1500), REFERENCE),
                "manager_id": random.choice(users_by_role["manager"]) if role != "manager" else None,
                "end_date": None, "is_active": True,
            })
            users_by_role[role].append(user_id)
            if role == "ae":
                for quarter in pd.period_range(START, REFERENCE, freq="Q"):
                    rows["quotas"].append({"user_id": user_id, "quarter": str(quarter),
                                           "quota": rows["users"][-1]["quarterly_quota"], "ramp_pct": 100.0})

    # -- accounts and campaigns --------------------------------------------------
    for i in range(max(20, n_leads // 5)):
        employees = int(random.lognormvariate(5.0, 1.5)) + 1
        segment = "smb" if employees < 200 else "mid_market" if employees < 2000 else "enterprise"
        industry = random.choice(INDUSTRIES)
        rows["accounts"].append({
            "account_id": f"A{i + 1:07d}", "name": fake.company(), "industry": industry, "employees": employees,
            "annual_revenue": round(employees * random.uniform(80_000, 250_000), 2), "country": fake.country(),
            "region": random.choice(REGIONS), "segment": segment,
            "icp_tier": "A" if industry in INDUSTRIES[:3] and segment != "smb" else random.choice(["B", "C"]),
            "owner_id": random.choice(users_by_role["ae"]), "domain": fake.domain_name(),
        })
    campaigns_by_channel: dict[str, list[str]] = {channel: [] for channel in CHANNELS}
    for i in range(max(10, n_leads // 250)):
        channel = random.choice(CHANNELS[:-1])
        start = fake.date_time_between(START, REFERENCE - dt.timedelta(days=30))
        impressions = random.randint(1_000, 500_000) if channel in ("paid_search", "paid_social", "display") else 0
        budget = round(random.uniform(2_000, 80_000), 2)
        rows["campaigns"].append({
            "campaign_id": f"M{i + 1:05d}", "name": f"{fake.catch_phrase()} ({channel})", "channel": channel,
            "start_date": start, "end_date": start + dt.timedelta(days=random.randint(14, 120)),
            "event_date": None,
            "budget": budget, "actual_cost": round(budget * random.uniform(0.7, 1.15), 2),
            "impressions": impressions, "clicks": int(impressions * random.uniform(0.005, 0.04)),
            "emails_sent": random.randint(5_000, 100_000) if channel == "email" else 0,
            "owner_id": random.choice(users_by_role["marketing"]),
        })
        campaigns_by_channel[channel].append(f"M{i + 1:05d}")
    all_campaigns = [c["campaign_id"] for c in rows["campaigns"]]

    # -- leads, one at a time, with everything that hangs off them ------------------
    for i in range(n_leads):
        lead_id = f"L{i + 1:07d}"
        account = random.choice(rows["accounts"])
        created_at = fake.date_time_between(START, REFERENCE - dt.timedelta(days=7))
        contact_id = f"C{i + 1:07d}"
        first_name, last_name = fake.first_name(), fake.last_name()
        email = fake.email(safe=True)
        title, seniority = fake.job(), random.choice(SENIORITIES)
        rows["contacts"].append({
            "contact_id": contact_id, "account_id": account["account_id"], "first_name": first_name,
            "last_name": last_name, "local_name": None, "email": email, "title": title, "seniority": seniority,
            "department": random.choice(DEPARTMENTS), "created_at": created_at,
        })
        channel = random.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
        campaign_id = None
        if channel != "outbound":
            campaign_id = random.choice(campaigns_by_channel[channel] or all_campaigns)

        # touchpoints: about four per lead, each worth engagement points
        engagement = 0
        for _ in range(random.randint(1, 7)):
            event_type = random.choice(list(EVENT_POINTS))
            engagement += EVENT_POINTS[event_type]
            rows["touchpoints"].append({
                "touchpoint_id": f"T{len(rows['touchpoints']) + 1:08d}", "lead_id": lead_id, "contact_id": contact_id,
                "occurred_at": fake.date_time_between(created_at, created_at + dt.timedelta(days=30)),
                "channel": channel, "event_type": event_type,
                "campaign_id": campaign_id if random.random() < 0.7 else random.choice(all_campaigns),
            })
        if campaign_id:
            rows["campaign_members"].append({
                "campaign_id": campaign_id, "lead_id": lead_id, "status": "responded", "responded_at": created_at,
            })
        for _ in range(random.randint(0, 3)):  # campaigns that reached the lead without a response
            rows["campaign_members"].append({
                "campaign_id": random.choice(all_campaigns), "lead_id": lead_id, "status": "sent", "responded_at": None,
            })

        fit_score = min(100, max(0, int(random.gauss(65 if account["icp_tier"] == "A" else 50, 18))))
        engagement_score = min(100, engagement)
        history = [("lead", created_at)]
        stage, status, rejection = "lead", "open", None
        mql_at = sal_at = sql_at = first_response_at = None
        opportunity_id = None
        owner_id = random.choice(users_by_role["sdr"])

        if (fit_score + engagement_score) / 2 >= 50:
            mql_at = created_at + dt.timedelta(hours=random.uniform(1, 72))
            history.append(("mql", mql_at))
            stage, status = "mql", "working"
            if random.random() > 0.12:
                hours = random.lognormvariate(0.0, 2.2)
                first_response_at = mql_at + dt.timedelta(hours=hours)
                for _ in range(random.randint(1, 4)):
                    add_activity(rows, fake, lead_id, None, owner_id, first_response_at)
                if random.random() < 0.45 + 0.45 * fit_score / 100:
                    sal_at = first_response_at + dt.timedelta(hours=random.uniform(1, 48))
                    history.append(("sal", sal_at))
                    stage = "sal"
                    p_sql = 0.45 * math.exp(-hours / 0.15) + 0.5 * math.exp(-hours / 8) + 0.02
                    if random.random() < p_sql:
                        sql_at = sal_at + dt.timedelta(days=random.uniform(1, 10))
                        history.append(("sql", sql_at))
                        stage, status = "sql", "qualified"
                        if random.random() < 0.68:
                            opportunity_id = add_opportunity(rows, fake, users_by_role, lead_id, account, campaign_id, sql_at, history)
                            stage = history[-1][0]
                    else:
                        status, rejection = "disqualified", random.choice(REJECTIONS)
                else:
                    status, rejection = "rejected", random.choice(REJECTIONS)
            else:
                status = "unanswered"

        for stage_name, entered_at in history:
            rows["lifecycle_history"].append({"lead_id": lead_id, "stage": stage_name, "entered_at": entered_at})
        rows["leads"].append({
            "lead_id": lead_id, "contact_id": contact_id, "account_id": account["account_id"],
            "company": account["name"], "title": title, "seniority": seniority, "industry": account["industry"],
            "employees": account["employees"], "country": account["country"], "segment": account["segment"],
            "email": email, "source_channel": channel, "campaign_id": campaign_id, "owner_id": owner_id,
            "created_at": created_at, "first_response_at": first_response_at, "fit_score": fit_score,
            "engagement_score": engagement_score, "lifecycle_stage": stage, "status": status,
            "mql_at": mql_at, "sal_at": sal_at, "sql_at": sql_at, "rejection_reason": rejection,
            "opportunity_id": opportunity_id,
        })

    return write(rows, Path(out_dir))


def add_activity(rows, fake, lead_id, opportunity_id, owner_id, after):
    activity_type = random.choice(["call", "email", "meeting"])
    rows["activities"].append({
        "activity_id": f"V{len(rows['activities']) + 1:08d}", "lead_id": lead_id, "opportunity_id": opportunity_id,
        "contact_id": "C" + lead_id[1:],
        "owner_id": owner_id, "type": activity_type,
        "occurred_at": fake.date_time_between(after, after + dt.timedelta(days=14)),
        "duration_min": 0 if activity_type == "email" else random.randint(5, 60),
        "outcome": random.choice(["connected", "no_answer", "left_voicemail", "replied", "held"]),
    })


def add_buying_group(rows, fake, opportunity_id, lead_id, account):
    """The lead's contact as primary, then a few colleagues made one Faker call at a time."""
    size = random.randint(*{"smb": (1, 3), "mid_market": (3, 6), "enterprise": (6, 10)}[account["segment"]])
    for k in range(size):
        contact_id = "C" + lead_id[1:]
        if k:
            contact_id = f"C{9_000_000 + len(rows['opportunity_contact_roles']) + 1:07d}"
            rows["contacts"].append({
                "contact_id": contact_id, "account_id": account["account_id"], "first_name": fake.first_name(),
                "last_name": fake.last_name(), "local_name": None, "email": fake.email(safe=True), "title": fake.job(),
                "seniority": random.choice(SENIORITIES), "department": random.choice(DEPARTMENTS), "created_at": REFERENCE,
            })
        rows["opportunity_contact_roles"].append({
            "opportunity_id": opportunity_id, "contact_id": contact_id, "is_primary": k == 0,
            "role": random.choice(["champion", "economic_buyer", "decision_maker", "influencer", "user"]),
            "engaged": random.random() < 0.7,
        })


def add_opportunity(rows, fake, users_by_role, lead_id, account, campaign_id, sql_at, history) -> str:
    opportunity_id = f"O{len(rows['opportunities']) + 1:07d}"
    owner_id = random.choice(users_by_role["ae"])
    created_at = sql_at + dt.timedelta(days=random.uniform(0.5, 5))
    history.append(("opportunity", created_at))
    median_days = {"smb": 45, "mid_market": 75, "enterprise": 120}[account["segment"]]
    close_date = created_at + dt.timedelta(days=random.lognormvariate(math.log(median_days), 0.45))
    amount = round(random.lognormvariate(math.log({"smb": 12_000, "mid_market": 30_000, "enterprise": 80_000}[account["segment"]]), 0.55), 2)
    flags = {flag: random.random() < 0.5 for flag in MEDDPICC_FLAGS}
    is_closed = close_date < REFERENCE
    is_won = is_closed and random.random() < (0.3 if account["segment"] == "smb" else 0.2) * (1.5 if flags["has_economic_buyer"] else 0.3)
    if is_won:
        stage = "closed_won"
        history.append(("customer", close_date))
    elif is_closed:
        stage = "closed_lost"
    else:
        stage = random.choice(OPEN_DEAL_STAGES)
        close_date = REFERENCE + dt.timedelta(days=random.uniform(1, 90))

    # the deal's path through the stages, one history row each
    path = list(OPEN_DEAL_STAGES[: random.randint(1, len(OPEN_DEAL_STAGES))])
    if stage in OPEN_DEAL_STAGES:
        path = list(OPEN_DEAL_STAGES[: OPEN_DEAL_STAGES.index(stage) + 1])
    else:
        path.append(stage)
    end = min(close_date, REFERENCE)
    step = (end - created_at) / len(path)
    for k, stage_name in enumerate(path):
        rows["opportunity_history"].append({
            "opportunity_id": opportunity_id, "changed_at": created_at + step * k, "stage": stage_name,
            "amount": amount, "probability": DEAL_STAGES[stage_name], "close_date": close_date, "owner_id": owner_id,
        })

    add_buying_group(rows, fake, opportunity_id, lead_id, account)
    rows["opportunities"].append({
        "opportunity_id": opportunity_id, "account_id": account["account_id"], "lead_id": lead_id,
        "owner_id": owner_id, "campaign_id": campaign_id, "name": f"{account['name']} - {fake.bs()}",
        "segment": account["segment"], "created_at": created_at, "close_date": close_date, "stage": stage,
        "probability": DEAL_STAGES[stage], "amount": amount,
        "discount_pct": round(random.uniform(5, 25), 1) if random.random() < 0.35 else 0.0,
        "is_closed": is_closed, "is_won": is_won,
        "forecast_category": "closed" if is_closed else random.choice(["pipeline", "best_case", "commit"]),
        "loss_reason": random.choice(["price", "no_decision", "competitor", "timing"]) if is_closed and not is_won else None,
        "competitor": random.choice(COMPETITORS) if random.random() < 0.4 else None,
        **flags,
    })
    for _ in range(random.randint(2, 8)):
        add_activity(rows, fake, lead_id, opportunity_id, owner_id, created_at)
    for _ in range(random.randint(1, 5)):
        objection = random.choice(OBJECTIONS) if random.random() < 0.6 else None
        steps = [s for s in ("listen", "acknowledge", "explore", "respond") if random.random() < 0.7]
        rows["call_notes"].append({
            "note_id": f"N{len(rows['call_notes']) + 1:08d}", "opportunity_id": opportunity_id,
            "occurred_at": fake.date_time_between(created_at, end), "speaker": random.choice(["buyer", "rep"]),
            "text": fake.paragraph(nb_sentences=3), "objection_category": objection,
            "laer_steps": ",".join(steps), "response_quality": "strong" if "explore" in steps else "weak",
            "framework_tags": ",".join(random.sample(FRAMEWORK_TAGS, random.randint(0, 3))),
        })
    return opportunity_id


def write(rows: dict[str, list[dict]], out_dir: Path) -> dict[str, int]:
    (out_dir / "parquet").mkdir(parents=True, exist_ok=True)
    (out_dir / "csv").mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, table in TABLES.items():
        if rows[name] and set(rows[name][0]) != set(table.columns):
            raise AssertionError(f"naive {name} rows do not match the schema: {sorted(set(rows[name][0]) ^ set(table.columns))}")
        frame = pd.DataFrame(rows[name], columns=list(table.columns))
        frame.to_parquet(out_dir / "parquet" / f"{name}.parquet", index=False)
        frame.to_csv(out_dir / "csv" / f"{name}.csv", index=False)
        counts[name] = len(frame)
    return counts


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        sys.exit("usage: naive_world.py N_LEADS OUT_DIR   e.g. naive_world.py 5000 /tmp/naive")
    for table, count in generate_naive(int(sys.argv[1]), sys.argv[2]).items():
        print(f"{table:20s} {count:>9,}")
