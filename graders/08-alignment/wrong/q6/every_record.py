# mistake: counted every record of a person entered twice, the first one too
person = raw.leads.email.str.strip().str.lower()
again = raw.leads[person.duplicated(keep=False)]
duplicates_per_channel = again.source_channel.replace(channel_map).value_counts()
