"""
exercise: 3.1
learner: careful
cause: The forget gate is tied to the input gate as 1 - i (coupled gates, as in a GRU), so the second half of the layers' output and the forget bias are never used; the RMC has an independent forget gate, f = σ(second half + gates.forget_bias).
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input).unsqueeze(1)  # [B, 1, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    pre = from_input + from_memory
    input_pre = pre[..., : gates.gate_size]
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = 1.0 - input_gate
    return input_gate, forget_gate
