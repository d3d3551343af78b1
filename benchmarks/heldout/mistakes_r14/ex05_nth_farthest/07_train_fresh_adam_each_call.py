"""
exercise: 5.2
learner: weak
cause: A new Adam is built inside the step, so the optimizer passed in is never used (its learning rate and settings are ignored) and Adam's running averages start from zero at every batch; use the given optimizer for zero_grad and step.
downstream: no
wrong_function: train_step
"""

import torch
import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    adam = torch.optim.Adam(model.parameters(), lr=1e-3)
    adam.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    adam.step()
    return loss.item()
