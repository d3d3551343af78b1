import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    identity = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)  # [N, F], padded or cut
    return identity.unsqueeze(0).repeat(batch_size, 1, 1)


def project_input(projection, inputs):
    return projection.linear(inputs)


def append_input_row(memory, projected_input):
    return torch.cat([memory, projected_input.unsqueeze(1)], dim=1)


def tile_input(memory, projected_input):
    tiled = projected_input.unsqueeze(1).expand(-1, memory.shape[1], -1)  # [B, N, F]
    return torch.cat([memory, tiled], dim=-1)
