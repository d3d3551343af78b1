"""
exercise: 2.2
learner: weak
cause: the projection is W x_t without the Linear's bias b.
downstream: no
"""


def project_input(projection, inputs):
    return inputs @ projection.linear.weight.T
