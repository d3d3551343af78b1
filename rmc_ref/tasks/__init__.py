"""Task generators: data the models learn from (one module per task)."""

from rmc_ref.tasks.nth_farthest import NthFarthest

__all__ = ["NthFarthest"]
