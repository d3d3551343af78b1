"""
exercise: 5.2
learner: weak
cause: The loss tensor itself is returned, not a Python float (and it keeps the whole graph alive); return loss.item().
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss
