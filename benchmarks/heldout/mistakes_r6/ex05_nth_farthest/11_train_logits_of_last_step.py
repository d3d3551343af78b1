"""
exercise: 5.2
learner: careful
cause: The T of logits [B, T] is read as the time axis and only the 'last step' logits[:, -1] are kept, but the model already answers once per sequence and T counts the classes (object ids); pass the whole [B, T] logits to cross_entropy.
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)[:, -1]
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
