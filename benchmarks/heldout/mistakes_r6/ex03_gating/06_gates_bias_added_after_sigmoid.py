"""
exercise: 3.1
learner: careful
cause: The constant biases are added after the sigmoid, so they shift the gates themselves (a forget gate of up to 2, no longer in (0, 1)) instead of shifting the pre-activations; add them inside, sigmoid(pre + bias).
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre) + gates.input_bias
    forget_gate = torch.sigmoid(forget_pre) + gates.forget_bias
    return input_gate, forget_gate
