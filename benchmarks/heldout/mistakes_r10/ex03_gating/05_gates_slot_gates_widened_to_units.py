"""
exercise: 3.1
learner: careful
cause: Memory-style gates are widened to the F units here ([B, N, F]), but create_gates returns them [B, N, gate_size] = [B, N, 1]; the broadcast over the units happens later, in apply_gates, so return the gates as the split gives them.
downstream: no
wrong_function: create_gates
"""

import torch


def create_gates(gates, projected_input, memory):
    from_input = gates.input_to_gates(projected_input).unsqueeze(1)  # [B, 1, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    # one gate per slot: share it over the slot's units
    input_gate = input_gate.expand_as(memory)
    forget_gate = forget_gate.expand_as(memory)
    return input_gate, forget_gate
