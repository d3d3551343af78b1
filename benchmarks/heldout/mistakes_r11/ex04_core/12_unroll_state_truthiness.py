"""
exercise: 4.3
learner: weak
cause: `if not state` asks a tensor for its truth value, which raises for a memory of more than one element whenever a state is passed; test for the default explicitly, `if state is None`.
downstream: no
wrong_function: unroll
"""

import torch


def unroll(core, inputs, state=None):
    """x [B, T, input_size] -> (outputs [B, T, N*F], final state [B, N, F])."""
    if not state:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        out, state = rmc_step(core, inputs[:, t], state)  # noqa: F821
        outputs.append(out)
    return torch.stack(outputs, dim=1), state
