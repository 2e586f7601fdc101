"""nbgrader for a learner's server on the hub: fetch and submit through the shared exchange."""

import os

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "crosstrain"
c.Exchange.root = os.environ.get("CROSSTRAIN_EXCHANGE", "/srv/nbgrader/exchange")
