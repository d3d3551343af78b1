"""rmc_ref: the course's reference Relational Memory Core (Santoro et al. 2018), in PyTorch.

One module per idea, in lesson order: ``attention`` -> ``memory`` -> ``gating`` -> ``core``, then
``baselines``, ``classifier``, ``tasks.nth_farthest``, ``train``, ``viz``.
"""

from .attention import MultiHeadAttention, scaled_dot_product_attention
from .baselines import LSTMBaseline, count_parameters, matched_lstm_hidden_size
from .classifier import SequenceClassifier
from .core import RelationalMemory
from .memory import initial_memory
from .tasks.nth_farthest import NthFarthest
from .version import __version__

__all__ = [
    "__version__",
    "RelationalMemory",
    "LSTMBaseline",
    "NthFarthest",
    "SequenceClassifier",
    "MultiHeadAttention",
    "scaled_dot_product_attention",
    "initial_memory",
    "count_parameters",
    "matched_lstm_hidden_size",
]
