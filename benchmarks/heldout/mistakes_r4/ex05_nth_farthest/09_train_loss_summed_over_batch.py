"""
exercise: 5.2
learner: careful
cause: reduction='sum' adds up the losses of the batch, so the reported loss (and the gradient) scales with the batch size; use the default mean over the batch.
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(inputs), labels, reduction="sum")
    loss.backward()
    optimizer.step()
    return loss.item()
