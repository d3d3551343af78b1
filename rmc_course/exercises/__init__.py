"""The graded exercises' checks, one module per exercise (``ex01_attention`` ... ``ex05_nth_farthest``),
each with its input cases, its checks and its misconception bank; ``harness`` holds what they
share and ``registry`` the table of all of them. The exercise notebooks import their own module
as ``checks``."""
