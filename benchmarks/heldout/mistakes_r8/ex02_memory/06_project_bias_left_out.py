"""
exercise: 2.2
learner: careful
cause: Only the weight is applied, so the bias b of x̂ = W x_t + b is missing; add projection.linear.bias (or call projection.linear(inputs), which does both).
downstream: no
"""


def project_input(projection, inputs):
    return inputs @ projection.linear.weight.T
