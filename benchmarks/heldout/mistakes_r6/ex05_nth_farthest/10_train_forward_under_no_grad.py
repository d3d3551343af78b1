"""
exercise: 5.2
learner: weak
cause: The forward pass runs inside torch.no_grad() (copied from the lesson's evaluation of the checkpoints), so no graph is built and loss.backward() fails; run the model with gradients on during training.
downstream: no
"""

import torch
import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    with torch.no_grad():
        logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
