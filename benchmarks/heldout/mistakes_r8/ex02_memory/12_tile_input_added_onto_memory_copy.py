"""
exercise: 2.4
learner: careful
cause: The memory is repeated to 2F and x̂ is added (+=) to the second half, which still holds a copy of the slot, so each row is [m_i | m_i + x̂]; assign x̂ to the second half (=) or concatenate memory and the tiled x̂.
downstream: no
"""


def tile_input(memory, projected_input):
    mem_size = memory.shape[-1]
    tiled = memory.repeat(1, 1, 2)
    tiled[..., mem_size:] += projected_input[:, None, :]
    return tiled
