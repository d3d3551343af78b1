"""
exercise: 3.2
learner: careful
cause: memory.mul_ and add_ update the caller's memory tensor in place, so the old memory M is overwritten; compute the result out of place: input_gate * torch.tanh(attended_memory) + forget_gate * memory.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    memory.mul_(forget_gate)
    memory.add_(input_gate * torch.tanh(attended_memory))
    return memory
