"""
exercise: 4.2
learner: careful
cause: The output is the attended memory M̃ flattened, before the gates; the output of a step is the next memory M' flattened.
downstream: no
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    B = inputs.shape[0]
    projected = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return attended_memory.reshape(B, -1), next_state
