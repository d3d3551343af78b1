import torch
import torch.nn.functional as F


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    vectors, ids, m, n = decoded.vectors, decoded.object_ids, decoded.m, decoded.n
    batch = torch.arange(vectors.shape[0])
    m_step = (ids == m[:, None]).int().argmax(dim=1)  # the step that showed object m
    distance = (vectors - vectors[batch, m_step][:, None, :]).norm(dim=-1)  # [B, T]
    ranked = distance.argsort(dim=1, descending=True)  # steps, farthest first
    return ids[batch, ranked[batch, n]].long()


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(inputs), labels)
    loss.backward()
    optimizer.step()
    return loss.item()
