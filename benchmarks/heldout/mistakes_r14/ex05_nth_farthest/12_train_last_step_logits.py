"""
exercise: 5.2
learner: careful
cause: logits[:, -1] treats the T axis as time steps and keeps the last one, but the model already gives one score per object id ([B, T] = T classes); pass the whole [B, T] logits to cross_entropy.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits[:, -1], labels)
    loss.backward()
    optimizer.step()
    return loss.item()
