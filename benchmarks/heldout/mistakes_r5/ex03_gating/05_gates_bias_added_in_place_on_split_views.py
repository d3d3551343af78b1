"""
exercise: 3.1
learner: weak
cause: The constants are added in place (+=) to the halves that split returned; those are views of one tensor in the autograd graph, which PyTorch refuses to modify in place, so the call raises; write input_gate = torch.sigmoid(input_pre + gates.input_bias) (and the same for the forget gate) without in-place operations.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    pre = gates.input_to_gates(projected_input)[:, None, :] + gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    input_pre, forget_pre = pre.split(gates.gate_size, dim=-1)
    input_pre += gates.input_bias
    forget_pre += gates.forget_bias
    return torch.sigmoid(input_pre), torch.sigmoid(forget_pre)
