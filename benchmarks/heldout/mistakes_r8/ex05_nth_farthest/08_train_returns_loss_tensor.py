"""
exercise: 5.2
learner: weak
cause: The loss tensor itself is returned (with its graph attached), not a Python float; return loss.item().
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss
