"""
exercise: 3.1
learner: weak
cause: The constants 0.0 and 1.0 of the lesson's example are typed into the sigmoids, so a Gates layer built with another input_bias or forget_bias gets the wrong gates; add gates.input_bias and gates.forget_bias, read from the layer.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    """x̂ [B, F], memory [B, N, F] -> (input_gate, forget_gate), each [B, N, G]."""
    from_input = gates.input_to_gates(projected_input)[:, None, :]  # [B, 1, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + 0.0)  # + input_bias
    forget_gate = torch.sigmoid(forget_pre + 1.0)  # + forget_bias
    return input_gate, forget_gate
