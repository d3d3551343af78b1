"""
exercise: 5.2
learner: weak
cause: optimizer.step() runs before loss.backward(), so it applies no gradient and the new gradients are wiped by the next zero_grad: the model never learns; the order is zero_grad -> backward -> step.
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(inputs), labels)
    optimizer.step()
    loss.backward()
    return loss.item()
