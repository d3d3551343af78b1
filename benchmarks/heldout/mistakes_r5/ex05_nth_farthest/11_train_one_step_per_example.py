"""
exercise: 5.2
learner: careful
cause: The batch is split into single examples with one optimizer step each (B steps per call), so the model changes between examples; one training step is one mean loss over the whole batch, one backward, one optimizer.step().
downstream: no
"""

import torch.nn.functional as F


def train_step(model, optimizer, inputs, labels):
    losses = []
    for i in range(inputs.shape[0]):
        optimizer.zero_grad()
        logits = model(inputs[i : i + 1])  # [1, T]
        loss = F.cross_entropy(logits, labels[i : i + 1])
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)
