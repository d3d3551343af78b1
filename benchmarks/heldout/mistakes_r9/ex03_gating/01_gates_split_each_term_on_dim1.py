"""
exercise: 3.1
learner: weak
cause: The memory term is split with dim=1, copied from the split of the 2-D input term, but for the memory term [B, N, 2G] axis 1 is the slots, not the gate features, so the halves never come out; add the two terms first ([B, 1, 2G] + [B, N, 2G]) and split the sum once on the last axis, .split(gates.gate_size, dim=-1).
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_x, forget_x = from_input.split(gates.gate_size, dim=1)
    input_m, forget_m = from_memory.split(gates.gate_size, dim=1)
    input_gate = torch.sigmoid(input_x[:, None] + input_m + gates.input_bias)
    forget_gate = torch.sigmoid(forget_x[:, None] + forget_m + gates.forget_bias)
    return input_gate, forget_gate
