"""
exercise: 3.1
learner: careful
cause: tanh is applied to the projected input as well; only the memory is squashed before its layer (W_x x̂ + W_m tanh(M)), x̂ goes into input_to_gates as it is.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(torch.tanh(projected_input)).unsqueeze(1)
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
