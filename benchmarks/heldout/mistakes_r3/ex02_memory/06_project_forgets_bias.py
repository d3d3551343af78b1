"""
exercise: 2.2
learner: weak
cause: Only the weight is applied (x W^T), the bias b of x̂ = W x + b is missing; add projection.linear.bias or simply call projection.linear(inputs).
downstream: no
"""


def project_input(projection, inputs):
    return inputs @ projection.linear.weight.T
