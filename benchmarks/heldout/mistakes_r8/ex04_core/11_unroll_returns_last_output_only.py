"""
exercise: 4.3
learner: weak
cause: Only the last step's output is returned, [B, N*F] (what the lesson's loop compared with outputs[:, -1]); collect every step's output and stack them on the time axis, [B, T, N*F].
downstream: no
"""

# ruff: noqa: F821


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
    return output, state
