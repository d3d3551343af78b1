"""The instructor demos: ``widgets`` (thin ipywidgets wrappers over ``rmc_ref.viz``'s figures) and
``data`` (the arrays they show: cached model runs and the shipped measurements)."""
