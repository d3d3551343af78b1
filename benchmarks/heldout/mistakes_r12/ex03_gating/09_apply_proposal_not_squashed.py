"""
exercise: 3.2
learner: careful
cause: The proposal M̃ is used as it is, i ⊙ M̃, taking it as already bounded by attention's LayerNorm; the update squashes it, M' = i ⊙ tanh(M̃) + f ⊙ M, so apply torch.tanh to attended_memory.
downstream: no
wrong_function: apply_gates
"""


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * attended_memory + forget_gate * memory
