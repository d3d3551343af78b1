"""
exercise: 4.3
learner: weak
cause: In 4.2 the attended memory M̃ is returned as the next state while the output is the gated M'; the state carried to the next step is M' too, the same tensor that is flattened for the output.
downstream: yes (4.2 rmc_step)
wrong_function: rmc_step
"""

# ruff: noqa: F821
import torch


def rmc_step(core, inputs, state):
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    new_memory = input_gate * torch.tanh(attended_memory) + forget_gate * state
    return new_memory.reshape(new_memory.shape[0], -1), attended_memory
