"""
exercise: 2.2
learner: weak
cause: W @ x_tᵀ + b is written as in the column-vector formula, which gives the features on the first axis ([F, B], bias broadcast wrongly) instead of [B, F]; use inputs @ W.T + b, i.e. projection.linear(inputs).
downstream: no
"""


def project_input(projection, inputs):
    weight, bias = projection.linear.weight, projection.linear.bias
    return weight @ inputs.T + bias[:, None]
