"""
exercise: 4.2
learner: weak
cause: The tanh is taken in NumPy on a detached copy, so no gradient flows back through M̃ into the attention blocks and the input projection; use torch.tanh on the tensor itself.
downstream: no
wrong_function: rmc_step
"""

# ruff: noqa: F821
import numpy as np
import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    proposal = torch.from_numpy(np.tanh(attended_memory.detach().numpy()))
    next_state = input_gate * proposal + forget_gate * state
    return next_state.reshape(next_state.shape[0], -1), next_state
