"""
exercise: 5.2
learner: weak
cause: The forward pass is run under torch.no_grad() (copied from the lesson's evaluation cell), so the logits and the loss have no graph and loss.backward() fails; training needs the graph, call model(inputs) without no_grad.
downstream: no
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
