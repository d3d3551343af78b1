"""
exercise: 2.2
learner: weak
cause: W x is copied from the formula for one column vector; with a batch of rows the product is [F, B] and the bias no longer fits; compute inputs @ weight.T + bias, i.e. projection.linear(inputs).
downstream: no
"""


def project_input(projection, inputs):
    return projection.linear.weight @ inputs.T + projection.linear.bias
