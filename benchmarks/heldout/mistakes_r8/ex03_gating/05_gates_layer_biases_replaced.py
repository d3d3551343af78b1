"""
exercise: 3.1
learner: careful
cause: The layers are applied with their weights only, as if input_bias and forget_bias replaced the layers' own biases; the constants come on top of the learned biases, so call gates.input_to_gates(...) and gates.memory_to_gates(...) whole.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = (projected_input @ gates.input_to_gates.weight.T)[:, None, :]
    from_memory = torch.tanh(memory) @ gates.memory_to_gates.weight.T
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
