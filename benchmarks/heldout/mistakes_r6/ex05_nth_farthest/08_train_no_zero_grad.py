"""
exercise: 5.2
learner: weak
cause: optimizer.zero_grad() is never called, so backward adds this batch's gradients to those of every earlier step and the optimizer steps on the running sum; call optimizer.zero_grad() before the backward pass.
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
