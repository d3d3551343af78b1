"""
exercise: 3.1
learner: weak
cause: The lesson's cell is copied with its `with torch.no_grad():`, which is there only for the demo; inside the graded function it stops autograd, so the gates carry no gradient and the gate layers never learn. Remove the no_grad block.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    with torch.no_grad():
        from_input = gates.input_to_gates(projected_input)[:, None, :]
        from_memory = gates.memory_to_gates(torch.tanh(memory))
        input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
        input_gate = torch.sigmoid(input_pre + gates.input_bias)
        forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate
