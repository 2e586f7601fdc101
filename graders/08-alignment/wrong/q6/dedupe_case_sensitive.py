# mistake: de-duplicated on the e-mail without lower-casing it, so 'ANA@X' and 'ana@x' stay two people
ordered = raw.leads.sort_values("created_at")
people = ordered[~ordered.email.str.strip().duplicated()]
leads_per_channel = people.source_channel.replace(channel_map).value_counts()
