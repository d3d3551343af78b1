"""
exercise: 2.2
learner: careful
cause: x̂ is returned already shaped as a memory row, [B, 1, F], but project_input gives the projected input itself, [B, F]; the row axis is added only where it is appended (append_input_row), so drop the unsqueeze(1).
downstream: no
wrong_function: project_input
"""


def project_input(projection, inputs):
    x_hat = projection.linear(inputs)
    return x_hat.unsqueeze(1)
