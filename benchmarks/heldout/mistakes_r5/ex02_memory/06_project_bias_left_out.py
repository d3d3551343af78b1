"""
exercise: 2.2
learner: weak
cause: Only W x_t is computed and the bias b is left out, so x̂ is off by b (once b is no longer zero) and the bias never gets a gradient; add projection.linear.bias (or call projection.linear(inputs)).
downstream: no
"""


def project_input(projection, inputs):
    return inputs @ projection.linear.weight.T  # W x_t
