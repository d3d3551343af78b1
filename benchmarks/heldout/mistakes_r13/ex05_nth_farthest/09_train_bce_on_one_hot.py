"""
exercise: 5.2
learner: weak
cause: binary_cross_entropy_with_logits treats each of the T outputs as a separate yes/no question (a sigmoid per object), not one T-way choice; use F.cross_entropy(logits, labels), which takes the class ids directly.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)
    targets = F.one_hot(labels, num_classes=logits.shape[-1]).float()
    loss = F.binary_cross_entropy_with_logits(logits, targets)
    loss.backward()
    optimizer.step()
    return loss.item()
