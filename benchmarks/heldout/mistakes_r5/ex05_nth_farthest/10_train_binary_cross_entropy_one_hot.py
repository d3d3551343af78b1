"""
exercise: 5.2
learner: careful
cause: Each logit is treated as an independent yes/no score (binary cross-entropy against the one-hot of the answer) instead of one T-way choice; the task has exactly one answer, so use F.cross_entropy(logits, labels), the softmax over the T ids.
downstream: no
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
