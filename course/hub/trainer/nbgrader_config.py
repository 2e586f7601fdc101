"""nbgrader for a trainer's server on the hub: the course folder, its gradebook and the exchange."""

import os
from pathlib import Path

c = get_config()  # noqa: F821
course = Path(os.environ.get("CROSSTRAIN_COURSE_DIR", Path(__file__).resolve().parents[1]))
# The course's own config is the single source of truth; the hub only adds the exchange.
load_subconfig(str(course / "nbgrader_config.py"))  # noqa: F821
c.Exchange.root = os.environ.get("CROSSTRAIN_EXCHANGE", "/srv/nbgrader/exchange")
