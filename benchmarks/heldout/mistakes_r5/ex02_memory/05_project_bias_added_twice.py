"""
exercise: 2.2
learner: weak
cause: projection.linear already computes W x_t + b, so adding projection.linear.bias again counts the bias twice (and doubles its gradient); return projection.linear(inputs) as it is.
downstream: no
"""


def project_input(projection, inputs):
    return projection.linear(inputs) + projection.linear.bias  # x̂ = W x_t + b
