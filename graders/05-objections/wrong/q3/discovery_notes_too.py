# mistake: divided by every call note, discovery notes (no reply to judge) included
steps = notes.laer_steps.fillna("")
respond_first_share = (steps.str.contains("respond") & ~steps.str.contains("explore")).mean()
