"""
exercise: 5.2
learner: weak
cause: The forward pass runs under torch.no_grad() (as in the lesson's evaluation cell), so the loss has no graph and backward() fails; training needs the graph, so call model(inputs) without no_grad.
downstream: no
wrong_function: train_step
"""

import torch
import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    with torch.no_grad():
        logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
