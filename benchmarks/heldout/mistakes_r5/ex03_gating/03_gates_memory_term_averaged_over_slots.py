"""
exercise: 3.1
learner: weak
cause: The memory term is averaged over the slots to match the input term's [B, 2G], so every slot gets the same gates and they come out [B, G]; keep the memory term per slot, [B, N, 2G], and broadcast the input term over the slots instead ([:, None, :]).
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)  # [B, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory)).mean(dim=1)  # [B, 2G], one term like the input's
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
