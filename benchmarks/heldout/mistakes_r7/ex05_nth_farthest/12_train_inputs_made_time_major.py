"""
exercise: 5.2
learner: careful
cause: The inputs are transposed to time-major [T, B, D], the default layout of torch's nn.LSTM, but the course's models take batch-first sequences [B, T, F + 3T] (as the exercise says); call model(inputs) as it is.
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs.transpose(0, 1))
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
