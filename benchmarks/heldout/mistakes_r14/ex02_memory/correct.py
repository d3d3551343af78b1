import torch


def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    """[B, N, F]: for every batch element eye(N), padded with zero columns up to F (or cut to F)."""
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)  # [N, F], padded or cut
    return eye.unsqueeze(0).repeat(batch_size, 1, 1)  # a copy per batch element


def project_input(projection, inputs):
    """inputs x_t [B, input_size] -> x̂ [B, F] with the layer's Linear, projection.linear."""
    return projection.linear(inputs)


def append_input_row(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N+1, F] with x̂ as the last row."""
    return torch.cat([memory, projected_input.unsqueeze(1)], dim=1)


def tile_input(memory, projected_input):
    """memory [B, N, F], x̂ [B, F] -> [B, N, 2F]: every row is [memory slot | x̂]."""
    tiled = projected_input.unsqueeze(1).expand(-1, memory.shape[1], -1)  # [B, N, F]
    return torch.cat([memory, tiled], dim=-1)
