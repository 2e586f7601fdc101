# mistake: marketing keeps the lead until it is sales-qualified
# core: yes
owners = {"lead": "marketing", "mql": "marketing", "sal": "marketing", "sql": "marketing", "opportunity": "ae", "customer": "csm"}
