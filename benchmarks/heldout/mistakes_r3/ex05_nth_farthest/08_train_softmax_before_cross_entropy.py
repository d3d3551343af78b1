"""
exercise: 5.2
learner: weak
cause: The logits are turned into probabilities with softmax before cross_entropy, which applies log-softmax itself; pass the raw logits to F.cross_entropy.
downstream: no
"""

import torch
import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    probs = torch.softmax(model(inputs), dim=-1)
    loss = F.cross_entropy(probs, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
