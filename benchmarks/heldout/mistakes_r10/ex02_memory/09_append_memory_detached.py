"""
exercise: 2.3
learner: careful
cause: The memory is detached because it "is not learned", but it still depends on the earlier steps' attention and gates, which need its gradient; not learned only means it is no parameter, so concatenate the memory as it is.
downstream: no
"""

import torch


def append_input_row(memory, projected_input):
    return torch.cat([memory.detach(), projected_input[:, None, :]], dim=1)
