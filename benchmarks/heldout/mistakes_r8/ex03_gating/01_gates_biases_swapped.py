"""
exercise: 3.1
learner: weak
cause: The two constants are swapped: forget_bias is added to the input gate and input_bias to the forget gate; add gates.input_bias inside the input gate's sigmoid and gates.forget_bias inside the forget gate's.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.forget_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.input_bias)
    return input_gate, forget_gate
