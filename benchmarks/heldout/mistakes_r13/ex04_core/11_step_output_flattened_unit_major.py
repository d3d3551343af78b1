"""
exercise: 4.2
learner: weak
cause: The lesson's merge-heads line transpose(1, 2).reshape(...) is reused to flatten, so the output lists unit 0 of every slot, then unit 1, ...; the output is M' flattened slot after slot: next_state.reshape(B, -1) with no transpose.
downstream: no
wrong_function: rmc_step
"""
# ruff: noqa: F821

import torch


def rmc_step(core, inputs, state):
    B = inputs.shape[0]
    x_hat = core.input_projection(inputs)
    attended_memory, _ = attend_over_memory(core, state, x_hat)
    input_gate, forget_gate = core.gates(x_hat, state)
    next_state = input_gate * torch.tanh(attended_memory) + forget_gate * state
    output = next_state.transpose(1, 2).reshape(B, core.output_size)
    return output, next_state
