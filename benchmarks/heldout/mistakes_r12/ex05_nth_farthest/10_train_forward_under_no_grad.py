"""
exercise: 5.2
learner: weak
cause: The logits are computed inside torch.no_grad() (as the lesson does for evaluation), so the loss has no graph and backward fails; call the model without no_grad when training.
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
