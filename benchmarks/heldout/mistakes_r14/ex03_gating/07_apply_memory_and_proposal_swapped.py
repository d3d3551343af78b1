"""
exercise: 3.2
learner: weak
cause: The two memories are swapped: the old memory is squashed as the new content and the attended memory is what the forget gate keeps; the proposal is attended_memory (i ⊙ tanh(M̃)) and the kept part is f ⊙ memory.
downstream: no
"""

import torch


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    new_memory = input_gate * torch.tanh(memory) + forget_gate * attended_memory
    return new_memory
