"""
exercise: 5.2
learner: weak
cause: zero_grad is called between backward and step, so the optimizer steps with zero gradients and the model does not learn; call zero_grad before backward (zero_grad → backward → step).
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
