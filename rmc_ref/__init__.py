"""rmc_ref: the course's reference Relational Memory Core (Santoro et al. 2018), in PyTorch.

One module per idea, in lesson order: ``attention`` -> ``memory`` -> ``gating`` -> ``core``, then
``baselines``, ``classifier``, ``tasks.nth_farthest``, ``train``, ``viz``.
"""

from .attention import MultiHeadAttention, scaled_dot_product_attention
from .baselines import LSTMBaseline, count_parameters, lstm_hidden_size_for, matched_lstm
from .classifier import SequenceClassifier
from .core import RelationalMemory
from .memory import initial_memory
from .tasks.nth_farthest import NthFarthest

__all__ = [
    "RelationalMemory",
    "LSTMBaseline",
    "NthFarthest",
    "SequenceClassifier",
    "MultiHeadAttention",
    "scaled_dot_product_attention",
    "initial_memory",
    "count_parameters",
    "lstm_hidden_size_for",
    "matched_lstm",
]

__version__ = "0.1.0"
