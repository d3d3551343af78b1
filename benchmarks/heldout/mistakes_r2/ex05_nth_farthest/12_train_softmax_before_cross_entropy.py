"""
exercise: 5.2
learner: careful
cause: The logits go through a softmax before F.cross_entropy, which applies log-softmax itself, so the softmax is applied twice; pass the raw logits.
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
