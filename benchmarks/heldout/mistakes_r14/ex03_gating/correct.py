import torch


def create_gates(gates, projected_input, memory):
    """x̂ [B, F], memory [B, N, F] -> (input_gate, forget_gate), each [B, N, G]."""
    from_input = gates.input_to_gates(projected_input)[:, None, :]  # [B, 1, 2G]
    from_memory = gates.memory_to_gates(torch.tanh(memory))  # [B, N, 2G]
    input_pre, forget_pre = (from_input + from_memory).split(gates.gate_size, dim=-1)
    input_gate = torch.sigmoid(input_pre + gates.input_bias)
    forget_gate = torch.sigmoid(forget_pre + gates.forget_bias)
    return input_gate, forget_gate


def apply_gates(attended_memory, memory, input_gate, forget_gate):
    """M' = input_gate * tanh(M̃) + forget_gate * M, gates [B, N, G] broadcast over F when G = 1."""
    return input_gate * torch.tanh(attended_memory) + forget_gate * memory
