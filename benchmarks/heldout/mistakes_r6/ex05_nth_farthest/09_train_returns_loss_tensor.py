"""
exercise: 5.2
learner: weak
cause: The loss is returned as a 0-d tensor still attached to the graph, not as a Python float; return loss.item().
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(inputs), labels)
    loss.backward()
    optimizer.step()
    return loss
