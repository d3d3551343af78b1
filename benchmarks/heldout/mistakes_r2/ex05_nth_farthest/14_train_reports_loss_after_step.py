"""
exercise: 5.2
learner: careful
cause: The returned loss is recomputed after optimizer.step(), so it is the loss of the updated model, not of this batch's step; return the loss that was backpropagated (loss.item() before the update).
downstream: no
"""

import torch
import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(inputs), labels)
    loss.backward()
    optimizer.step()
    with torch.no_grad():
        new_loss = F.cross_entropy(model(inputs), labels)
    return new_loss.item()
