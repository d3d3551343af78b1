"""Correct answers to exercise 5, in notebook order."""

import torch
import torch.nn.functional as F


def nth_farthest_labels(task, inputs):
    decoded = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    m_position = (decoded.object_ids == decoded.m[:, None]).float().argmax(dim=1)  # [B]
    m_vector = decoded.vectors[batch, m_position]  # [B, F]
    distances = (decoded.vectors - m_vector[:, None, :]).norm(dim=-1)  # [B, T]
    order = distances.argsort(dim=1, descending=True)  # positions, farthest first
    answer_position = order[batch, decoded.n]  # [B]
    return decoded.object_ids[batch, answer_position].long()


def train_step(model, optimizer, inputs, labels):
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    optimizer.step()
    return loss.item()
