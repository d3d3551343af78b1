"""
exercise: 5.2
learner: weak
cause: the loss is returned as a tensor (still attached to the graph) instead of a Python float with .item().
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(inputs), labels)
    loss.backward()
    optimizer.step()
    return loss
