"""
exercise: 3.2
learner: careful
cause: The proposal M̃ is used without its tanh (as if attention and the MLP already kept it in range), but the new content is i ⊙ tanh(M̃); squash the attended memory before the input gate multiplies it.
downstream: no
"""


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * attended_memory + forget_gate * memory
