"""rmc_course: the course machinery around the reference model ``rmc_ref``.

``exercises`` (the graders' checks and misconception banks, one module per exercise), ``guard``
(anti-cheat), ``grading`` (class grading on nbgrader), ``demos`` (instructor widgets and their
data), ``sweep`` (RMC vs LSTM at equal wall-clock: the showdown), ``shipped`` (the results that
ship in ``assets/``). It imports ``rmc_ref``; ``rmc_ref`` never imports it.
"""
