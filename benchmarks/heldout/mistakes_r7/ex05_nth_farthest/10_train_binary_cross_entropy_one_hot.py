"""
exercise: 5.2
learner: careful
cause: binary_cross_entropy_with_logits against one-hot labels treats every object id as its own yes/no question (a sigmoid per logit, averaged over B·T entries), not one choice among T; the answer is a single class, so use F.cross_entropy(logits, labels), the softmax over the T logits.
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)
    targets = F.one_hot(labels, logits.shape[-1]).float()
    loss = F.binary_cross_entropy_with_logits(logits, targets)
    loss.backward()
    optimizer.step()
    return loss.item()
