"""
exercise: 3.1
learner: weak
cause: The formula W_x x̂ + W_m tanh(M) is copied literally with the layers' weight matrices only, so the Linear layers' own learned biases are left out: they never get a gradient and never learn (and the gates are wrong as soon as those biases move); call gates.input_to_gates(...) and gates.memory_to_gates(...), which add them.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    G = gates.gate_size
    w_x = gates.input_to_gates.weight  # [2G, F]
    w_m = gates.memory_to_gates.weight  # [2G, F]
    from_input = (projected_input @ w_x.T)[:, None, :]  # W_x x̂, [B, 1, 2G]
    from_memory = torch.tanh(memory) @ w_m.T  # W_m tanh(M), [B, N, 2G]
    input_pre, forget_pre = (from_input + from_memory).split(G, dim=-1)
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
