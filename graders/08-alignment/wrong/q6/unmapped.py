# mistake: counted channels before mapping the misspellings, keeping only the exact canonical names
canonical = set(raw.campaigns.channel) | {"outbound"}
ordered = raw.leads.sort_values("created_at")
again = ordered[ordered.email.str.strip().str.lower().duplicated()]
duplicates_per_channel = again.source_channel[again.source_channel.isin(canonical)].value_counts()
