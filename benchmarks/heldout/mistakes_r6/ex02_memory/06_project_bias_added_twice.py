"""
exercise: 2.2
learner: careful
cause: projection.linear already adds its bias (nn.Linear computes x W^T + b), so adding projection.linear.bias again counts b twice; return projection.linear(inputs) as it is.
downstream: no
"""


def project_input(projection, inputs):
    return projection.linear(inputs) + projection.linear.bias
