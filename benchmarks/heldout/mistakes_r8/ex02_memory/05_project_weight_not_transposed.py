"""
exercise: 2.2
learner: weak
cause: The weight of nn.Linear is stored [out_features, in_features], so inputs @ weight does not fit ([B, input_size] times [F, input_size]); multiply by weight.T (inputs @ W.T + b), or call projection.linear(inputs).
downstream: no
"""


def project_input(projection, inputs):
    return inputs @ projection.linear.weight + projection.linear.bias
