"""
exercise: 5.2
learner: weak
cause: The forward pass runs inside torch.no_grad() (as in the lesson's evaluation code), so the loss has no graph and backward() fails; compute the logits and the loss with gradients on, and keep no_grad for evaluation only.
downstream: no
wrong_function: train_step
"""

import torch
import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    optimizer.zero_grad()
    with torch.no_grad():
        logits = model(inputs)  # [B, T]
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
