"""
exercise: 2.2
learner: weak
cause: projection.linear already computes W x_t + b, so adding projection.linear.bias again counts b twice; return projection.linear(inputs) as it is.
downstream: no
wrong_function: project_input
"""


def project_input(projection, inputs):
    return projection.linear(inputs) + projection.linear.bias
