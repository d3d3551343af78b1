"""
exercise: 5.2
learner: careful
cause: The labels are made one-hot and scored with binary cross-entropy on the logits, a separate sigmoid per object (multi-label), not the softmax over the T ids of a single-answer classification; use F.cross_entropy(logits, labels) with the int64 labels.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)  # [B, T]
    targets = F.one_hot(labels, num_classes=logits.shape[-1]).float()  # [B, T]
    loss = F.binary_cross_entropy_with_logits(logits, targets)
    loss.backward()
    optimizer.step()
    return loss.item()
