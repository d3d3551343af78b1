"""
exercise: 4.2
learner: weak
cause: The input gate multiplies M̃ directly, without the tanh of the formula M' = i ⊙ tanh(M̃) + f ⊙ M; squash the attended memory with torch.tanh before gating it.
downstream: no
wrong_function: rmc_step
"""

import torch


def rmc_step(core, inputs, state):
    """x_t [B, input_size], state M [B, N, F] -> (output [B, N*F], next state M' [B, N, F])."""
    x_hat = core.input_projection(inputs)
    m_tilde, _ = attend_over_memory(core, state, x_hat)  # noqa: F821
    i, f = core.gates(x_hat, state)
    m_next = i * m_tilde + f * state
    return m_next.reshape(m_next.shape[0], -1), m_next
