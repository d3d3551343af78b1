"""
exercise: 5.2
learner: careful
cause: An L2 penalty on the weights is added to the loss, which changes the gradients and the reported loss; the step minimises (and returns) the plain cross-entropy of the batch.
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(inputs), labels)
    loss = loss + 1e-4 * sum((p**2).sum() for p in model.parameters())  # regularise
    loss.backward()
    optimizer.step()
    return loss.item()
