# mistake: counts of objections, not shares
objections = notes[notes.objection_category.notna()]
objection_shares = objections.objection_category.value_counts()
