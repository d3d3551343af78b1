"""
exercise: 4.3
learner: careful
cause: `state or default` asks for the truth value of a tensor, which raises for any given multi-element state; test `state is None`.
downstream: no
"""

# ruff: noqa: F821  (the earlier answer functions come from correct.py, as from earlier notebook cells)
import torch


def unroll(core, inputs, state=None):
    state = state or core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
