"""
exercise: 5.2
learner: careful
cause: An L2 penalty on the weights is added to the loss (weight decay from another training recipe), so the step descends a different objective and the returned number is not the batch's cross-entropy; backpropagate and return F.cross_entropy(logits, labels) alone.
downstream: no
wrong_function: train_step
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    optimizer.zero_grad()
    logits = model(inputs)
    weight_decay = 1e-4
    l2 = sum((p ** 2).sum() for p in model.parameters())
    loss = F.cross_entropy(logits, labels) + weight_decay * l2
    loss.backward()
    optimizer.step()
    return loss.item()
