"""
exercise: 3.1
learner: careful
cause: The memory goes into memory_to_gates as it is, as an LSTM's gates take h; the RMC's gates take the old memory squashed first, W_m tanh(M), so call gates.memory_to_gates(torch.tanh(memory)).
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    """x̂ [B, F], memory [B, N, F] -> (input_gate, forget_gate), each [B, N, G]."""
    from_input = gates.input_to_gates(projected_input)[:, None, :]  # W_x x̂, [B, 1, 2G]
    from_memory = gates.memory_to_gates(memory)  # W_m M, [B, N, 2G]
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
