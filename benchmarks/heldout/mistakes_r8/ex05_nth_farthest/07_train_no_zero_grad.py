"""
exercise: 5.2
learner: weak
cause: optimizer.zero_grad() is never called, so every backward adds its gradients to those of the earlier batches and each step follows the running sum; clear the gradients at the start of the step.
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
