"""
exercise: 5.2
learner: careful
cause: label_smoothing=0.1 trains against softened targets (a transformer recipe), so the loss and its gradient are not the plain cross-entropy the step asks for; call F.cross_entropy(logits, labels) without smoothing.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels, label_smoothing=0.1)
    loss.backward()
    optimizer.step()
    return float(loss)
