"""
exercise: 3.1
learner: weak
cause: input_bias and forget_bias are added to the gates after the sigmoid, so the gates are no longer in (0, 1) (a forget gate up to 2); the constants go inside the sigmoid, sigmoid(pre + bias).
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
