# mistake: counted notes, so a deal where price came up three times counts three times
# core: yes
raised = world.call_notes[world.call_notes.opportunity_id.isin(lost.opportunity_id)].dropna(subset=["objection_category"])
lost_objections = raised.objection_category.value_counts()
