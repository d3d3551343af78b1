"""
exercise: 5.2
learner: careful
cause: cross_entropy applies log-softmax itself; giving it softmax probabilities squashes the logits twice (wrong loss, flattened gradients); pass the logits.
downstream: no
"""

import torch
import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    probabilities = torch.softmax(model(inputs), dim=-1)
    loss = F.cross_entropy(probabilities, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
