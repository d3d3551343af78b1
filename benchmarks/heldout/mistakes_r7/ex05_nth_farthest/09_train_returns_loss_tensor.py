"""
exercise: 5.2
learner: weak
cause: The loss is returned as the 0-d tensor itself (still holding its graph), not as a Python float; return loss.item().
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
