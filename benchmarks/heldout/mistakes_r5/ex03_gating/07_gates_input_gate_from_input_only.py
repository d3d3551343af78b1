"""
exercise: 3.1
learner: careful
cause: The input gate is computed from the input term alone and the forget gate from the memory term alone, but both gates see both: sum W_x x̂ + W_m tanh(M) first, then take the first gate_size features for the input gate and the next gate_size for the forget gate.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    G = gates.gate_size
    from_input = gates.input_to_gates(projected_input)[:, None, :]  # [B, 1, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    forget_gate = torch.sigmoid(from_memory[..., G:] + gates.forget_bias)  # keep: decided by the memory
    input_gate = torch.sigmoid(from_input[..., :G] + gates.input_bias).expand_as(forget_gate)  # write: by the input
    return input_gate, forget_gate
