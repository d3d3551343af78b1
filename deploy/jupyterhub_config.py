"""JupyterHub for the RMC course on one shared server (local system users, nbgrader exchange).

Not part of the course's environment: install on the server with
    pip install jupyterhub nbgrader==0.9.6   (+ the course: pip install -c constraints.txt -e .)
    npm install -g configurable-http-proxy
then `jupyterhub -f deploy/jupyterhub_config.py`. Copy deploy/global_nbgrader_config.py to
/etc/jupyter/nbgrader_config.py and create the exchange folder:
    mkdir -p /srv/nbgrader/exchange && chmod 1777 /srv/nbgrader/exchange
The instructor keeps the course folder (a clone of this repository, with its nbgrader_config.py)
in their home, e.g. /home/instructor/rmc-course, and runs `make grade` there.
"""

c = get_config()  # noqa: F821  (injected by JupyterHub)

COURSE_ID = "rmc-course"
INSTRUCTORS = {"instructor"}
STUDENTS = {"alice", "bob"}        # or manage users in the admin page

c.JupyterHub.bind_url = "http://:8000"
c.Authenticator.allowed_users = INSTRUCTORS | STUDENTS
c.Authenticator.admin_users = INSTRUCTORS
# local system users (PAM): every learner's server runs as that learner, not as root
c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"

# nbgrader's formgrader and course list look for these groups (nbgrader >= 0.8 with JupyterHub):
# instructors in formgrade-<course>, learners in nbgrader-<course>.
c.JupyterHub.load_groups = {
    f"formgrade-{COURSE_ID}": {"users": sorted(INSTRUCTORS)},
    f"nbgrader-{COURSE_ID}": {"users": sorted(STUDENTS)},
}
