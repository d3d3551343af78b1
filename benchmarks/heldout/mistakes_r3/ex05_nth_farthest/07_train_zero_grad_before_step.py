"""
exercise: 5.2
learner: weak
cause: optimizer.zero_grad() is called between backward() and step(), so the optimizer steps with zero gradients and nothing is learned; zero the gradients before the forward pass (or before backward).
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.zero_grad()
    optimizer.step()
    return loss.item()
