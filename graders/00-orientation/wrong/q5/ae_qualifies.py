# mistake: AEs accept and qualify leads (that is the SDRs' job)
owners = {"lead": "marketing", "mql": "marketing", "sal": "ae", "sql": "ae", "opportunity": "ae", "customer": "csm"}
