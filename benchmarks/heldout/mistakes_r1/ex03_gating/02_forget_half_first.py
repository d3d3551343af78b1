"""
exercise: 3.1
learner: careful
cause: the first gate_size features are the input gate and the next the forget gate; taking them the other way round swaps the gates and their biases.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    forget_pre, input_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
