"""
exercise: 3.1
learner: careful
cause: The layers are applied by hand with their weights only, as if input_bias and forget_bias replaced the layers' learned biases; the constants come on top of them, so call gates.input_to_gates(...) and gates.memory_to_gates(...) whole (weights and biases) and then add the constants.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    """x̂ [B, F], memory [B, N, F] -> (input_gate, forget_gate), each [B, N, G]."""
    W_x = gates.input_to_gates.weight  # [2G, F]
    W_m = gates.memory_to_gates.weight  # [2G, F]
    from_input = (projected_input @ W_x.T)[:, None, :]  # [B, 1, 2G]
    from_memory = torch.tanh(memory) @ W_m.T  # [B, N, 2G]
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)  # b_input
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)  # b_forget
    return input_gate, forget_gate
