"""
exercise: 5.2
learner: careful
cause: The [B, T] logits are read as one output per time step and only the last step's, logits[:, -1], goes into the loss; the model already reads the whole sequence and its T columns are the scores of the T object ids, so pass all of logits [B, T] to cross_entropy.
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits[:, -1], labels)
    loss.backward()
    optimizer.step()
    return loss.item()
