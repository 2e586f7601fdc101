# mistake: counted channels before mapping the misspellings, keeping only the exact canonical names
canonical = set(raw.campaigns.channel) | {"outbound"}
ordered = raw.leads.sort_values("created_at")
people = ordered[~ordered.email.str.strip().str.lower().duplicated()]
leads_per_channel = people.source_channel[people.source_channel.isin(canonical)].value_counts()
