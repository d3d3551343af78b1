"""
exercise: 5.2
learner: weak
cause: The gradients are never cleared, so backward adds each batch's gradient to those of all earlier batches and every step after the first moves on their sum; call optimizer.zero_grad() before backward.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
