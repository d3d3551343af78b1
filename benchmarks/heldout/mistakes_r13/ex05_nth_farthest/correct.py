import torch
import torch.nn.functional as F


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    vectors, object_ids = decoded.vectors, decoded.object_ids  # [B, T, F], [B, T]
    m_step = (object_ids == decoded.m.unsqueeze(1)).long().argmax(dim=1)  # [B]
    batch = torch.arange(vectors.shape[0])
    m_vector = vectors[batch, m_step]  # [B, F]
    distances = (vectors - m_vector.unsqueeze(1)).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)  # [B, T] steps, farthest first
    answer_step = ranked[batch, decoded.n]  # [B]
    return object_ids[batch, answer_step].long()


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    optimizer.zero_grad()
    logits = model(inputs)  # [B, T]
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
