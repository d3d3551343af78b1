import torch
import torch.nn.functional as F


def nth_farthest_labels(task, inputs):
    """inputs [B, T, F + 3T] -> labels [B] (int64): the id of the (n+1)-th farthest object from m."""
    decoded = task.decode(inputs)
    vectors, object_ids, m, n = decoded.vectors, decoded.object_ids, decoded.m, decoded.n
    batch = torch.arange(vectors.shape[0])
    m_step = (object_ids == m[:, None]).int().argmax(dim=1)  # [B] the step that shows object m
    m_vector = vectors[batch, m_step]  # [B, F]
    distances = (vectors - m_vector[:, None, :]).norm(dim=-1)  # [B, T]
    ranked = distances.argsort(dim=1, descending=True)  # [B, T] steps, farthest first
    answer_step = ranked[batch, n]  # [B]
    return object_ids[batch, answer_step].long()


def train_step(model, optimizer, inputs, labels):
    """One optimisation step on a batch; return the batch's loss as a float."""
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
