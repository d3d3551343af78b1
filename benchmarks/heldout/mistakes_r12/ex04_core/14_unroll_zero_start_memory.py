"""
exercise: 4.3
learner: careful
cause: Without a state the memory starts at zeros, like an LSTM's hidden state; the RMC starts from its identity-padded memory so the slots are distinguishable, core.initial_state(batch_size).
downstream: no
wrong_function: unroll
"""

# ruff: noqa: F821
import torch


def unroll(core, inputs, state=None):
    batch_size, steps, _ = inputs.shape
    if state is None:
        state = torch.zeros(batch_size, core.mem_slots, core.mem_size)
    outputs = []
    for t in range(steps):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
