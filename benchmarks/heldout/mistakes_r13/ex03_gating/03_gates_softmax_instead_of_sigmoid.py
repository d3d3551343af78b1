"""
exercise: 3.1
learner: weak
cause: softmax over the gate units makes the G gates of a slot share one unit of weight (and a memory-style gate is always exactly 1); each gate is its own number in (0, 1), so squash each one with torch.sigmoid.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    """x̂ [B, F], memory [B, N, F] -> (input_gate, forget_gate), each [B, N, G]."""
    from_input = gates.input_to_gates(projected_input).unsqueeze(1)  # [B, 1, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.softmax(input_pre + gates.input_bias, dim=-1)  # gates between 0 and 1
    forget_gate = torch.softmax(forget_pre + gates.forget_bias, dim=-1)
    return input_gate, forget_gate
