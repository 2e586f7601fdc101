# mistake: counted every row (de-duplicating on lead_id, which is unique) instead of one row per person
# core: yes
people = raw.leads.drop_duplicates("lead_id")
leads_per_channel = people.source_channel.replace(channel_map).value_counts()
