"""
exercise: 5.2
learner: careful
cause: label_smoothing=0.1 trains against softened targets, so the loss and the gradients are not the plain cross-entropy of the logits against the labels; drop label_smoothing.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels, label_smoothing=0.1)
    loss.backward()
    optimizer.step()
    return loss.item()
