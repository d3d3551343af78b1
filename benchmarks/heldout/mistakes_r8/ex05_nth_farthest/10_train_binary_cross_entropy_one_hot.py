"""
exercise: 5.2
learner: careful
cause: Binary cross-entropy on one-hot targets scores every object id as its own yes/no question (a sigmoid per logit), but the answer is exactly one of T ids: a T-way softmax classification; use F.cross_entropy(logits, labels).
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)
    targets = F.one_hot(labels, num_classes=logits.shape[-1]).float()
    loss = F.binary_cross_entropy_with_logits(logits, targets)
    loss.backward()
    optimizer.step()
    return loss.item()
