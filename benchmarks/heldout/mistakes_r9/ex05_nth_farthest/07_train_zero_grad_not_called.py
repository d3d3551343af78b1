"""
exercise: 5.2
learner: weak
cause: optimizer.zero_grad is written without parentheses, so it is never called and the gradients of every batch pile up on top of the previous ones; call it, optimizer.zero_grad(), before backward.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
