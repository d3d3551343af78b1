import torch
import torch.nn.functional as F


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    vectors, ids = decoded.vectors, decoded.object_ids  # [B, T, F], [B, T]
    batch = torch.arange(vectors.shape[0])
    m_position = (ids == decoded.m[:, None]).long().argmax(dim=1)  # [B]
    m_vector = vectors[batch, m_position]  # [B, F]
    distances = (vectors - m_vector[:, None, :]).norm(dim=-1)  # [B, T]
    order = distances.argsort(dim=1, descending=True)  # [B, T] positions, farthest first
    answer_position = order[batch, decoded.n]  # [B]
    return ids[batch, answer_position].long()


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
