"""Shared pytest set-up."""

import pytest
import torch


@pytest.fixture(autouse=True, scope="session")
def _one_torch_thread():
    """Test tensors are tiny: a second intra-op thread only adds synchronisation, and on a busy
    2-core machine it makes the suite several times slower."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)
