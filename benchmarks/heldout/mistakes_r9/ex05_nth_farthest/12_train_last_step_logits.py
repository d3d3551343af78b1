"""
exercise: 5.2
learner: careful
cause: The T of logits [B, T] is read as the time steps and only the last step's column is kept, but the model already returns one row of T class scores (one per object id) per sequence; pass the whole [B, T] logits to cross_entropy.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)
    final = logits[:, -1]  # output after the last object
    loss = F.cross_entropy(final, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
