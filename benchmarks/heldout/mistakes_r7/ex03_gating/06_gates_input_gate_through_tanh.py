"""
exercise: 3.1
learner: careful
cause: The input gate is squashed with tanh (the nonlinearity of the LSTM's candidate g) instead of the sigmoid, so it can go negative and is not a share in (0, 1); both gates use σ, input_gate = σ(i + input_bias).
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]  # [B, 1, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.tanh(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
