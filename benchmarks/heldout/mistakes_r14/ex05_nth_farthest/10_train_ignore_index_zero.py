"""
exercise: 5.2
learner: careful
cause: ignore_index=0 treats label 0 as padding, as in sequence models, but here 0 is a real object id, so every question whose answer is object 0 is left out of the loss; drop ignore_index.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels, ignore_index=0)
    loss.backward()
    optimizer.step()
    return loss.item()
