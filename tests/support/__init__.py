"""Code the tests share, none of it a test itself (pytest collects no file here).

    helpers                  seeded tensors and parameter perturbation for the model tests
    messages                 the error-message contract of rmc_ref (shape, dtype/device, sizes)
    reference_transcription  an independent transcription of the RMC step (also `make bench`'s baseline)
    figure_spec              every figure of rmc_ref.viz as plain data, and its reviewed copy
    exercise_tools           nbgrader config, generate_assignment and validation in-process
    grading_fixtures         hostile and ordinary submissions made from a solution notebook

Test files import them as ``from support import helpers`` or ``from support.helpers import
randn``: tests/conftest.py puts tests/ on ``sys.path``, for every test file and for tests/e2e/.
"""
