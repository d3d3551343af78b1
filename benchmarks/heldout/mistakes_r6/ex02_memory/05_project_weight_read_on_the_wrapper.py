"""
exercise: 2.2
learner: weak
cause: The weight and bias are read from projection itself, which is only the wrapper (InputProjection has no weight attribute); they belong to its layer: call projection.linear(inputs), or use projection.linear.weight and projection.linear.bias.
downstream: no
"""


def project_input(projection, inputs):
    return inputs @ projection.weight.T + projection.bias
