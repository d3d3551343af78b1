"""
exercise: 3.1
learner: careful
cause: The input gate is read from the input's term alone and the forget gate from the memory's term alone, but both gates see both: add the two terms first, W_x x̂ + W_m tanh(M), then split the sum into the input and forget halves.
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    G = gates.gate_size
    from_input = gates.input_to_gates(projected_input)[:, None, :]  # [B, 1, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    # input gate: how much new content to take in; forget gate: how much of the memory to keep
    input_gate = torch.sigmoid(from_input[..., :G] + gates.input_bias)  # [B, 1, G]
    forget_gate = torch.sigmoid(from_memory[..., G:] + gates.forget_bias)  # [B, N, G]
    input_gate = input_gate.expand_as(forget_gate)
    return input_gate, forget_gate
