"""
exercise: 5.2
learner: weak
cause: The gradients are never reset, and backward adds to .grad, so every step uses the sum of the gradients of all batches so far; call optimizer.zero_grad() before loss.backward().
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
