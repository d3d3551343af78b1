"""Server-wide nbgrader settings for the RMC course: copy to /etc/jupyter/nbgrader_config.py.

Every user's nbgrader (the Assignments tab, `nbgrader fetch_assignment`/`submit`, and the
instructor's `release_assignment`/`collect`) reads this file; the course folder's own
nbgrader_config.py adds the course's settings on top for the instructor.
"""

c = get_config()  # noqa: F821

c.CourseDirectory.course_id = "rmc-course"
# The exchange: a folder every user can write to (mode 1777); nbgrader keeps one sub-folder per
# course with outbound/ (releases), inbound/ (submissions) and feedback/.
c.Exchange.root = "/srv/nbgrader/exchange"
# Submissions are stored under the submitting user's name; warn when a file's owner differs.
c.CollectApp.check_owner = True
