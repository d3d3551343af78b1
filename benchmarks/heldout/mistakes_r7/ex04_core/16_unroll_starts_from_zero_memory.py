"""
exercise: 4.3
learner: weak
cause: Without a state the sequence starts from an all-zero memory (as an LSTM starts from zeros), so the slots are indistinguishable at the start; start from core.initial_state(batch_size), the identity-padded memory.
downstream: no
"""

import torch

# ruff: noqa: F821


def unroll(core, inputs, state=None):
    if state is None:
        state = torch.zeros(inputs.shape[0], core.mem_slots, core.mem_size)
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
