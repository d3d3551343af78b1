"""
exercise: 5.2
learner: careful
cause: label_smoothing=0.1 (a transformer training habit) changes the targets and so the loss and its gradients; the task trains with plain cross-entropy against the one correct id, so drop label_smoothing.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)  # [B, T]
    loss = F.cross_entropy(logits, labels, label_smoothing=0.1)
    loss.backward()
    optimizer.step()
    return float(loss)
