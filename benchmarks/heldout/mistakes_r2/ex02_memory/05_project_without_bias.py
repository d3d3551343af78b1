"""
exercise: 2.2
learner: weak
cause: Only W x_t is computed and the layer's bias b is left out (it starts at zero, so the values match at first, but the bias gets no gradient and never learns); add projection.linear.bias, or just call projection.linear(inputs).
downstream: no
"""


def project_input(projection, inputs):
    return inputs @ projection.linear.weight.T
