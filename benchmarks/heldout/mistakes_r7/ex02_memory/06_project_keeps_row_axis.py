"""
exercise: 2.2
learner: careful
cause: The projected input is returned as one row, [B, 1, F] (as Sonnet's expand_dims does before its concat), but project_input returns x̂ as [B, F]; adding the row axis is the job of append_input_row and tile_input, so return projection.linear(inputs) without unsqueeze.
downstream: no
"""


def project_input(projection, inputs):
    return projection.linear(inputs).unsqueeze(1)
