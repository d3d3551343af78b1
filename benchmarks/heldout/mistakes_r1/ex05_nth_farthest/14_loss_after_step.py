"""
exercise: 5.2
learner: careful
cause: the returned loss is recomputed after optimizer.step(), so it is the updated model's loss, not the loss of the step that was taken.
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
        return F.cross_entropy(model(inputs), labels).item()
