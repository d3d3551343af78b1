"""
exercise: 3.2
learner: weak
cause: A one-per-slot gate [B, N, 1] is expanded to memory.shape[1] (the slot count N) instead of the width F, which only works when N equals F; let broadcasting do it, or expand to memory.shape.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    if input_gate.shape[-1] == 1:  # memory-style gates: one per slot
        B, N, _ = memory.shape
        input_gate = input_gate.expand(B, N, memory.shape[1])
        forget_gate = forget_gate.expand(B, N, memory.shape[1])
    return input_gate * torch.tanh(attended_memory) + forget_gate * memory
