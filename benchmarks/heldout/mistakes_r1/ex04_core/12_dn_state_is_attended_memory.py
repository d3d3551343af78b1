"""
exercise: 4.3
learner: weak
cause: 4.2 returns the un-gated attended memory M̃ as the next state (the output is right), so 4.3 carries the wrong memory from step to step.
downstream: yes
wrong_function: 4.2 rmc_step (4.1 and 4.3 as in correct.py)
"""

# ruff: noqa: F821  (the earlier answer functions come from correct.py, as from earlier notebook cells)
import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_memory = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return next_memory.reshape(next_memory.shape[0], -1), attended_memory
