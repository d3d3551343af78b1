"""
exercise: 3.2
learner: careful
cause: The proposal M̃ is used as it is, on the idea that attention's LayerNorm already keeps it in range, but the formula squashes it, i ⊙ tanh(M̃); add the tanh on attended_memory.
downstream: no
wrong_function: apply_gates
"""


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * attended_memory + forget_gate * memory
