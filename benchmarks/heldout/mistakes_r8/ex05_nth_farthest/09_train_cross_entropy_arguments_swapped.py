"""
exercise: 5.2
learner: weak
cause: The arguments of F.cross_entropy are swapped: it takes the logits first and the target class indices second; call F.cross_entropy(logits, labels).
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(labels, logits)
    loss.backward()
    optimizer.step()
    return loss.item()
