"""
exercise: 2.2
learner: weak
cause: `torch.no_grad()` copied from the lesson's evaluation cells means no gradient ever reaches the projection's weights.
downstream: no
"""

import torch


def project_input(projection, inputs):
    with torch.no_grad():
        return projection.linear(inputs)
