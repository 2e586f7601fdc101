"""JupyterHub for a crosstrain cohort: learners and trainers on one server.

Start it from the project root:  .venv/bin/jupyterhub -f course/hub/jupyterhub_config.py

- Everyone logs in (PAM: the machine's own accounts; or the dummy authenticator with a
  shared password for a throw-away workshop machine) and gets JupyterLab in their home.
- nbgrader's exchange (CROSSTRAIN_EXCHANGE, default /srv/nbgrader/exchange) carries
  releases, submissions and feedback for the course id ``crosstrain``.
- Trainers (CROSSTRAIN_TRAINERS) open Lab in the course folder with the formgrader;
  learners get the assignment list only: the formgrader and assignment creation are
  switched off in their servers and left out of their Lab (``learner/labconfig/page_config.json``,
  the page config ``crosstrain lab`` writes, from ``crosstrain.learner.labconfig.hub_page_config``).
- In a workshop with a world per team or per learner (``crosstrain workshop plan
  --variant ...`` writes ``data-variants.json`` into the course), each learner's server
  starts with their world's seed in its environment, so notebooks load their own data.

Every knob is an environment variable, so the same file serves a laptop, a classroom
server and the tests (tests/hub/test_hub.py starts it for real).
"""

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub

HERE = Path(__file__).resolve().parent
env = os.environ.get
state = Path(env("CROSSTRAIN_HUB_STATE", HERE / "state"))
state.mkdir(parents=True, exist_ok=True)
trainers = {name for name in env("CROSSTRAIN_TRAINERS", "").split(",") if name}
learners = {name for name in env("CROSSTRAIN_LEARNERS", "").split(",") if name}
course_dir = env("CROSSTRAIN_COURSE_DIR", str(HERE.parent))
exchange = env("CROSSTRAIN_EXCHANGE", "/srv/nbgrader/exchange")
# The Python that runs each user's server and kernels; it must be readable by every user.
user_python = env("CROSSTRAIN_USER_PYTHON", sys.executable)

c.JupyterHub.ip = env("CROSSTRAIN_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(env("CROSSTRAIN_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("CROSSTRAIN_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('CROSSTRAIN_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [str(HERE / "node_modules" / ".bin" / "configurable-http-proxy")]
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

# Who may log in, and how.
if env("CROSSTRAIN_HUB_AUTH", "pam") == "dummy":
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = env("CROSSTRAIN_HUB_PASSWORD", "")
else:
    c.JupyterHub.authenticator_class = "pam"
c.Authenticator.allowed_users = trainers | learners
c.Authenticator.admin_users = trainers

# Each user's server runs as that user (a system account), in their home folder.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [user_python, "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120


def configure_user(spawner):
    """Trainers get the course folder and the formgrader; learners get neither."""
    name = spawner.user.name
    spawner.environment["CROSSTRAIN_EXCHANGE"] = exchange
    spawner.environment["CROSSTRAIN_COURSE_DIR"] = course_dir
    if env("CROSSTRAIN_DATA_DIR", ""):  # worlds on a shared volume rather than in the checkout
        spawner.environment["CROSSTRAIN_DATA_DIR"] = env("CROSSTRAIN_DATA_DIR", "")
    role = "trainer" if name in trainers else "learner"
    spawner.environment["JUPYTER_CONFIG_PATH"] = str(HERE / role)
    if role == "learner":
        spawner.environment.update(learner_world(name))
    if role == "trainer":
        spawner.notebook_dir = course_dir
    else:
        spawner.notebook_dir = "~"


def learner_world(name):
    """``CROSSTRAIN_WORLD``/``CROSSTRAIN_SEED`` for a learner's own world, generated now
    (the hub may write the shared data folder; learners may not). Empty: the shared world."""
    from crosstrain.course.variants import load_assignment, seat_of
    from crosstrain.learner.seat import seat_environment
    from crosstrain.world.generate import ensure_world

    assignment = load_assignment(Path(course_dir))
    if assignment is None or assignment.seed_for(name) is None:
        return {}  # a learner off the roster keeps the shared world; the grader flags them
    seat = seat_of(assignment, name)
    ensure_world(seat.world, seed=seat.seed, progress=False)
    return seat_environment(seat)


c.Spawner.pre_spawn_hook = configure_user

# A service token for automation (the tests, a classroom script): manage users and servers.
service_token = env("CROSSTRAIN_HUB_SERVICE_TOKEN")
if service_token:
    c.JupyterHub.services = [{"name": "crosstrain", "api_token": service_token}]
    c.JupyterHub.load_roles = [{
        "name": "crosstrain-automation",
        "services": ["crosstrain"],
        "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "list:users"],
    }]
