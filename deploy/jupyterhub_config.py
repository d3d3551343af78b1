"""JupyterHub for the RMC course on one shared server: local system users, nbgrader's exchange.

Run on the server, as root, from a clone of this repository (tests/test_jupyterhub.py starts
exactly this file on 127.0.0.1 and drives a whole release -> fetch -> submit -> collect ->
autograde cycle through it; docs/instructors.md section 7 has the commands):

    make setup                                   # the course environment, JupyterHub included
    npm ci --prefix deploy/proxy                 # configurable-http-proxy, pinned (make does it)
    PATH=$PWD/.venv/bin:$PWD/deploy/proxy/node_modules/.bin:$PATH \\
        .venv/bin/jupyterhub -f deploy/jupyterhub_config.py

Who is who: every user is a local system account (PAM logs them in; each server runs as that
user, never as root). The instructor owns the course folder (a copy of this repository's
nbgrader_config.py and solutions/, e.g. /home/instructor/rmc-course) and reaches nbgrader's
formgrader as the hub service /services/rmc-course/formgrader, which runs as the instructor in
that folder. Learners get the Assignments tab; their servers have the formgrader and the
create-assignment tools switched off (deploy/jupyter/learner/). Everyone's nbgrader reads
deploy/jupyter/nbgrader_config.py (course id, exchange folder).

Settings an administrator (or the test) may change without editing this file, as environment
variables of the `jupyterhub` process:

    RMC_HUB_INSTRUCTORS      comma-separated user names      (default: instructor)
    RMC_HUB_STUDENTS         comma-separated user names      (default: alice,bob)
    RMC_HUB_COURSE_DIR       the instructor's course folder  (default: ~<first instructor>/rmc-course)
    RMC_NBGRADER_EXCHANGE    nbgrader's exchange folder      (default: /srv/nbgrader/exchange)
    RMC_HUB_IP, RMC_HUB_PORT public address                  (default: all interfaces, 8000)
    RMC_HUB_HUB_PORT, RMC_HUB_PROXY_API_PORT, RMC_HUB_FORMGRADER_PORT
                             internal ports on 127.0.0.1     (default: 8081, 8001, 9999)

Not set here: TLS. Put the hub behind a reverse proxy that terminates HTTPS, or set
c.JupyterHub.ssl_cert / ssl_key; never serve PAM passwords over plain HTTP beyond localhost.
"""

import os
import sys

c = get_config()  # noqa: F821  (injected by JupyterHub)

COURSE_ID = "rmc-course"  # must match deploy/jupyter/nbgrader_config.py
DEPLOY = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.dirname(os.path.abspath(sys.executable))  # the course environment's tools


def _names(var, default):
    return [n.strip() for n in os.environ.get(var, default).split(",") if n.strip()]


INSTRUCTORS = _names("RMC_HUB_INSTRUCTORS", "instructor")
STUDENTS = _names("RMC_HUB_STUDENTS", "alice,bob")  # or manage users in the admin page
EXCHANGE = os.environ.get("RMC_NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
COURSE_DIR = os.environ.get("RMC_HUB_COURSE_DIR") or os.path.join(os.path.expanduser(f"~{INSTRUCTORS[0]}"), COURSE_ID)

# --- network: the public port, the hub's and the proxy's internal ports on loopback only ---
c.JupyterHub.ip = os.environ.get("RMC_HUB_IP", "")
c.JupyterHub.port = int(os.environ.get("RMC_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("RMC_HUB_HUB_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:" + os.environ.get("RMC_HUB_PROXY_API_PORT", "8001")
# configurable-http-proxy from `npm ci --prefix deploy/proxy` when it is there, else from PATH
_chp = os.path.join(DEPLOY, "proxy", "node_modules", ".bin", "configurable-http-proxy")
if os.path.exists(_chp):
    c.ConfigurableHTTPProxy.command = [_chp]

# --- users: local system accounts (PAM); each server runs as its user, not as root ---
c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"
c.Authenticator.allowed_users = set(INSTRUCTORS) | set(STUDENTS)
c.Authenticator.admin_users = set()  # nobody needs the hub's admin rights to teach or grade
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [os.path.join(BIN, "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.http_timeout = 120  # a busy server may take a while to start JupyterLab
c.Spawner.start_timeout = 120


def _server_environment(spawner):
    """What every single-user server sees: the course tools, the shared nbgrader settings and,
    for learners only, the folder that switches off the formgrader and create-assignment."""
    config_path = [os.path.join(DEPLOY, "jupyter")]
    if spawner.user.name not in INSTRUCTORS:
        config_path.insert(0, os.path.join(DEPLOY, "jupyter", "learner"))
    return {
        "PATH": BIN + ":/usr/local/bin:/usr/bin:/bin",
        "JUPYTER_CONFIG_PATH": ":".join(config_path),
        "RMC_NBGRADER_EXCHANGE": EXCHANGE,
    }


c.Spawner.environment = {
    k: (lambda spawner, k=k: _server_environment(spawner)[k])
    for k in ("PATH", "JUPYTER_CONFIG_PATH", "RMC_NBGRADER_EXCHANGE")
}

# --- nbgrader: groups, the formgrader service, who may reach it ---
# nbgrader's course list and JupyterHub auth plugin read these groups: instructors in
# formgrade-<course>, learners in nbgrader-<course>.
c.JupyterHub.load_groups = {
    f"formgrade-{COURSE_ID}": {"users": INSTRUCTORS},
    f"nbgrader-{COURSE_ID}": {"users": STUDENTS},
}
# The formgrader, named after the course (nbgrader's course list looks for /services/<course>),
# runs as the instructor in the course folder, where the course's nbgrader_config.py is.
c.JupyterHub.services = [
    {
        "name": COURSE_ID,
        "url": "http://127.0.0.1:" + os.environ.get("RMC_HUB_FORMGRADER_PORT", "9999"),
        "command": [os.path.join(BIN, "jupyterhub-singleuser"), f"--ServerApp.root_dir={COURSE_DIR}"],
        "user": INSTRUCTORS[0],
        "cwd": COURSE_DIR,
        "oauth_no_confirm": True,
        "environment": {
            "PATH": BIN + ":/usr/local/bin:/usr/bin:/bin",
            "HOME": os.path.expanduser(f"~{INSTRUCTORS[0]}"),
            "JUPYTER_CONFIG_PATH": os.path.join(DEPLOY, "jupyter"),
            "RMC_NBGRADER_EXCHANGE": EXCHANGE,
            "JUPYTERHUB_DEFAULT_URL": "/formgrader",
        },
    }
]
c.JupyterHub.load_roles = [
    # Only the course's instructors may open its formgrader; learners get 403 from the hub.
    {
        "name": f"formgrade-{COURSE_ID}",
        "groups": [f"formgrade-{COURSE_ID}"],
        "scopes": [f"access:services!service={COURSE_ID}"],
    },
    # The formgrader service lists the course's users and groups (its course list and roster).
    {
        "name": f"formgrader-service-{COURSE_ID}",
        "services": [COURSE_ID],
        "scopes": ["read:users", "read:groups", "list:services", "read:services"],
    },
    # A user's server may read its own user's groups (nbgrader's course list needs them).
    {
        "name": "server",
        "scopes": ["users:activity!user", "access:servers!server", "read:users:groups!user", "read:users:name!user"],
    },
]

# --- the exchange folder: created here when missing (needs root), writable by every user ---
if os.geteuid() == 0 and not os.path.isdir(EXCHANGE):
    os.makedirs(EXCHANGE)
    os.chmod(EXCHANGE, 0o1777)
