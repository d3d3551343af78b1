"""
exercise: 3.1
learner: weak
cause: repeat(N, 1) tiles the whole [B, 2G] block N times (rows b0, b1, b0, b1, ...), so after the view the slots of one batch element get other batch elements' input terms; give the input term a slot axis, [:, None, :] (or repeat_interleave), and let it broadcast over the N slots.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    """x̂ [B, F], memory [B, N, F] -> (input_gate, forget_gate), each [B, N, G]."""
    B, N, _ = memory.shape
    from_input = gates.input_to_gates(projected_input)  # [B, 2G]
    from_input = from_input.repeat(N, 1).view(B, N, -1)  # tile over the slots: [B, N, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
