"""The RMC's fast path: the same math as ``core.py``, in fewer and larger operations.

Learners read ``core.py``, ``attention.py``, ``memory.py`` and ``gating.py``; this module is not
a lesson. ``RelationalMemory.forward`` and ``unroll`` hand their work to :func:`unroll` when
:func:`applies` says the core is exactly the one those files build (nothing subclassed,
replaced or hooked) and ``core.fast_path`` is True (the default). The tests check, in float64,
that both paths give the same outputs, memories, attention weights and gradients.

What it does differently (none of it changes a single equation):

* the input projection x̂ = W x + b and the gates' input term W_x x̂ + b, plus the constant gate
  biases, are computed for all T steps in one matrix multiply each, not once per step;
* the shapes are checked once per ``unroll`` (by ``core.py``), not in every function every step;
* attention runs as PyTorch's fused ``scaled_dot_product_attention``; with
  ``return_attention=True`` the weights softmax(q kᵀ / sqrt(d_k)) are computed beside it for the
  caller only, so capturing them never changes a result (not even in float32's last bit);
* in the last block only the N memory rows' queries go through attention and only those rows
  through the residual, LayerNorm and MLP: the input row's results there are dropped in step 4;
* both gates come from one sigmoid, and M' = i ⊙ tanh(M̃) + f ⊙ M is one fused multiply-add.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


def applies(core) -> bool:
    """True when ``core`` is a plain ``RelationalMemory`` whose parts are the ones it builds.

    Anything else (a subclass overriding a step, a replaced block, LayerNorm or gate module, a
    forward hook on a part, the seed's 'tile' input mode) runs the readable code in core.py,
    so every lesson's experiment on the model still does what it says. The MLP may be replaced:
    the fast path calls ``core.mlp`` as the readable path does.
    """
    from .attention import MultiHeadAttention
    from .core import AttentionBlock, RelationalMemory
    from .gating import Gates
    from .memory import InputProjection

    cls = type(core)
    if not getattr(core, "fast_path", False) or core.input_mode != "row":
        return False
    for name in ("forward", "unroll", "attend_over_memory", "initial_state"):
        if getattr(cls, name) is not getattr(RelationalMemory, name):
            return False
    if core._forward_hooks or core._forward_pre_hooks:  # readable unroll fires them at every step
        return False
    parts = [(core.input_projection, InputProjection), (core.input_projection.linear, nn.Linear)]
    for block in core.blocks:
        parts += [(block, AttentionBlock), (block.attention, MultiHeadAttention),
                  (block.attention.qkv_projection, nn.Linear), (block.attention.qkv_layer_norm, nn.LayerNorm),
                  (block.attention_norm, nn.LayerNorm), (block.mlp_norm, nn.LayerNorm)]
    if core.gates is not None:
        parts += [(core.gates, Gates), (core.gates.input_to_gates, nn.Linear),
                  (core.gates.memory_to_gates, nn.Linear)]
    for module, expected in parts:
        if type(module) is not expected or module._forward_hooks or module._forward_pre_hooks:
            return False
    return not (nn.modules.module._global_forward_hooks or nn.modules.module._global_forward_pre_hooks)


def _layer_norm(x: torch.Tensor, norm: nn.LayerNorm) -> torch.Tensor:
    return F.layer_norm(x, norm.normalized_shape, norm.weight, norm.bias, norm.eps)


def unroll(core, inputs: torch.Tensor, state: torch.Tensor, return_attention: bool = False):
    """``core.unroll``'s result for x [B, T, input_size] and memory [B, N, F], computed fast.

    Shapes are the caller's job (``RelationalMemory`` checks them). Returns
    (outputs [B, T, N*F], final memory [B, N, F][, attention [B, T, blocks, H, N+1, N+1]]).
    """
    batch, steps = inputs.shape[0], inputs.shape[1]
    n_slots, width = core.mem_slots, core.mem_size
    heads, key_size, head_size = core.num_heads, core.key_size, core.head_size
    rows = n_slots + 1
    last_block = len(core.blocks) - 1

    projection = core.input_projection.linear
    projected = F.linear(inputs, projection.weight, projection.bias)  # [B, T, F]: x̂ of every step
    gates = core.gates
    if gates is not None:
        g = gates.gate_size
        like = dict(dtype=projected.dtype, device=projected.device)
        gate_bias = torch.cat([torch.full((g,), gates.input_bias, **like),
                               torch.full((g,), gates.forget_bias, **like)])  # [2G]: b_i, b_f inside σ
        from_inputs = F.linear(projected, gates.input_to_gates.weight,
                               gates.input_to_gates.bias) + gate_bias  # [B, T, 2G]

    memory = state  # [B, N, F]
    memories, attentions = [], []
    for t in range(steps):
        stream = torch.cat([memory, projected[:, t, None]], dim=1)  # [B, N+1, F]: M̂ = [M; x̂]
        step_weights = []
        for index, block in enumerate(core.blocks):
            attention = block.attention
            qkv = F.linear(stream, attention.qkv_projection.weight, attention.qkv_projection.bias)  # [B, R, H(2dk+dv)]
            qkv = _layer_norm(qkv, attention.qkv_layer_norm)  # [B, R, H(2dk+dv)]
            qkv = qkv.view(batch, rows, heads, 2 * key_size + head_size).transpose(1, 2)  # [B, H, R, 2dk+dv]
            q, k, v = qkv.split([key_size, key_size, head_size], dim=-1)  # [B, H, R, dk], .., [B, H, R, dv]
            if return_attention:  # the captured weights; attention itself runs fused below either way,
                # so asking for the weights never changes a result, not even in the last bit
                scores = (q * key_size ** -0.5) @ k.transpose(-1, -2)  # [B, H, R, R]
                step_weights.append(torch.softmax(scores, dim=-1))  # [B, H, R, R]
            if index == last_block:
                q = q[:, :, :n_slots]  # [B, H, N, dk]: the input row's query is never used
            attended = F.scaled_dot_product_attention(q, k, v)  # [B, H, Nq, dv]
            kept = attended.shape[2]  # N+1, or N in the last block
            attended = attended.transpose(1, 2).reshape(batch, kept, width)  # [B, Nq, F]
            residual = stream if kept == rows else stream[:, :n_slots]  # [B, Nq, F]
            stream = _layer_norm(residual + attended, block.attention_norm)  # [B, Nq, F]
            stream = _layer_norm(stream + core.mlp(stream), block.mlp_norm)  # [B, Nq, F]
        attended_memory = stream  # [B, N, F]: M̃, the input row already left out
        if gates is not None:
            from_memory = F.linear(torch.tanh(memory), gates.memory_to_gates.weight,
                                   gates.memory_to_gates.bias)  # [B, N, 2G]
            input_gate, forget_gate = torch.sigmoid(from_memory + from_inputs[:, t, None]).split(g, dim=-1)
            memory = torch.addcmul(forget_gate * memory, input_gate, torch.tanh(attended_memory))  # [B, N, F]
        else:
            memory = attended_memory  # [B, N, F]
        memories.append(memory)
        if return_attention:
            attentions.append(torch.stack(step_weights, dim=1))  # [B, blocks, H, R, R]
    outputs = torch.stack(memories, dim=1).reshape(batch, steps, n_slots * width)  # [B, T, N*F]
    if return_attention:
        return outputs, memory, torch.stack(attentions, dim=1)  # [B, T, blocks, H, R, R]
    return outputs, memory
