import torch
import torch.nn.functional as F


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    m_step = (decoded.object_ids == decoded.m[:, None]).long().argmax(dim=1)  # [B] step where m was shown
    m_vector = decoded.vectors[batch, m_step]  # [B, F]
    distances = (decoded.vectors - m_vector[:, None, :]).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)  # [B, T] steps, farthest first
    answer_step = ranked[batch, decoded.n]  # [B]
    return decoded.object_ids[batch, answer_step].long()


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    optimizer.zero_grad()
    logits = model(inputs)  # [B, T]
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
