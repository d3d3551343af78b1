"""
exercise: 5.2
learner: weak
cause: The parameters are updated by hand with a fixed step (plain SGD, lr 0.01), so the optimizer passed in (Adam in the checks) never steps; call optimizer.step() after backward.
downstream: no
"""

import torch
import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    model.zero_grad()
    loss = F.cross_entropy(model(inputs), labels)
    loss.backward()
    with torch.no_grad():
        for parameter in model.parameters():
            parameter -= 0.01 * parameter.grad
    return loss.item()
