"""
exercise: 5.2
learner: careful
cause: F.nll_loss expects log-probabilities, so on raw logits it is not the cross-entropy (log_softmax first, or use F.cross_entropy).
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    loss = F.nll_loss(model(inputs), labels)
    loss.backward()
    optimizer.step()
    return loss.item()
