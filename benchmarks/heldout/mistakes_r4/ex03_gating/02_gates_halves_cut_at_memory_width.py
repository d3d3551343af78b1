"""
exercise: 3.1
learner: weak
cause: The two halves are cut at the memory width F, which is the gate size only for unit gates; with memory-style gates (gate_size 1) the input gate takes everything and the forget gate is empty; cut at gates.gate_size.
downstream: no
"""

import torch


def create_gates(gates, projected_input, memory):
    width = memory.shape[-1]
    pre = gates.input_to_gates(projected_input)[:, None, :] + gates.memory_to_gates(torch.tanh(memory))
    input_pre, forget_pre = pre[..., :width], pre[..., width:]
    return torch.sigmoid(input_pre + gates.input_bias), torch.sigmoid(forget_pre + gates.forget_bias)
