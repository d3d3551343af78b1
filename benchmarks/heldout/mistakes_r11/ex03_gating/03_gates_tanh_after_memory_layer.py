"""
exercise: 3.1
learner: weak
cause: tanh is applied to the output of memory_to_gates instead of to the memory going in; the term is W_m tanh(M), so squash the memory first: gates.memory_to_gates(torch.tanh(memory)).
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    input_term = gates.input_to_gates(projected_input).unsqueeze(1)
    memory_term = torch.tanh(gates.memory_to_gates(memory))
    pre = input_term + memory_term
    input_pre, forget_pre = pre.split(gates.gate_size, dim=-1)
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
