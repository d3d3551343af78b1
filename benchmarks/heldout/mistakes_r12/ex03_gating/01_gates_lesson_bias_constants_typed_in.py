"""
exercise: 3.1
learner: weak
cause: The constants 0.0 and 1.0 of the lesson's example are typed in instead of reading the layer's own gates.input_bias and gates.forget_bias, so any Gates built with other biases gets the wrong gates; add gates.input_bias and gates.forget_bias inside the sigmoids.
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + 0.0)  # + input_bias
    forget_gate = torch.sigmoid(forget_pre + 1.0)  # + forget_bias
    return input_gate, forget_gate
