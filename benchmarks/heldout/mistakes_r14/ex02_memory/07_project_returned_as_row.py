"""
exercise: 2.2
learner: careful
cause: x̂ is returned already shaped as a row, [B, 1, F], but project_input returns [B, F] (the gates and tile_input take it that way); the row axis is added only where the input is appended, in append_input_row.
downstream: no
wrong_function: project_input
"""


def project_input(projection, inputs):
    """inputs x_t [B, input_size] -> x̂ [B, F] with the layer's Linear, projection.linear."""
    x_hat = projection.linear(inputs)  # [B, F]
    return x_hat.unsqueeze(1)  # [B, 1, F]: the input as one row
