"""
exercise: 5.2
learner: careful
cause: label_smoothing=0.1 changes the target from the one-hot label to a smoothed distribution, which is not the plain cross-entropy the step asks for; call F.cross_entropy(logits, labels) without it.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    optimizer.zero_grad()
    logits = model(inputs)  # [B, T]
    loss = F.cross_entropy(logits, labels, label_smoothing=0.1)
    loss.backward()
    optimizer.step()
    return loss.item()
