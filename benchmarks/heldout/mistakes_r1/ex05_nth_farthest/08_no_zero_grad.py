"""
exercise: 5.2
learner: weak
cause: without optimizer.zero_grad() the gradients of earlier batches accumulate into this step.
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
