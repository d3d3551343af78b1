"""
exercise: 5.2
learner: careful
cause: The inputs are transposed to time-major [T, B, D] (the default layout of torch's nn.LSTM), but the model takes them batch-first as they come, [B, T, D]; call model(inputs) without the transpose.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    sequence = inputs.transpose(0, 1)  # [T, B, D]: one time step per row for the recurrent core
    logits = model(sequence)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
