# mistake: took the first touch as the lead-creation touch
# core: yes
deal = path.opportunity_id
first = ~deal.duplicated()
lead_creation = first
last_before = path.occurred_at.where(path.occurred_at <= path.opp_created_at).groupby(deal).transform("max")
opp_creation = path.occurred_at.eq(last_before)


def position(roles, rest):
    raw = sum(flag * weight for flag, weight in roles)
    no_role = ~pd.concat([flag for flag, _ in roles], axis=1).any(axis=1)
    n_rest = no_role.groupby(deal).transform("sum")
    raw = raw + no_role * rest / n_rest.where(n_rest > 0, 1)
    share = raw / raw.groupby(deal).transform("sum")
    return (share * path.amount).groupby(path.channel).sum()


u_w = {
    "u_shaped": position([(first, 0.4), (lead_creation, 0.4)], 0.2),
    "w_shaped": position([(first, 0.3), (lead_creation, 0.3), (opp_creation, 0.3)], 0.1),
}
