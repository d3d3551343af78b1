"""
exercise: 3.1
learner: weak
cause: The sigmoid is written by hand as 1 / (1 + exp(x)), which is sigma(-x): the gates are mirrored (large pre-activations close them, and the forget bias lowers f); use exp(-x), or simply torch.sigmoid.
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    B, F = projected_input.shape
    from_input = gates.input_to_gates(projected_input).view(B, 1, -1)
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    pre = from_input + from_memory
    G = gates.gate_size
    input_pre = pre[..., :G] + gates.input_bias
    forget_pre = pre[..., G:] + gates.forget_bias
    input_gate = 1 / (1 + torch.exp(input_pre))
    forget_gate = 1 / (1 + torch.exp(forget_pre))
    return input_gate, forget_gate
