import torch
import torch.nn.functional as F


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    vectors, object_ids = decoded.vectors, decoded.object_ids  # [B, T, F], [B, T]
    m_step = (object_ids == decoded.m[:, None]).long().argmax(dim=1)  # [B]
    m_vector = vectors[torch.arange(vectors.shape[0]), m_step]  # [B, F]
    distances = (vectors - m_vector[:, None, :]).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)  # [B, T] steps, farthest first
    answer_step = ranked.gather(1, decoded.n[:, None].long()).squeeze(1)  # [B]
    return object_ids.gather(1, answer_step[:, None]).squeeze(1).long()


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
