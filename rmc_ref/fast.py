"""The RMC's fast path: the same math as ``core.py``, in fewer and larger operations.

Learners read ``core.py``, ``attention.py``, ``memory.py`` and ``gating.py``; this module is not
a lesson. ``RelationalMemory.forward`` and ``unroll`` hand their work to :func:`unroll` when
``RelationalMemory.uses_fast_path`` says the core is exactly the one those files build (nothing
subclassed, replaced or hooked) and ``core.fast_path`` is True (the default). This module takes
the core as it comes (duck-typed: it reads its parameters and sizes) and imports nothing of
the package. The tests check, in float64,
that both paths give the same outputs, memories, attention weights and gradients.

What it does differently (none of it changes a single equation):

* the input projection x̂ = W x + b and the gates' input term W_x x̂ + b, plus the constant gate
  biases, are computed for all T steps in one matrix multiply each, not once per step;
* the shapes are checked once per ``unroll`` (by ``core.py``), not in every function every step;
* the qkv Linear and its LayerNorm are used with their output features reordered to
  [q of all heads | k of all heads | v of all heads] and with 1/sqrt(d_k) folded into the
  LayerNorm's scale and shift for the q features (a LayerNorm normalises over all features, so the
  order changes no value); then one copy per step puts the heads first and q, k, v are contiguous
  [B*H, R, d] blocks for ``bmm``, with no per-head split whose backward is a slow strided concat;
* attention is written out (bmm, softmax, bmm), not PyTorch's fused kernel: at these tiny heads
  (R = N+1 rows) the fused CPU kernel's backward was several times slower, and for inference
  at batch 1 it saved about 1%; the weights computed here are the ones ``return_attention=True``
  hands back, so capturing changes no result (with or without autograd);
* the heads are merged back inside the residual add (a transposed view added to the stream);
* in the last block only the N memory rows' queries go through attention and only those rows
  through the residual, LayerNorm and MLP: the input row's results there are dropped in step 4
  (when the caller captures attention, the input row's weights are computed beside them);
* both gates come from one sigmoid, and M' = i ⊙ tanh(M̃) + f ⊙ M is one fused multiply-add.
"""

from __future__ import annotations

import functools

import torch
import torch.nn.functional as F
from torch import nn


def _layer_norm(x: torch.Tensor, norm: nn.LayerNorm) -> torch.Tensor:
    return F.layer_norm(x, norm.normalized_shape, norm.weight, norm.bias, norm.eps)


@functools.lru_cache(maxsize=32)
def _feature_order(
    heads: int, key_size: int, head_size: int, scale: float, dtype: torch.dtype, device: torch.device
) -> tuple[torch.Tensor, torch.Tensor]:
    """Index putting the qkv features in [q | k | v] order ([H*P]) and the per-feature factor
    folding the query scale into the LayerNorm ([H*P]); built once per shape, not per call."""
    per_head = 2 * key_size + head_size
    starts = torch.arange(heads, device=device)[:, None] * per_head  # [H, 1]
    q_index = (starts + torch.arange(key_size, device=device)).flatten()  # [H*dk]
    order = torch.cat(
        [
            q_index,
            (q_index.view(heads, key_size) + key_size).flatten(),
            (starts + 2 * key_size + torch.arange(head_size, device=device)).flatten(),
        ]
    )  # [H*P]
    scales = torch.ones(order.shape[0], dtype=dtype, device=device)
    scales[: heads * key_size] = scale  # [H*P]
    return order, scales


def _heads_major(attention, key_size: int, head_size: int, scale: float) -> tuple:
    """The block's qkv Linear and LayerNorm with output features reordered [q | k | v] (each head-major)
    instead of per head [q k v], and the query scale 1/sqrt(d_k) folded into the LayerNorm's affine
    part. LayerNorm normalises over all features, so reordering them changes no value."""
    linear, norm = attention.qkv_projection, attention.qkv_layer_norm
    order, scales = _feature_order(
        attention.num_heads, key_size, head_size, scale, linear.weight.dtype, linear.weight.device
    )
    return (
        linear.weight.index_select(0, order),
        linear.bias.index_select(0, order),
        norm.weight.index_select(0, order) * scales,
        norm.bias.index_select(0, order) * scales,
        norm.eps,
    )


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
    qk_width = 2 * heads * key_size
    qkv_params = [_heads_major(block.attention, key_size, head_size, key_size**-0.5) for block in core.blocks]

    projection = core.input_projection.linear
    projected = F.linear(inputs, projection.weight, projection.bias)  # [B, T, F]: x̂ of every step
    gates = core.gates
    if gates is not None:
        g = gates.gate_size
        like = dict(dtype=projected.dtype, device=projected.device)
        gate_bias = torch.cat(
            [torch.full((g,), gates.input_bias, **like), torch.full((g,), gates.forget_bias, **like)]
        )  # [2G]: b_i, b_f inside σ
        from_inputs = (
            F.linear(projected, gates.input_to_gates.weight, gates.input_to_gates.bias) + gate_bias
        )  # [B, T, 2G]

    memory = state  # [B, N, F]
    memories, attentions = [], []
    for t in range(steps):
        stream = torch.cat([memory, projected[:, t, None]], dim=1)  # [B, N+1, F]: M̂ = [M; x̂]
        step_weights = []
        for index, block in enumerate(core.blocks):
            weight, bias, norm_weight, norm_bias, eps = qkv_params[index]
            qkv = F.layer_norm(
                F.linear(stream, weight, bias), (weight.shape[0],), norm_weight, norm_bias, eps
            )  # [B, R, H*P]: [scaled q | k | v]
            kept = n_slots if index == last_block else rows  # the input row's last query is never used
            qk, v = qkv.split([qk_width, heads * head_size], dim=-1)  # [B, R, 2*H*dk], [B, R, H*dv]
            # one copy each puts the heads first; q, k and v are then contiguous for bmm
            q, k = (
                qk.view(batch, rows, 2, heads, key_size)
                .permute(2, 0, 3, 1, 4)
                .reshape(2, batch * heads, rows, key_size)
                .unbind(0)
            )  # [BH, R, dk] each
            v = (
                v.view(batch, rows, heads, head_size).transpose(1, 2).reshape(batch * heads, rows, head_size)
            )  # [BH, R, dv]
            scores = torch.bmm(q[:, :kept] if kept != rows else q, k.transpose(1, 2))  # [BH, Nq, R]
            weights = torch.softmax(scores, dim=-1)  # [BH, Nq, R]
            if return_attention:  # the input row's weights in the last block, for the caller only:
                # computed beside the N rows' so capturing never changes a result, not even a bit
                full = weights
                if kept != rows:
                    extra = torch.bmm(q[:, kept:], k.transpose(1, 2))  # [BH, 1, R]
                    full = torch.cat([weights, torch.softmax(extra, dim=-1)], dim=1)  # [BH, R, R]
                step_weights.append(full.view(batch, heads, rows, rows))  # [B, H, R, R]
            attended = torch.bmm(weights, v).view(batch, heads, kept, head_size).transpose(1, 2)  # [B, Nq, H, dv]
            # heads merged back inside the residual add: [B, Nq, H, dv] + [B, Nq, H, dv] -> [B, Nq, F]
            residual = stream if kept == rows else stream[:, :kept]  # [B, Nq, F]
            merged = residual.view(batch, kept, heads, head_size) + attended  # [B, Nq, H, dv]
            stream = _layer_norm(merged.view(batch, kept, width), block.attention_norm)  # [B, Nq, F]
            stream = _layer_norm(stream + core.mlp(stream), block.mlp_norm)  # [B, Nq, F]
        attended_memory = stream  # [B, N, F]: M̃, the input row already left out
        if gates is not None:
            from_memory = F.linear(
                torch.tanh(memory), gates.memory_to_gates.weight, gates.memory_to_gates.bias
            )  # [B, N, 2G]
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
