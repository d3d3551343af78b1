"""
exercise: 5.2
learner: careful
cause: label_smoothing=0.1 trains towards softened targets, a regulariser the step does not ask for, and changes both the loss and its gradient; use the plain cross-entropy against the labels.
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels, label_smoothing=0.1)
    loss.backward()
    optimizer.step()
    return loss.item()
