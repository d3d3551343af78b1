"""
exercise: 3.1
learner: careful
cause: Only forget_bias is added; input_bias is left out (the lesson's example adds 0.0, which hides it), so any non-zero input bias is lost; add gates.input_bias inside the input gate's sigmoid, σ(i + input_bias).
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]  # [B, 1, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
