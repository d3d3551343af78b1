"""
exercise: 5.2
learner: careful
cause: zero_grad() between backward() and step() erases the fresh gradients, so the optimizer step has no gradients to use and nothing is updated; it belongs before backward().
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    loss = F.cross_entropy(model(inputs), labels)
    loss.backward()
    optimizer.zero_grad()
    optimizer.step()
    return loss.item()
