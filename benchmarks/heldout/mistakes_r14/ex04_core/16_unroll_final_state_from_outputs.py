"""
exercise: 4.3
learner: weak
cause: The final state is taken as the last output, outputs[:, -1], which is the memory flattened to [B, N*F], not the state [B, N, F]; return the state the last step returned.
downstream: no
wrong_function: unroll
"""

# ruff: noqa: F821
import torch


def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = rmc_step(core, inputs[:, t], state)
        outputs.append(output)
    outputs = torch.stack(outputs, dim=1)
    return outputs, outputs[:, -1]
