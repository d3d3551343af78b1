"""
exercise: 3.1
learner: careful
cause: The two halves are unpacked in the wrong order (forget gate from the first gate_size features), but the first half is the input gate and the second the forget gate; unpack as input_pre, forget_pre.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input).unsqueeze(1)
    from_memory = gates.memory_to_gates(torch.tanh(memory))
    forget_pre, input_pre = torch.split(from_input + from_memory, gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
