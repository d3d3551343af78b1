"""Server-wide nbgrader settings for the RMC course on a JupyterHub (deploy/jupyterhub_config.py).

Every user's nbgrader reads this file: the hub puts this folder on JUPYTER_CONFIG_PATH of every
single-user server and of the formgrader service, so the Assignments tab, `nbgrader
fetch_assignment`/`submit` in a terminal, and the instructor's `release_assignment`/`collect`
agree on the course id and the exchange. (Alternatively copy it to
/etc/jupyter/nbgrader_config.py.) The course folder's own nbgrader_config.py adds the course's
settings on top for the instructor.
"""

import os

c = get_config()  # noqa: F821

c.CourseDirectory.course_id = "rmc-course"
# The exchange: a folder every user can write to (mode 1777, created by the hub's config);
# nbgrader keeps one sub-folder per course with outbound/ (releases), inbound/ (submissions,
# write-only for learners) and feedback/. RMC_NBGRADER_EXCHANGE is set by the hub.
c.Exchange.root = os.environ.get("RMC_NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")
# Learners may write into inbound/ but not list it; each submission's folder name ends in 72
# random bits, so nobody can find (and read) another learner's submission by its name.
c.ExchangeSubmit.add_random_string = True
# Submissions are stored under the submitting user's name; warn when a file's owner differs.
c.CollectApp.check_owner = True
