"""
exercise: 5.2
learner: weak
cause: The loss tensor is returned instead of a Python float; return loss.item().
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(inputs), labels)
    loss.backward()
    optimizer.step()
    return loss
