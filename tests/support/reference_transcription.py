"""An independent, equation-by-equation transcription of the Relational Memory Core step.

Written from the course's paper notes ("One step", steps 1-6 of Santoro et al. 2018 as built by
DeepMind Sonnet v1's ``RelationalMemory``), *not* from ``rmc_ref``'s code: plain functional torch
ops (``F.linear``, ``F.layer_norm``, ``softmax``, ``sigmoid``, ``tanh``) applied to a dict of
named weight tensors. Heads are handled with an explicit Python loop over head indices and a
concatenation, so a wrong transpose or reshape in the package cannot be mirrored here.

``weights_from_module`` is the *only* place that knows ``rmc_ref``'s parameter names; everything
else reads the flat dict with the names below:

    input.w [F, input_size], input.b [F]                         step 1: x̂ = W x + b
    block{i}.qkv.w [H(2dk+dv), F or 2F], block{i}.qkv.b          step 3: qkv projection of block i
    block{i}.qkv_ln.w, block{i}.qkv_ln.b [H(2dk+dv)]             LayerNorm on that projection
    block{i}.att_ln.w, block{i}.att_ln.b [F]                     LayerNorm after attention residual
    block{i}.mlp_ln.w, block{i}.mlp_ln.b [F]                     LayerNorm after MLP residual
    mlp{j}.w [F, F], mlp{j}.b [F]                                the MLP, shared by every block
    gate_input.w [2G, F], gate_input.b [2G]                      step 5: W_x x̂
    gate_memory.w [2G, F], gate_memory.b [2G]                    step 5: W_m tanh(M)

and a config dict (built by ``config`` from the constructor's arguments, not read from the module)
with num_heads, key_size, head_size, num_blocks, mlp_layers, gate_style, forget_bias,
input_bias, input_mode.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

LAYER_NORM_EPS = 1e-5  # Sonnet v1 LayerNorm and torch.nn.LayerNorm both default to 1e-5


# --------------------------------------------------------------------------------------------
# Initial memory
# --------------------------------------------------------------------------------------------
def initial_memory(batch_size: int, mem_slots: int, mem_size: int, dtype=torch.float64) -> torch.Tensor:
    """eye(N) padded with zero columns up to F, or truncated to its first F columns when N > F."""
    rows = []
    for slot in range(mem_slots):
        row = [1.0 if column == slot else 0.0 for column in range(mem_size)]
        rows.append(row)
    one = torch.tensor(rows, dtype=dtype)  # [N, F]
    return torch.stack([one.clone() for _ in range(batch_size)])  # [B, N, F]


# --------------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------------
def _layer_norm(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return F.layer_norm(x, (x.shape[-1],), w, b, LAYER_NORM_EPS)


def multi_head_attention(weights: dict, block: int, qkv_rows: torch.Tensor, cfg: dict):
    """Sonnet's multi-head attention of block ``block``.

    qkv_rows [B, R, D] -> (attended [B, R, H*dv], attention weights [B, H, R, R]).

    qkv = LayerNorm(Linear(rows)) has H*(2dk+dv) features; feature block h (of width 2dk+dv)
    belongs to head h and is laid out [q | k | v].
    """
    H, dk, dv = cfg["num_heads"], cfg["key_size"], cfg["head_size"]
    per_head = 2 * dk + dv
    qkv = F.linear(qkv_rows, weights[f"block{block}.qkv.w"], weights[f"block{block}.qkv.b"])
    qkv = _layer_norm(qkv, weights[f"block{block}.qkv_ln.w"], weights[f"block{block}.qkv_ln.b"])
    head_outputs, head_weights = [], []
    for h in range(H):
        chunk = qkv[..., h * per_head : (h + 1) * per_head]  # [B, R, 2dk+dv]
        q = chunk[..., :dk]
        k = chunk[..., dk : 2 * dk]
        v = chunk[..., 2 * dk :]
        q = q * dk**-0.5
        logits = torch.einsum("brd,bsd->brs", q, k)  # [B, R(queries), R(keys)]
        attention = torch.softmax(logits, dim=-1)  # normalised over keys
        head_outputs.append(torch.einsum("brs,bsd->brd", attention, v))  # [B, R, dv]
        head_weights.append(attention)
    attended = torch.cat(head_outputs, dim=-1)  # heads merged back: [B, R, H*dv], head-major
    return attended, torch.stack(head_weights, dim=1)  # [B, R, F], [B, H, R, R]


def mlp(weights: dict, x: torch.Tensor, cfg: dict) -> torch.Tensor:
    """attention_mlp_layers Linear(F->F) layers, ReLU between them, none after the last."""
    layers = cfg["mlp_layers"]
    assert f"mlp{layers}.w" not in weights, "the weights hold more MLP layers than the config says"
    for j in range(layers):
        x = F.linear(x, weights[f"mlp{j}.w"], weights[f"mlp{j}.b"])
        if j < layers - 1:
            x = torch.relu(x)
    return x


def gates(weights: dict, x_hat: torch.Tensor, memory: torch.Tensor, cfg: dict):
    """g = Linear(x̂)[:, None] + Linear(tanh(M)); [i | f] split; constant biases inside σ."""
    from_input = F.linear(x_hat, weights["gate_input.w"], weights["gate_input.b"])  # [B, 2G]
    from_memory = F.linear(torch.tanh(memory), weights["gate_memory.w"], weights["gate_memory.b"])
    g = from_input[:, None, :] + from_memory  # [B, N, 2G]
    G = g.shape[-1] // 2
    expected_G = memory.shape[-1] if cfg["gate_style"] == "unit" else 1
    assert G == expected_G, f"gate width {G}, expected {expected_G} for {cfg['gate_style']!r}"
    i = torch.sigmoid(g[..., :G] + cfg["input_bias"])
    f = torch.sigmoid(g[..., G:] + cfg["forget_bias"])
    return i, f


# --------------------------------------------------------------------------------------------
# One step, both input modes
# --------------------------------------------------------------------------------------------
def step(weights: dict, cfg: dict, x_t: torch.Tensor, memory: torch.Tensor):
    """(x_t [B, input_size], M [B, N, F]) -> (output [B, N*F], M' [B, N, F], attn [B, blocks, H, R, R])."""
    N = memory.shape[1]
    # 1. flatten and project the input
    x_hat = F.linear(x_t.reshape(x_t.shape[0], -1), weights["input.w"], weights["input.b"])  # [B, F]
    all_attention = []
    if cfg["input_mode"] == "row":
        # 2. append x̂ as one extra row
        m_hat = torch.cat([memory, x_hat[:, None, :]], dim=1)  # [B, N+1, F]
        # 3. num_blocks x (attention + residual + LN, shared MLP + residual + LN)
        for i in range(cfg["num_blocks"]):
            attended, attention = multi_head_attention(weights, i, m_hat, cfg)
            all_attention.append(attention)
            m_hat = _layer_norm(m_hat + attended, weights[f"block{i}.att_ln.w"], weights[f"block{i}.att_ln.b"])
            m_hat = _layer_norm(
                m_hat + mlp(weights, m_hat, cfg), weights[f"block{i}.mlp_ln.w"], weights[f"block{i}.mlp_ln.b"]
            )
        # 4. drop the input row (it is the last one)
        m_tilde = m_hat[:, :N]
    elif cfg["input_mode"] == "tile":
        m_tilde = tile_attend(weights, cfg, x_hat, memory, all_attention)
    else:
        raise ValueError(cfg["input_mode"])
    # 5. gates
    if cfg["gate_style"] is None:
        new_memory = m_tilde
    else:
        i, f = gates(weights, x_hat, memory, cfg)
        new_memory = i * torch.tanh(m_tilde) + f * memory
    # 6. output
    output = new_memory.reshape(new_memory.shape[0], -1)  # [B, N*F], slot-major
    return output, new_memory, torch.stack(all_attention, dim=1)


def tile_attend(weights: dict, cfg: dict, x_hat: torch.Tensor, memory: torch.Tensor, all_attention: list):
    """The seed's 'tile' mode as documented in rmc_ref/memory.py.

    The residual stream stays [B, N, F]. In every block, the rows fed to the q/k/v projection are
    each slot concatenated with x̂ along the feature axis, [m_n | x̂] (2F wide); attention runs
    over the N slots only, its output (F wide) is added to the stream; then the shared MLP.
    """
    stream = memory
    N = memory.shape[1]
    for i in range(cfg["num_blocks"]):
        tiled = torch.cat([stream, torch.stack([x_hat] * N, dim=1)], dim=-1)  # [B, N, 2F]
        attended, attention = multi_head_attention(weights, i, tiled, cfg)
        all_attention.append(attention)
        stream = _layer_norm(stream + attended, weights[f"block{i}.att_ln.w"], weights[f"block{i}.att_ln.b"])
        stream = _layer_norm(
            stream + mlp(weights, stream, cfg), weights[f"block{i}.mlp_ln.w"], weights[f"block{i}.mlp_ln.b"]
        )
    return stream


def unroll(weights: dict, cfg: dict, x: torch.Tensor, memory: torch.Tensor):
    """x [B, T, input_size] -> (outputs [B, T, N*F], final memory, attention [B, T, blocks, H, R, R])."""
    outputs, attentions = [], []
    for t in range(x.shape[1]):
        output, memory, attention = step(weights, cfg, x[:, t], memory)
        outputs.append(output)
        attentions.append(attention)
    return torch.stack(outputs, dim=1), memory, torch.stack(attentions, dim=1)


# --------------------------------------------------------------------------------------------
# The one place that knows rmc_ref's parameter names
# --------------------------------------------------------------------------------------------
def weights_from_module(core) -> dict:
    """Read a ``rmc_ref.RelationalMemory``'s parameters into the transcription's weights dict."""
    params = dict(core.named_parameters())
    weights = {
        "input.w": params.pop("input_projection.linear.weight"),
        "input.b": params.pop("input_projection.linear.bias"),
    }
    num_blocks = len({name.split(".")[1] for name in params if name.startswith("blocks.")})
    for i in range(num_blocks):
        for ours, theirs in [
            ("qkv", "attention.qkv_projection"),
            ("qkv_ln", "attention.qkv_layer_norm"),
            ("att_ln", "attention_norm"),
            ("mlp_ln", "mlp_norm"),
        ]:
            weights[f"block{i}.{ours}.w"] = params.pop(f"blocks.{i}.{theirs}.weight")
            weights[f"block{i}.{ours}.b"] = params.pop(f"blocks.{i}.{theirs}.bias")
    mlp_indices = sorted({int(name.split(".")[1]) for name in params if name.startswith("mlp.")})
    for j, index in enumerate(mlp_indices):
        weights[f"mlp{j}.w"] = params.pop(f"mlp.{index}.weight")
        weights[f"mlp{j}.b"] = params.pop(f"mlp.{index}.bias")
    if "gates.input_to_gates.weight" in params:
        weights["gate_input.w"] = params.pop("gates.input_to_gates.weight")
        weights["gate_input.b"] = params.pop("gates.input_to_gates.bias")
        weights["gate_memory.w"] = params.pop("gates.memory_to_gates.weight")
        weights["gate_memory.b"] = params.pop("gates.memory_to_gates.bias")
    assert not params, f"parameters the transcription does not know about: {sorted(params)}"
    return weights


def config(
    input_size: int,
    mem_slots: int,
    head_size: int,
    num_heads: int = 1,
    num_blocks: int = 1,
    forget_bias: float = 1.0,
    input_bias: float = 0.0,
    gate_style="unit",
    attention_mlp_layers: int = 2,
    key_size=None,
    input_mode: str = "row",
) -> dict:
    """The transcription's config from ``RelationalMemory``'s constructor arguments, with the
    paper notes' defaults (Sonnet names): key_size defaults to head_size, forget_bias 1, input_bias 0."""
    return dict(
        num_heads=num_heads,
        key_size=head_size if key_size is None else key_size,
        head_size=head_size,
        num_blocks=num_blocks,
        mlp_layers=attention_mlp_layers,
        gate_style=gate_style,
        forget_bias=float(forget_bias),
        input_bias=float(input_bias),
        input_mode=input_mode,
    )
