"""
exercise: 3.1
learner: weak
cause: The input and memory terms are concatenated instead of summed, so each 'gate' is one term alone and twice too wide; the pre-activations are the sum W_x x̂ + W_m tanh(M), split at gate_size.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    n_slots = memory.shape[1]
    from_input = gates.input_to_gates(projected_input).unsqueeze(1).expand(-1, n_slots, -1)
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    pre = torch.cat([from_input, from_memory], dim=-1)
    input_pre, forget_pre = pre.split(2 * gates.gate_size, dim=-1)
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
