"""
exercise: 5.2
learner: weak
cause: optimizer.zero_grad() is never called, so each backward adds this batch's gradients to those left from earlier steps and the optimizer steps on the running sum; call optimizer.zero_grad() before loss.backward().
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
