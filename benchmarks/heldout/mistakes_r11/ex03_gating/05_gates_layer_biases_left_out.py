"""
exercise: 3.1
learner: careful
cause: Only the layers' weights are used, as if input_bias and forget_bias replaced the layers' own biases, so those learned biases are left out and never get a gradient (the values agree only while they are still zero); the constants come on top of them: call the Linear layers themselves, gates.input_to_gates(x̂) and gates.memory_to_gates(tanh(M)), then add the constants.
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    w_x = gates.input_to_gates.weight  # [2G, F]
    w_m = gates.memory_to_gates.weight  # [2G, F]
    from_input = (projected_input @ w_x.T)[:, None, :]  # [B, 1, 2G]
    from_memory = torch.tanh(memory) @ w_m.T  # [B, N, 2G]
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
