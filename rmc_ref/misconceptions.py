"""The misconception bank: one entry per mistake a learner really makes in the exercises.

Each entry is data: the exercise it belongs to, a short name, the teaching message and the wrong
function *as a learner would write it* (source text, compiled by ``rmc_ref.checks`` with ``torch``,
``F`` (torch.nn.functional), ``nn`` and ``math`` in scope). When a check finds a learner's result
wrong, it runs the entries of that exercise on the same inputs; if one gives the learner's result,
the feedback names it. ``tests/test_misconceptions.py`` feeds every entry to its exercise's check
and asserts that it fails with its own name.

Only ``rmc_ref.checks`` (and the tests) import this module.
"""

from __future__ import annotations

import dataclasses
import math
import types
from typing import Callable

import torch
import torch.nn.functional as F
from torch import nn


@dataclasses.dataclass(frozen=True)
class Misconception:
    """One known-wrong version of an exercise's function: the mistake a learner really makes."""

    key: str  # short id, e.g. "softmax-query-axis"
    exercise: str  # "1.1"
    name: str  # named in the feedback
    message: str  # what to do instead
    source: str  # the wrong function, as a learner would write it

    @property
    def function(self) -> Callable:
        """The wrong function, compiled once (file name ``<misconception KEY>``, not rmc_ref's)."""
        if self.key not in _COMPILED:
            namespace = {"torch": torch, "F": F, "nn": nn, "math": math}
            names = set(namespace)
            exec(compile(self.source, f"<misconception {self.key}>", "exec"), namespace)
            functions = [v for k, v in namespace.items()
                         if isinstance(v, types.FunctionType) and k not in names]
            _COMPILED[self.key] = functions[-1]  # the last def is the exercise's function
        return _COMPILED[self.key]


_COMPILED: dict[str, Callable] = {}

MISCONCEPTIONS: list[Misconception] = [
    # ---------------------------------------------------------------- 1.1 scaled dot-product
    Misconception(
        "softmax-query-axis", "1.1", "softmax over the query axis",
        "your weights sum to 1 over the queries: take the softmax over the key axis, dim=-1, so "
        "that each query's weights over the keys sum to 1.",
        """
def scaled_dot_product_attention(query, key, value):
    scores = query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1])
    weights = torch.softmax(scores, dim=-2)
    return weights @ value, weights
"""),
    Misconception(
        "no-sqrt-dk", "1.1", "no 1/sqrt(d_k) scaling",
        "the scores must be divided by sqrt(d_k), the square root of the key width "
        "(query.shape[-1]); without it large dot products saturate the softmax.",
        """
def scaled_dot_product_attention(query, key, value):
    weights = torch.softmax(query @ key.transpose(-1, -2), dim=-1)
    return weights @ value, weights
"""),
    Misconception(
        "divide-by-dk", "1.1", "divided by d_k instead of sqrt(d_k)",
        "scale the scores by 1/sqrt(d_k), not 1/d_k.",
        """
def scaled_dot_product_attention(query, key, value):
    weights = torch.softmax(query @ key.transpose(-1, -2) / query.shape[-1], dim=-1)
    return weights @ value, weights
"""),
    Misconception(
        "sqrt-dv", "1.1", "scaled by the value width",
        "the scale is 1/sqrt(d_k) with d_k the width of the queries and keys, not of the values.",
        """
def scaled_dot_product_attention(query, key, value):
    scores = query @ key.transpose(-1, -2) / math.sqrt(value.shape[-1])
    weights = torch.softmax(scores, dim=-1)
    return weights @ value, weights
"""),
    Misconception(
        "scores-returned", "1.1", "scores returned instead of weights",
        "return the weights *after* the softmax (they are what multiplies the values).",
        """
def scaled_dot_product_attention(query, key, value):
    scores = query @ key.transpose(-1, -2) / math.sqrt(query.shape[-1])
    return torch.softmax(scores, dim=-1) @ value, scores
"""),
    # ---------------------------------------------------------------- 1.2 split heads
    Misconception(
        "split-qkv-before-heads", "1.2", "heads split in the wrong order",
        "the projection is laid out per head, [q | k | v] for head 0, then for head 1, ...: "
        "first view it as [B, N, H, 2*d_k + d_v] and move the head axis forward, then split each "
        "head's features into q, k and v.",
        """
def split_heads(attention, rows):
    batch, n_rows, _ = rows.shape
    H, dk, dv = attention.num_heads, attention.key_size, attention.head_size
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    q, k, v = qkv.split([H * dk, H * dk, H * dv], dim=-1)
    q = q.view(batch, n_rows, H, dk).transpose(1, 2)
    k = k.view(batch, n_rows, H, dk).transpose(1, 2)
    v = v.view(batch, n_rows, H, dv).transpose(1, 2)
    return q, k, v
"""),
    Misconception(
        "split-heads-no-transpose", "1.2", "heads split by reshaping without moving the head axis",
        "view the projection as [B, N, H, features] and then transpose(1, 2) to [B, H, N, "
        "features]; reshaping straight to [B, H, N, ...] mixes rows and heads.",
        """
def split_heads(attention, rows):
    batch, n_rows, _ = rows.shape
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    qkv = qkv.reshape(batch, attention.num_heads, n_rows, -1)
    return qkv.split([attention.key_size, attention.key_size, attention.head_size], dim=-1)
"""),
    Misconception(
        "no-qkv-layernorm", "1.2", "LayerNorm on the projection missing",
        "as in Sonnet, the q|k|v projection goes through attention.qkv_layer_norm before it is "
        "split.",
        """
def split_heads(attention, rows):
    batch, n_rows, _ = rows.shape
    qkv = attention.qkv_projection(rows)
    qkv = qkv.view(batch, n_rows, attention.num_heads, -1).transpose(1, 2)
    return qkv.split([attention.key_size, attention.key_size, attention.head_size], dim=-1)
"""),
    # ---------------------------------------------------------------- 1.3 merge heads
    Misconception(
        "merge-no-transpose", "1.3", "heads merged in the wrong order",
        "move the head axis next to the features first, attended.transpose(1, 2) -> [B, N, H, d_v], "
        "then reshape to [B, N, H*d_v]; reshaping [B, H, N, d_v] directly mixes rows of "
        "different heads.",
        """
def merge_heads(attended):
    batch, heads, n_rows, head_size = attended.shape
    return attended.reshape(batch, n_rows, heads * head_size)
"""),
    Misconception(
        "merge-features-major", "1.3", "heads interleaved feature by feature",
        "each head's d_v features stay together: [head 0's d_v | head 1's d_v | ...], so the "
        "order before the reshape is [B, N, H, d_v], not [B, N, d_v, H].",
        """
def merge_heads(attended):
    batch, heads, n_rows, head_size = attended.shape
    return attended.permute(0, 2, 3, 1).reshape(batch, n_rows, heads * head_size)
"""),
    # ---------------------------------------------------------------- 1.4 multi-head forward
    Misconception(
        "mha-merge-no-transpose", "1.4", "heads merged in the wrong order",
        "merge the heads with your merge_heads (transpose(1, 2) before the reshape), not by "
        "reshaping [B, H, N, d_v] directly.",
        """
def multi_head_attention(attention, rows):
    batch, n_rows, _ = rows.shape
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    qkv = qkv.view(batch, n_rows, attention.num_heads, -1).transpose(1, 2)
    q, k, v = qkv.split([attention.key_size, attention.key_size, attention.head_size], dim=-1)
    weights = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(attention.key_size), dim=-1)
    attended = weights @ v
    return attended.reshape(batch, n_rows, -1), weights
"""),
    Misconception(
        "mha-weights-averaged", "1.4", "weights averaged over the heads",
        "return the weights of every head, [B, H, N, N]; each head attends in its own way.",
        """
def multi_head_attention(attention, rows):
    batch, n_rows, _ = rows.shape
    qkv = attention.qkv_layer_norm(attention.qkv_projection(rows))
    qkv = qkv.view(batch, n_rows, attention.num_heads, -1).transpose(1, 2)
    q, k, v = qkv.split([attention.key_size, attention.key_size, attention.head_size], dim=-1)
    weights = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(attention.key_size), dim=-1)
    attended = (weights @ v).transpose(1, 2).reshape(batch, n_rows, -1)
    return attended, weights.mean(dim=1)
"""),
    # ---------------------------------------------------------------- 2.1 initial memory
    Misconception(
        "memory-starts-at-zero", "2.1", "memory starts at zero",
        "the initial memory is the identity, eye(N) padded with zero columns up to F (or cut to F "
        "columns), so that every slot starts out different from the others.",
        """
def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    return torch.zeros(batch_size, mem_slots, mem_size, dtype=dtype, device=device)
"""),
    Misconception(
        "identity-not-padded", "2.1", "identity not padded to the memory width",
        "eye(N) is N x N; pad it with zero columns up to mem_size (or keep its first mem_size "
        "columns when N > F), so every slot is mem_size wide.",
        """
def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, dtype=dtype, device=device)
    return eye.unsqueeze(0).repeat(batch_size, 1, 1)
"""),
    Misconception(
        "memory-shared-storage", "2.1", "batch elements share one storage",
        "expand() makes a view with stride 0, so all batch elements are one tensor: copy it "
        "(.clone() or .repeat()) so each batch element owns its memory.",
        """
def initial_memory(batch_size, mem_slots, mem_size, *, dtype=None, device=None):
    eye = torch.eye(mem_slots, mem_size, dtype=dtype, device=device)
    return eye.unsqueeze(0).expand(batch_size, -1, -1)
"""),
    # ---------------------------------------------------------------- 2.2 input projection
    Misconception(
        "projection-without-bias", "2.2", "projection without its bias",
        "the input projection is a full Linear layer, x̂ = W x_t + b: use projection.linear "
        "(or add projection.linear.bias).",
        """
def project_input(projection, inputs):
    return inputs @ projection.linear.weight.T
"""),
    # ---------------------------------------------------------------- 2.3 append the input row
    Misconception(
        "tiled-instead-of-appended", "2.3", "input tiled instead of appended",
        "you put x̂ next to every slot (that is tile_input, [B, N, 2F]); in the paper the input is "
        "one extra *row* of the memory: torch.cat([memory, x̂.unsqueeze(1)], dim=1) -> [B, N+1, F].",
        """
def append_input_row(memory, projected_input):
    tiled = projected_input.unsqueeze(1).expand(-1, memory.shape[1], -1)
    return torch.cat([memory, tiled], dim=-1)
"""),
    Misconception(
        "input-row-first", "2.3", "input row put first",
        "append x̂ *after* the N memory rows, so the memory keeps rows 0..N-1 and the input is row "
        "N, the row that is dropped after attention.",
        """
def append_input_row(memory, projected_input):
    return torch.cat([projected_input.unsqueeze(1), memory], dim=1)
"""),
    # ---------------------------------------------------------------- 2.4 tile the input
    Misconception(
        "appended-instead-of-tiled", "2.4", "input appended as a row instead of tiled",
        "tile_input puts x̂ next to *every* slot along the feature axis, [B, N, 2F]; appending it "
        "as a row is append_input_row.",
        """
def tile_input(memory, projected_input):
    return torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
"""),
    Misconception(
        "input-before-memory", "2.4", "input features before the memory features",
        "each tiled row is [memory slot | x̂]: the slot's own F features first, then x̂.",
        """
def tile_input(memory, projected_input):
    tiled = projected_input.unsqueeze(1).expand(-1, memory.shape[1], -1)
    return torch.cat([tiled, memory], dim=-1)
"""),
    # ---------------------------------------------------------------- 3.1 create the gates
    Misconception(
        "gates-tanh-missing", "3.1", "tanh missing on the memory in the gates",
        "the memory enters the gates squashed: gates.memory_to_gates(torch.tanh(memory)).",
        """
def create_gates(gates, projected_input, memory):
    both = gates.memory_to_gates(memory) + gates.input_to_gates(projected_input).unsqueeze(1)
    input_gate, forget_gate = both.split(gates.gate_size, dim=-1)
    return (torch.sigmoid(input_gate + gates.input_bias),
            torch.sigmoid(forget_gate + gates.forget_bias))
"""),
    Misconception(
        "forget-bias-missing", "3.1", "forget bias missing",
        "add the constant gates.forget_bias inside the forget gate's sigmoid, "
        "σ(f + forget_bias): it makes the memory keep its content early in training.",
        """
def create_gates(gates, projected_input, memory):
    both = gates.memory_to_gates(torch.tanh(memory)) + gates.input_to_gates(projected_input).unsqueeze(1)
    input_gate, forget_gate = both.split(gates.gate_size, dim=-1)
    return torch.sigmoid(input_gate + gates.input_bias), torch.sigmoid(forget_gate)
"""),
    Misconception(
        "input-bias-missing", "3.1", "input bias missing",
        "add the constant gates.input_bias inside the input gate's sigmoid, σ(i + input_bias).",
        """
def create_gates(gates, projected_input, memory):
    both = gates.memory_to_gates(torch.tanh(memory)) + gates.input_to_gates(projected_input).unsqueeze(1)
    input_gate, forget_gate = both.split(gates.gate_size, dim=-1)
    return torch.sigmoid(input_gate), torch.sigmoid(forget_gate + gates.forget_bias)
"""),
    Misconception(
        "gate-biases-swapped", "3.1", "forget and input biases swapped",
        "forget_bias goes with the forget gate and input_bias with the input gate.",
        """
def create_gates(gates, projected_input, memory):
    both = gates.memory_to_gates(torch.tanh(memory)) + gates.input_to_gates(projected_input).unsqueeze(1)
    input_gate, forget_gate = both.split(gates.gate_size, dim=-1)
    return (torch.sigmoid(input_gate + gates.forget_bias),
            torch.sigmoid(forget_gate + gates.input_bias))
"""),
    Misconception(
        "gate-halves-swapped", "3.1", "input and forget halves swapped",
        "the first gate_size features are the input gate, the next gate_size the forget gate.",
        """
def create_gates(gates, projected_input, memory):
    both = gates.memory_to_gates(torch.tanh(memory)) + gates.input_to_gates(projected_input).unsqueeze(1)
    forget_gate, input_gate = both.split(gates.gate_size, dim=-1)
    return (torch.sigmoid(input_gate + gates.input_bias),
            torch.sigmoid(forget_gate + gates.forget_bias))
"""),
    Misconception(
        "gates-ignore-memory", "3.1", "gates computed from the input only",
        "the gates look at both the input and the memory: add gates.memory_to_gates(tanh(memory)) "
        "to the input's term (broadcast over the N slots).",
        """
def create_gates(gates, projected_input, memory):
    both = gates.input_to_gates(projected_input).unsqueeze(1).expand(-1, memory.shape[1], -1)
    input_gate, forget_gate = both.split(gates.gate_size, dim=-1)
    return (torch.sigmoid(input_gate + gates.input_bias),
            torch.sigmoid(forget_gate + gates.forget_bias))
"""),
    # ---------------------------------------------------------------- 3.2 apply the gates
    Misconception(
        "new-memory-tanh-missing", "3.2", "tanh missing on the attended memory",
        "M' = i ⊙ tanh(M̃) + f ⊙ M: the new content is squashed by tanh, the old memory is not.",
        """
def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * attended_memory + forget_gate * memory
"""),
    Misconception(
        "gates-swapped", "3.2", "input and forget gates swapped",
        "the input gate scales the new content tanh(M̃), the forget gate the old memory M.",
        """
def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return forget_gate * torch.tanh(attended_memory) + input_gate * memory
"""),
    Misconception(
        "tanh-on-old-memory", "3.2", "tanh on the old memory too",
        "only the new content goes through tanh; the forget gate scales the old memory M as it is.",
        """
def apply_gates(attended_memory, memory, input_gate, forget_gate):
    return input_gate * torch.tanh(attended_memory) + forget_gate * torch.tanh(memory)
"""),
    # ---------------------------------------------------------------- 4.x core, 5.x N-th Farthest
    Misconception(
        'layernorm-before-residual', '4.1', 'LayerNorm before the residual',
        'the RMC normalises *after* adding: M̂ = LayerNorm(M̂ + attention(M̂)), then M̂ = LayerNorm(M̂ + MLP(M̂)) (post-norm, as in the paper and Sonnet), not M̂ + attention(LayerNorm(M̂)).',
        """
def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(block.attention_norm(stream))
        stream = stream + attended
        stream = stream + core.mlp(block.mlp_norm(stream))
        all_weights.append(weights)
    return stream[:, :memory.shape[1]], torch.stack(all_weights, dim=1)
"""),
    Misconception(
        'layernorm-on-branch', '4.1', 'LayerNorm on the attention output before the residual',
        'add first, then normalise: LayerNorm(M̂ + A), not M̂ + LayerNorm(A).',
        """
def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = stream + block.attention_norm(attended)
        stream = stream + block.mlp_norm(core.mlp(stream))
        all_weights.append(weights)
    return stream[:, :memory.shape[1]], torch.stack(all_weights, dim=1)
"""),
    Misconception(
        'attention-discarded', '4.1', 'attention result computed and then discarded',
        "the block's MLP must work on the memory *after* attention: keep stream = LayerNorm(stream + attended) and feed that to the MLP (the course seed computed it and carried on with the old memory).",
        """
def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        attended_stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream[:, :memory.shape[1]], torch.stack(all_weights, dim=1)
"""),
    Misconception(
        'input-row-not-dropped', '4.1', 'input row not dropped',
        'after the blocks, keep only the first N rows, stream[:, :N]: the input row was there to be read, it is not a memory slot.',
        """
def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream, torch.stack(all_weights, dim=1)
"""),
    Misconception(
        'input-never-attended', '4.1', 'input never attended',
        "append the projected input as an extra row before the blocks, so the slots can attend to it (the seed's memory attended only to itself).",
        """
def attend_over_memory(core, memory, projected_input):
    stream = memory
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream[:, :memory.shape[1]], torch.stack(all_weights, dim=1)
"""),
    Misconception(
        'one-block-only', '4.1', 'num_blocks ignored',
        'run every block of core.blocks in turn, not just the first.',
        """
def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks[:1]:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream + core.mlp(stream))
        all_weights.append(weights)
    return stream[:, :memory.shape[1]], torch.stack(all_weights, dim=1)
"""),
    Misconception(
        'no-mlp', '4.1', 'MLP missing',
        'each block is attention + residual + LayerNorm, then core.mlp + residual + LayerNorm (block.mlp_norm).',
        """
def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(stream)
        all_weights.append(weights)
    return stream[:, :memory.shape[1]], torch.stack(all_weights, dim=1)
"""),
    Misconception(
        'mlp-without-residual', '4.1', 'MLP without its residual connection',
        "the MLP's output is added to its input before the LayerNorm: LayerNorm(M̂ + MLP(M̂)).",
        """
def attend_over_memory(core, memory, projected_input):
    stream = torch.cat([memory, projected_input.unsqueeze(1)], dim=1)
    all_weights = []
    for block in core.blocks:
        attended, weights = block.attention(stream)
        stream = block.attention_norm(stream + attended)
        stream = block.mlp_norm(core.mlp(stream))
        all_weights.append(weights)
    return stream[:, :memory.shape[1]], torch.stack(all_weights, dim=1)
"""),
    Misconception(
        'gates-from-new-memory', '4.2', 'gates from the new memory instead of the previous',
        'the gates decide how much of the *previous* memory to keep, so they look at the memory before this step: core.gates(x̂, state), not core.gates(x̂, M̃).',
        """
def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = core.attend_over_memory(state, projected)
    input_gate, forget_gate = core.gates(projected, attended)
    next_memory = input_gate * torch.tanh(attended) + forget_gate * state
    return next_memory.reshape(state.shape[0], -1), next_memory
"""),
    Misconception(
        'step-attention-discarded', '4.2', 'attention result computed and then discarded',
        "M' = i ⊙ tanh(M̃) + f ⊙ M uses the attended memory M̃ for the new content; with the old memory in both places attention changes nothing.",
        """
def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = core.attend_over_memory(state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_memory = input_gate * torch.tanh(state) + forget_gate * state
    return next_memory.reshape(state.shape[0], -1), next_memory
"""),
    Misconception(
        'no-gating', '4.2', 'gates not applied',
        "with gate_style 'unit' or 'memory' the next memory is i ⊙ tanh(M̃) + f ⊙ M, not M̃ itself.",
        """
def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = core.attend_over_memory(state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_memory = attended
    return next_memory.reshape(state.shape[0], -1), next_memory
"""),
    Misconception(
        'output-before-gating', '4.2', 'output taken before the gates',
        "the step's output is the *next* memory M' flattened to [B, N*F], after the gates.",
        """
def rmc_step(core, inputs, state):
    projected = core.input_projection(inputs)
    attended, _ = core.attend_over_memory(state, projected)
    input_gate, forget_gate = core.gates(projected, state)
    next_memory = input_gate * torch.tanh(attended) + forget_gate * state
    return attended.reshape(state.shape[0], -1), next_memory
"""),
    Misconception(
        'state-not-carried', '4.3', 'state not carried from step to step',
        'feed each step the state returned by the previous one: output, state = rmc_step(core, x_t, state).',
        """
def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, new_state = core(inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), new_state
"""),
    Misconception(
        'zeros-initial-state', '4.3', 'initial state of zeros',
        'when no state is given, start from core.initial_state(batch_size), the identity-padded memory, not zeros.',
        """
def unroll(core, inputs, state=None):
    if state is None:
        state = torch.zeros(inputs.shape[0], core.mem_slots, core.mem_size, dtype=inputs.dtype)
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = core(inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=1), state
"""),
    Misconception(
        'time-axis-first', '4.3', 'outputs stacked along the wrong axis',
        'stack the outputs along dim=1 so they are [B, T, N*F], batch first like the input.',
        """
def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = core(inputs[:, t], state)
        outputs.append(output)
    return torch.stack(outputs, dim=0), state
"""),
    Misconception(
        'last-output-only', '4.3', 'only the last output returned',
        'return the outputs of every step, [B, T, N*F], not just the last one.',
        """
def unroll(core, inputs, state=None):
    if state is None:
        state = core.initial_state(inputs.shape[0])
    outputs = []
    for t in range(inputs.shape[1]):
        output, state = core(inputs[:, t], state)
        outputs.append(output)
    return output, state
"""),
    Misconception(
        'ranks-from-nearest', '5.1', 'ranks counted from the nearest',
        'rank k means the (k+1)-th *farthest*: sort the distances in descending order (k = 0 is the farthest object, the last rank is m itself).',
        """
def nth_farthest_labels(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    position_of_m = (object_ids == m[:, None]).long().argmax(dim=1)
    reference = vectors[batch, position_of_m]
    distances = (vectors - reference[:, None, :]).norm(dim=-1)
    ranked_positions = distances.argsort(dim=1, descending=False)
    return object_ids[batch, ranked_positions[batch, n]]
"""),
    Misconception(
        'position-not-id', '5.1', 'position in the sequence instead of the object id',
        "the label is the answer's object *id* (its one-hot id column), not the time step at which it was shown.",
        """
def nth_farthest_labels(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    position_of_m = (object_ids == m[:, None]).long().argmax(dim=1)
    reference = vectors[batch, position_of_m]
    distances = (vectors - reference[:, None, :]).norm(dim=-1)
    ranked_positions = distances.argsort(dim=1, descending=True)
    return ranked_positions[batch, n]
"""),
    Misconception(
        'm-as-position', '5.1', 'reference object taken by position',
        "m is an object *id*: find the time step whose id column says m, and measure distances from that object's vector.",
        """
def nth_farthest_labels(task, inputs):
    vectors, object_ids, m, n = task.decode(inputs)
    batch = torch.arange(inputs.shape[0])
    position_of_m = (object_ids == m[:, None]).long().argmax(dim=1)
    reference = vectors[batch, m]
    distances = (vectors - reference[:, None, :]).norm(dim=-1)
    ranked_positions = distances.argsort(dim=1, descending=True)
    return object_ids[batch, ranked_positions[batch, n]]
"""),
    Misconception(
        'no-zero-grad', '5.2', 'gradients never zeroed',
        'call optimizer.zero_grad() before loss.backward(): PyTorch adds new gradients to the old ones, so without it every step uses the sum of all past gradients.',
        """
def train_step(model, optimizer, inputs, labels):
    loss = F.cross_entropy(model(inputs), labels)
    loss.backward()
    optimizer.step()
    return loss.item()
"""),
    Misconception(
        'zero-grad-after-backward', '5.2', 'gradients zeroed after backward',
        'the order is zero_grad(), backward(), step(): zeroing between backward() and step() throws the new gradients away.',
        """
def train_step(model, optimizer, inputs, labels):
    loss = F.cross_entropy(model(inputs), labels)
    loss.backward()
    optimizer.zero_grad()
    optimizer.step()
    return loss.item()
"""),
    Misconception(
        'no-optimizer-step', '5.2', 'optimizer step missing',
        'backward() only computes gradients; optimizer.step() changes the parameters.',
        """
def train_step(model, optimizer, inputs, labels):
    loss = F.cross_entropy(model(inputs), labels)
    optimizer.zero_grad()
    loss.backward()
    return loss.item()
"""),
    Misconception(
        'softmax-before-cross-entropy', '5.2', 'softmax applied before cross_entropy',
        'F.cross_entropy takes the raw logits and applies log-softmax itself; a softmax before it squashes the loss and its gradients.',
        """
def train_step(model, optimizer, inputs, labels):
    loss = F.cross_entropy(torch.softmax(model(inputs), dim=-1), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()
"""),
]
