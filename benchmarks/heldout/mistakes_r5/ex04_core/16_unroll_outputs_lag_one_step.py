"""
exercise: 4.3
learner: careful
cause: Each step records the memory it starts from before stepping, so output t is the memory after step t - 1 (the first is the start memory, the last step's output is missing); record the output the step returns, after the step.
downstream: no
"""

# ruff: noqa: F821
import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        outputs.append(state.reshape(state.shape[0], -1))
        _, state = rmc_step(core, inputs[:, t], state)
    return torch.stack(outputs, dim=1), state
