"""
exercise: 5.2
learner: careful
cause: An L2 penalty on the weights is added to the loss, a regularisation habit the step does not ask for: it changes the gradients and the returned loss is no longer the batch's cross-entropy; backpropagate and return the cross-entropy alone.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)
    l2 = sum((p ** 2).sum() for p in model.parameters())
    loss = F.cross_entropy(logits, labels) + 1e-4 * l2
    loss.backward()
    optimizer.step()
    return loss.item()
