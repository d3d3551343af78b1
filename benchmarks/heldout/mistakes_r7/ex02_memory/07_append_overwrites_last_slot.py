"""
exercise: 2.3
learner: weak
cause: "The input as the last row" is read as writing x̂ into the memory's last slot, which overwrites slot N-1 of the caller's memory in place (and fails on a memory that needs a gradient); append a new row instead, torch.cat([memory, projected_input[:, None, :]], dim=1) -> [B, N+1, F].
downstream: no
"""


def append_input_row(memory, projected_input):
    memory[:, -1] = projected_input
    return memory
