"""
exercise: 4.3
learner: careful
cause: Without a state the memory starts at zeros, as an LSTM's hidden state does; the RMC starts from its identity-padded memory, core.initial_state(batch_size), so the slots are distinguishable from the first step.
downstream: no
wrong_function: unroll
"""

# ruff: noqa: F821
import torch


def unroll(core, inputs, state=None):
    batch_size = inputs.shape[0]
    if state is None:
        state = torch.zeros(batch_size, core.mem_slots, core.mem_size)
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
