"""
exercise: 5.2
learner: careful
cause: The T of the logits [B, T] is read as time steps and only the last one is kept, as for a sequence model's final output; T is the number of object ids (the classes), so pass the whole [B, T] logits to cross_entropy.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    optimizer.zero_grad()
    outputs = model(inputs)  # [B, T]
    logits = outputs[:, -1]
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return float(loss)
