"""
exercise: 5.2
learner: careful
cause: binary_cross_entropy_with_logits on one-hot targets scores every object id as its own yes/no sigmoid, but the answer is one of T classes: use the softmax cross-entropy, F.cross_entropy(logits, labels).
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    optimizer.zero_grad()
    logits = model(inputs)  # [B, T]
    targets = F.one_hot(labels, num_classes=logits.shape[-1]).float()
    loss = F.binary_cross_entropy_with_logits(logits, targets)
    loss.backward()
    optimizer.step()
    return loss.item()
