"""
exercise: 3.2
learner: weak
cause: The attended memory is added without the tanh, M' = i ⊙ M̃ + f ⊙ M; squash it first: i ⊙ tanh(M̃).
downstream: no
"""


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * attended_memory + forget_gate * memory
