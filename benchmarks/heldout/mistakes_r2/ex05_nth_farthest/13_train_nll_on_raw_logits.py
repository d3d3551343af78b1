"""
exercise: 5.2
learner: careful
cause: F.nll_loss is applied to the raw logits, but it expects log-probabilities; use F.cross_entropy(logits, labels) (or nll_loss on log_softmax(logits)).
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.nll_loss(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
