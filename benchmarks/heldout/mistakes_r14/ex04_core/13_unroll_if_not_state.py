"""
exercise: 4.3
learner: weak
cause: `if not state` asks a tensor for its truth value, which raises as soon as a state is given ('Boolean value of Tensor with more than one value is ambiguous'); test for the missing state with `if state is None`.
downstream: no
wrong_function: unroll
"""

# ruff: noqa: F821
import torch


def unroll(core, inputs, state=None):
    if not state:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
