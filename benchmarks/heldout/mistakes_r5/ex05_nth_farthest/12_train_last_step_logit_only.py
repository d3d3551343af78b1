"""
exercise: 5.2
learner: careful
cause: The [B, T] logits are read as one output per time step and only the last step's is kept (logits[:, -1], as for an RNN's final output), but axis 1 already holds the T object-id scores of the one answer; pass the whole [B, T] logits to cross_entropy.
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)[:, -1]  # the answer after the last object
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
