"""
exercise: 5.2
learner: weak
cause: The gradients are never cleared, so backward adds this batch's gradient to those of every earlier batch and the optimizer steps on the running sum; call optimizer.zero_grad() before loss.backward() in every step.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
