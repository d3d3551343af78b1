"""
exercise: 5.2
learner: weak
cause: cross_entropy is called as (labels, logits), the (y_true, y_pred) order of scikit-learn's metrics; PyTorch's order is input first, target second: F.cross_entropy(logits, labels).
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    predictions = model(inputs)
    loss = F.cross_entropy(labels, predictions)
    loss.backward()
    optimizer.step()
    return loss.item()
