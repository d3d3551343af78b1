"""
exercise: 3.1
learner: careful
cause: tanh is applied to the output of memory_to_gates, tanh(W_m M), as in a plain RNN update; the paper squashes the memory before the layer, W_m tanh(M): call gates.memory_to_gates(torch.tanh(memory)).
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input).unsqueeze(1)  # [B, 1, 2G]
    from_memory = torch.tanh(gates.memory_to_gates(memory))  # [B, N, 2G]
    input_pre, forget_pre = torch.split(from_input + from_memory, gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
