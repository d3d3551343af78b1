"""
exercise: 3.1
learner: weak
cause: Tensor.split(gate_size) splits along dim 0, the batch axis, not the gate features; pass dim=-1.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    parts = (from_input + from_memory).split(gates.gate_size)
    input_gate = torch.sigmoid(parts[0] + gates.input_bias)
    forget_gate = torch.sigmoid(parts[-1] + gates.forget_bias)
    return input_gate, forget_gate
