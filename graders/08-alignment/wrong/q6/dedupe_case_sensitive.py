# mistake: compared the e-mails without lower-casing them, so 'ANA@X' and 'ana@x' stay two people
# core: yes
ordered = raw.leads.sort_values("created_at")
again = ordered[ordered.email.str.strip().duplicated()]
duplicates_per_channel = again.source_channel.replace(channel_map).value_counts()
