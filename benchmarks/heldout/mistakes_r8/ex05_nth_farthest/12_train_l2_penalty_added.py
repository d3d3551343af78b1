"""
exercise: 5.2
learner: careful
cause: An L2 penalty on the weights is added to the loss (weight decay written by hand), so the returned loss is not the batch's cross-entropy and the gradients pull every weight towards 0; the step's loss is F.cross_entropy(logits, labels) alone.
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss = loss + 1e-4 * sum((p**2).sum() for p in model.parameters())
    loss.backward()
    optimizer.step()
    return loss.item()
