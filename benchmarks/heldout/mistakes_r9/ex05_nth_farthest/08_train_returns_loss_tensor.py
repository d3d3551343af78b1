"""
exercise: 5.2
learner: weak
cause: The loss is returned as the 0-d tensor itself (still attached to the graph), not as a Python float; return loss.item().
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    out = model(inputs)
    loss = F.cross_entropy(out, labels)
    loss.backward()
    optimizer.step()
    return loss
