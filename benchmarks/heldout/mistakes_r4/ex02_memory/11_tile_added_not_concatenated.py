"""
exercise: 2.4
learner: weak
cause: The input is added to every slot, which keeps [B, N, F]; tiling puts it next to each slot along the features, torch.cat([memory, tiled], dim=-1), giving [B, N, 2F].
downstream: no
"""


def tile_input(memory, projected_input):
    return memory + projected_input.unsqueeze(1)
