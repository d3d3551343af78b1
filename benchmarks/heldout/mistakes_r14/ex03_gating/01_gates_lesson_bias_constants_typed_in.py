"""
exercise: 3.1
learner: weak
cause: The constant biases are typed in from the lesson's example (+ 0.0 on the input half, + 1.0 on the forget half); the layer carries its own values, so add gates.input_bias and gates.forget_bias.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + 0.0)
    forget_gate = torch.sigmoid(forget_pre + 1.0)
    return input_gate, forget_gate
