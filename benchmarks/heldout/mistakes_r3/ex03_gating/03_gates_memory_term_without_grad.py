"""
exercise: 3.1
learner: careful
cause: The memory's gate term is computed under torch.no_grad() (the previous memory is treated as a constant), which also stops every gradient to memory_to_gates so it never learns; compute it with gradients like the input term.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input).unsqueeze(1)  # [B, 1, 2G]
    with torch.no_grad():  # M is the memory *before* this step: fixed
        from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
