"""
exercise: 3.1
learner: careful
cause: The forget gate is read from the first half of the 2G features and the input gate from the second, as in some LSTM layouts, but here the first gate_size features are the input gate and the next gate_size the forget gate; unpack the split as input_pre, forget_pre.
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input).unsqueeze(1)
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    forget_pre, input_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
