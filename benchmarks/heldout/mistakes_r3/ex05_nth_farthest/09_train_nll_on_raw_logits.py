"""
exercise: 5.2
learner: weak
cause: F.nll_loss expects log-probabilities but gets raw logits, so the loss is just minus the right logit; use F.cross_entropy(logits, labels) (or nll_loss of log_softmax).
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
