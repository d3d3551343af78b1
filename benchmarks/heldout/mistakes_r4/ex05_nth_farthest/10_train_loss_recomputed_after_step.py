"""
exercise: 5.2
learner: careful
cause: The returned loss is recomputed after the optimizer step, on the updated model; return the loss of this batch computed before the step, the one that was backpropagated.
downstream: no
"""

import torch
import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    F.cross_entropy(model(inputs), labels).backward()
    optimizer.step()
    with torch.no_grad():
        return F.cross_entropy(model(inputs), labels).item()
