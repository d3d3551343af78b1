"""Small helpers shared by the model tests."""

import torch


def randn(*shape, seed: int, dtype=torch.float64) -> torch.Tensor:
    """A seeded normal tensor that does not touch torch's global generator."""
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


@torch.no_grad()
def randomise(module: torch.nn.Module, seed: int, scale: float) -> torch.nn.Module:
    """Perturb every parameter, so LayerNorm gains and all biases are not 1 / 0 and a dropped
    bias or gain shows up in a comparison."""
    generator = torch.Generator().manual_seed(seed)
    for parameter in module.parameters():
        parameter.add_(scale * torch.randn(parameter.shape, generator=generator, dtype=parameter.dtype))
    return module
