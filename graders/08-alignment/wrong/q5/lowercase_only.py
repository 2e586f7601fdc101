# mistake: only stripped and lower-cased, leaving spaces, hyphens and typos unmapped
# core: yes
canonical = sorted(set(raw.campaigns.channel) | {"outbound"})
channel_map = {v: v.strip().lower() for v in raw.leads.source_channel.unique() if v not in canonical}
