"""
exercise: 3.1
learner: weak
cause: add_ and sigmoid_ write in place into the halves returned by split, which are views of one tensor; autograd forbids that while the layers' parameters need gradients (it only ran under the lesson's torch.no_grad), so it raises; compute new tensors, torch.sigmoid(input_pre + gates.input_bias).
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input)[:, None, :]  # [B, 1, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    input_gate, forget_gate = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate.add_(gates.input_bias).sigmoid_()
    forget_gate.add_(gates.forget_bias).sigmoid_()
    return input_gate, forget_gate
