# mistake: cleaned the channels case-sensitively (no lower-casing, no fix for typos)
canonical = sorted(set(raw.campaigns.channel) | {"outbound"})
channel_map = {v: v.strip().replace(" ", "_").replace("-", "_") for v in raw.leads.source_channel.unique() if v not in canonical}
