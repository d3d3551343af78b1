"""
exercise: 3.1
learner: weak
cause: The forget half is sliced from gate_size + 1, which skips its first feature, so the forget gate is one unit short (and empty for memory-style gates); Python slices end before their stop, so the forget half starts at gate_size: pre[..., G:].
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    G = gates.gate_size
    pre = gates.input_to_gates(projected_input)[:, None, :] + gates.memory_to_gates(torch.tanh(memory))
    input_gate = torch.sigmoid(pre[..., :G] + gates.input_bias)
    forget_gate = torch.sigmoid(pre[..., G + 1 :] + gates.forget_bias)
    return input_gate, forget_gate
