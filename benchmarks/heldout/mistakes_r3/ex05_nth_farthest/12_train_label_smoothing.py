"""
exercise: 5.2
learner: careful
cause: Label smoothing changes both the loss and its gradients; the step is plain cross-entropy against the labels, so drop label_smoothing.
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels, label_smoothing=0.1)
    loss.backward()
    optimizer.step()
    return float(loss)
