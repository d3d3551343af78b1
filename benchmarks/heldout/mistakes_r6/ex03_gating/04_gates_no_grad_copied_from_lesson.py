"""
exercise: 3.1
learner: weak
cause: The lesson's `with torch.no_grad():` is copied along with its code, so the gates carry no gradient and the gate layers can never be trained; the lesson only used it to print; compute the gates without it.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    with torch.no_grad():
        from_input = gates.input_to_gates(projected_input)[:, None, :]
        from_memory = gates.memory_to_gates(torch.tanh(memory))
        input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
        input_gate = torch.sigmoid(input_pre + gates.input_bias)
        forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
