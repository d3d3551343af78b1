"""
exercise: 4.3
learner: careful
cause: Without a state the memory starts at zeros, like an LSTM's h_0 and c_0; the RMC starts from core.initial_state(batch_size), the identity-padded memory, so that the slots are told apart from the first step.
downstream: no
wrong_function: unroll
"""
# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    batch_size, steps = inputs.shape[0], inputs.shape[1]
    if state is None:
        state = torch.zeros(batch_size, core.mem_slots, core.mem_size)
    outputs = []
    for t in range(steps):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
