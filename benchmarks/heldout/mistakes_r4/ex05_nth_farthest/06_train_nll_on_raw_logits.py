"""
exercise: 5.2
learner: weak
cause: nll_loss expects log-probabilities and the model returns raw logits; use F.cross_entropy on the logits (or nll_loss on log_softmax(logits, dim=-1)).
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    loss = F.nll_loss(model(inputs), labels)
    loss.backward()
    optimizer.step()
    return loss.item()
