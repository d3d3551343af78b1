"""
exercise: 3.1
learner: weak
cause: split(2, dim=-1) cuts the 2G features into pieces of size 2 (G pieces for unit gates, one piece for memory gates), so unpacking into two gates fails; split(2) is not chunk(2): use chunk(2, dim=-1) or split(gates.gate_size, dim=-1).
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]  # [B, 1, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    input_pre, forget_pre = (from_input + from_memory).split(2, dim=-1)  # into the 2 gates
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
