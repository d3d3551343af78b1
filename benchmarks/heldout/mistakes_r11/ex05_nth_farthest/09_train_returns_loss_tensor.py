"""
exercise: 5.2
learner: weak
cause: The loss is returned as a tensor (still attached to the graph), not as the Python float asked for; return loss.item().
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    output = model(inputs)
    loss = F.cross_entropy(output, labels)
    loss.backward()
    optimizer.step()
    return loss
