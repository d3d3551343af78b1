"""
exercise: 3.1
learner: careful
cause: The 2G features are read as G (input, forget) pairs with unflatten(-1, (G, 2)), but the layers put the G input-gate features first and the G forget-gate features after them; split into two halves, pre.split(gates.gate_size, dim=-1).
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    pre = gates.input_to_gates(projected_input).unsqueeze(1) + gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = pre.unflatten(-1, (gates.gate_size, 2)).unbind(-1)
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
