# mistake: counted only replies that are nothing but "respond", missing "acknowledge;respond"
respond_first_share = (objections.laer_steps == "respond").mean()
