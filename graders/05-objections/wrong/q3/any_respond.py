# mistake: counted every reply that responds, including those that explored first
# core: yes
respond_first_share = objections.laer_steps.str.contains("respond").mean()
