# mistake: lower-cased the e-mails but kept the spaces around them, so ' ana@x' is a new person
ordered = raw.leads.sort_values("created_at")
again = ordered[ordered.email.str.lower().duplicated()]
duplicates_per_channel = again.source_channel.replace(channel_map).value_counts()
