"""
exercise: 4.3
learner: careful
cause: Without a state the sequence starts from an all-zero memory, as an LSTM starts from h = c = 0; the RMC starts from the identity-padded memory (the slots must be distinguishable), core.initial_state(batch_size).
downstream: no
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
