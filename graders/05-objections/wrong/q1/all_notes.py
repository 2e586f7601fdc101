# mistake: divided by every call note, discovery notes included, instead of by the objections
# core: yes
objection_shares = notes.objection_category.value_counts() / len(notes)
