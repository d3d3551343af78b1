"""
exercise: 4.3
learner: careful
cause: Without a state the sequence starts from a zero memory, as an LSTM starts from zero h and c; the RMC starts from core.initial_state(batch_size), the identity-padded memory that keeps the slots distinguishable.
downstream: no
wrong_function: unroll
"""

# ruff: noqa: F821

import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = torch.zeros(inputs.shape[0], core.mem_slots, core.mem_size)
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
