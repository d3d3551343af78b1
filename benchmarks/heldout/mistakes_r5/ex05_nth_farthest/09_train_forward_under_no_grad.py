"""
exercise: 5.2
learner: weak
cause: The forward pass is wrapped in torch.no_grad() (copied from the lesson's evaluation cell), so the loss has no graph and backward() fails; no_grad is for evaluation only, run the model normally when training.
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
