"""
exercise: 4.3
learner: careful
cause: The state is detached between steps (truncated backprop), so gradients no longer flow from later outputs back through earlier steps; carry the state as it is, without .detach().
downstream: no
"""

# ruff: noqa: F821
import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
        state = state.detach()
    return torch.stack(outputs, dim=1), state
