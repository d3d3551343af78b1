"""
exercise: 5.2
learner: weak
cause: The model is called inside torch.no_grad(), as the lesson does to evaluate checkpoints, so the logits carry no graph and loss.backward() fails; in a training step run the forward pass with gradients on (no no_grad block).
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
