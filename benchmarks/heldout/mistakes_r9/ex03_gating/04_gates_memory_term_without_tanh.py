"""
exercise: 3.1
learner: careful
cause: The memory enters its gate layer raw, as the hidden state h does in nn.LSTMCell, but the RMC squashes it first: the memory term is W_m tanh(M), gates.memory_to_gates(torch.tanh(memory)).
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input).unsqueeze(1)
    from_memory = gates.memory_to_gates(memory)
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
