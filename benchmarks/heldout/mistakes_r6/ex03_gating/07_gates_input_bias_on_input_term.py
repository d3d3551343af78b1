"""
exercise: 3.1
learner: careful
cause: input_bias is read as the bias of the input term W_x x̂ and added to both halves, so the forget gate gets input_bias + forget_bias; input_bias belongs to the input gate only: i = σ(i + input_bias), f = σ(f + forget_bias).
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :] + gates.input_bias
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
