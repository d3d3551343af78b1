"""
exercise: 5.2
learner: careful
cause: The optimizer's learning rate is overwritten with the paper's 1e-4 before stepping, so the step is not the one of the optimizer given; the optimizer comes configured, so use it as it is: zero_grad, backward, step.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    for group in optimizer.param_groups:
        group["lr"] = 1e-4  # learning rate of the paper
    optimizer.zero_grad()
    logits = model(inputs)  # [B, T]
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
