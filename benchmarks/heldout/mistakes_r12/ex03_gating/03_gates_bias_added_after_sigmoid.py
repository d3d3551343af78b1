"""
exercise: 3.1
learner: weak
cause: The constant biases are added after the sigmoid, σ(i) + b, so the gates are shifted out of (0, 1) (a forget gate up to 2); they go inside it: torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias).
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input).unsqueeze(1)
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre) + gates.input_bias
    forget_gate = torch.sigmoid(forget_pre) + gates.forget_bias
    return input_gate, forget_gate
