"""Parity tests of rmc_ref.attention against PyTorch's own attention implementations.

Dimensions are small and pairwise distinct (batch 2, heads 2, rows 3, d_k 4, d_v 5/6, inputs 7),
so a transposed axis cannot line up by accident. Everything runs in float64. Then the error
messages: shapes, dtypes and sizes named as tests/support/messages.py describes.
"""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F
from support.helpers import randn, randomise
from support.messages import assert_bad_size_named, assert_float32_refused, assert_shape_error
from torch.testing import assert_close

from rmc_ref import MultiHeadAttention, scaled_dot_product_attention

B, H, N, DK, DV, IN = 2, 2, 3, 4, 5, 7
F_MEM = H * DV  # the width of a memory row when in_features is not given
DTYPE = torch.float64


def _randn(*shape, seed: int) -> torch.Tensor:
    return randn(*shape, seed=seed, dtype=DTYPE)


def _randomise(module: torch.nn.Module, seed: int, scale: float = 0.5) -> torch.nn.Module:
    return randomise(module, seed, scale)


def _mha(num_heads=H, key_size=DK, head_size=DV, in_features=None, seed=0) -> MultiHeadAttention:
    torch.manual_seed(seed)
    module = MultiHeadAttention(num_heads, key_size, head_size, in_features=in_features).to(DTYPE)
    return _randomise(module, seed + 100)


# ----------------------------------------------------------------------------------------------
# scaled_dot_product_attention
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("d_k,d_v,n_q,n_k", [(4, 5, 3, 6), (5, 4, 6, 3), (4, 4, 1, 7)])
def test_sdpa_values_match_torch(d_k, d_v, n_q, n_k):
    q = _randn(B, H, n_q, d_k, seed=1)
    k = _randn(B, H, n_k, d_k, seed=2)
    v = _randn(B, H, n_k, d_v, seed=3)
    out, weights = scaled_dot_product_attention(q, k, v)
    assert out.shape == (B, H, n_q, d_v)
    assert weights.shape == (B, H, n_q, n_k)
    assert_close(out, F.scaled_dot_product_attention(q, k, v))


def test_sdpa_weights_match_torch_and_rows_sum_to_one():
    q = _randn(B, H, N, DK, seed=4) * 3.0  # large logits: a wrong scale or axis shows clearly
    k = _randn(B, H, N + 2, DK, seed=5) * 3.0
    v = _randn(B, H, N + 2, DV, seed=6)
    out, weights = scaled_dot_product_attention(q, k, v)
    # torch's attention with identity values returns the attention matrix itself
    identity_values = torch.eye(N + 2, dtype=DTYPE).expand(B, H, N + 2, N + 2)
    assert_close(weights, F.scaled_dot_product_attention(q, k, identity_values))
    assert_close(weights.sum(dim=-1), torch.ones(B, H, N, dtype=DTYPE))
    assert (weights >= 0).all()
    assert_close(out, weights @ v)
    # the d_k ** -0.5 scale, written out
    assert_close(weights, torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(DK), dim=-1))


def test_sdpa_works_without_head_axis():
    q, k, v = _randn(B, N, DK, seed=7), _randn(B, N + 1, DK, seed=8), _randn(B, N + 1, DV, seed=9)
    out, weights = scaled_dot_product_attention(q, k, v)
    assert_close(out, F.scaled_dot_product_attention(q, k, v))
    assert weights.shape == (B, N, N + 1)


def test_sdpa_shape_errors_name_expected_and_actual():
    q = _randn(B, H, N, DK, seed=1)
    with pytest.raises(ValueError) as info:
        scaled_dot_product_attention(q, _randn(B, H, N, DK + 1, seed=2), _randn(B, H, N, DV, seed=3))
    message = str(info.value)
    assert f"[{B}, {H}, Nk, {DK}]" in message and f"[{B}, {H}, {N}, {DK + 1}]" in message
    with pytest.raises(ValueError) as info:
        scaled_dot_product_attention(q, _randn(B, H, N, DK, seed=2), _randn(B, H, N + 1, DV, seed=3))
    message = str(info.value)
    assert f"[{B}, {H}, {N}, d_v]" in message and f"[{B}, {H}, {N + 1}, {DV}]" in message
    with pytest.raises(ValueError) as info:
        scaled_dot_product_attention(q, _randn(H, N, DK, seed=2), _randn(H, N, DV, seed=3))
    message = str(info.value)
    assert f"[{B}, {H}, {N}, {DK}]" in message and f"[{H}, {N}, {DK}]" in message


def test_sdpa_accepts_two_and_three_dim_inputs_with_nk_not_equal_to_dk():
    """The contract is ``[..., Nq, d_k]``: 2-D inputs are fine, and the value check must compare
    value rows with key rows (dim -2), which a 3-D key with Nk != d_k tells apart from dim 2."""
    n_q, n_k, d_v = 3, 6, 5
    for lead in [(), (B,)]:
        q = _randn(*lead, n_q, DK, seed=1)
        k = _randn(*lead, n_k, DK, seed=2)
        v = _randn(*lead, n_k, d_v, seed=3)
        out, weights = scaled_dot_product_attention(q, k, v)
        assert out.shape == (*lead, n_q, d_v) and weights.shape == (*lead, n_q, n_k)
        assert_close(out, F.scaled_dot_product_attention(q, k, v))
        assert_close(weights, torch.softmax(q @ k.transpose(-1, -2) / DK**0.5, dim=-1))


def test_sdpa_rank_mismatch_names_all_three_shapes():
    q = _randn(B, H, N, DK, seed=1)
    with pytest.raises(ValueError) as info:  # only the key has the wrong number of dims
        scaled_dot_product_attention(q, _randn(H, N, DK, seed=2), _randn(B, H, N, DV, seed=3))
    message = str(info.value)
    assert "same number of dims" in message
    assert f"[{B}, {H}, {N}, {DK}]" in message and f"[{H}, {N}, {DK}]" in message
    with pytest.raises(ValueError) as info:  # 1-D query, key and value: no row axis
        scaled_dot_product_attention(_randn(DK, seed=1), _randn(DK, seed=2), _randn(DK, seed=3))
    assert "same number of dims (>= 2)" in str(info.value)


def test_our_sdpa_returns_a_pair_and_says_how_it_differs_from_pytorch():
    """The name clash with torch.nn.functional.scaled_dot_product_attention: same output, plus the weights."""
    q, k, v = randn(B, H, N, 4, seed=0), randn(B, H, N + 1, 4, seed=1), randn(B, H, N + 1, DV, seed=2)
    out, weights = scaled_dot_product_attention(q, k, v)
    assert_close(out, F.scaled_dot_product_attention(q, k, v))
    assert weights.shape == (B, H, N, N + 1)
    doc = " ".join(scaled_dot_product_attention.__doc__.split())
    assert "torch.nn.functional.scaled_dot_product_attention" in doc and "returns only the output" in doc


# ----------------------------------------------------------------------------------------------
# MultiHeadAttention
# ----------------------------------------------------------------------------------------------
def test_split_heads_layout_is_per_head_q_k_v():
    """qkv = LayerNorm(Linear(rows)) viewed [B, N, H, 2dk+dv]; head h's chunk is [q | k | v]."""
    module = _mha(in_features=IN)
    rows = _randn(B, N, IN, seed=11)
    q, k, v = module.split_heads(rows)
    assert q.shape == (B, H, N, DK) and k.shape == (B, H, N, DK) and v.shape == (B, H, N, DV)
    projection = module.qkv_projection
    norm = module.qkv_layer_norm
    qkv = F.layer_norm(
        F.linear(rows, projection.weight, projection.bias), (H * (2 * DK + DV),), norm.weight, norm.bias, 1e-5
    )
    width = 2 * DK + DV
    for h in range(H):
        chunk = qkv[:, :, h * width : (h + 1) * width]  # [B, N, 2dk+dv]
        assert_close(q[:, h], chunk[..., :DK])
        assert_close(k[:, h], chunk[..., DK : 2 * DK])
        assert_close(v[:, h], chunk[..., 2 * DK :])


def _torch_mha_on(q, k, v):
    """nn.MultiheadAttention with identity in/out projections on our per-head q, k, v.

    torch's module scales by head_dim ** -0.5 with head_dim = embed_dim / H. When d_k < d_v we pad
    q and k with zero features up to d_v (dot products unchanged) and pre-multiply q by
    sqrt(d_v / d_k) so torch's scale becomes d_k ** -0.5, the paper's.
    """
    batch, heads, rows, d_k = q.shape
    d_v = v.shape[-1]
    assert d_k <= d_v
    q = F.pad(q, (0, d_v - d_k)) * math.sqrt(d_v / d_k)
    k = F.pad(k, (0, d_v - d_k))
    embed = heads * d_v
    torch_mha = torch.nn.MultiheadAttention(embed, heads, bias=True, batch_first=True, dtype=DTYPE)
    with torch.no_grad():
        torch_mha.in_proj_weight.copy_(torch.cat([torch.eye(embed, dtype=DTYPE)] * 3))  # W_q=W_k=W_v=I
        torch_mha.in_proj_bias.zero_()
        torch_mha.out_proj.weight.copy_(torch.eye(embed, dtype=DTYPE))
        torch_mha.out_proj.bias.zero_()

    def merge(x):  # [B, H, N, d] -> [B, N, H*d], heads contiguous as torch expects
        return x.transpose(1, 2).reshape(batch, rows, heads * x.shape[-1])

    out, weights = torch_mha(merge(q), merge(k), merge(v), need_weights=True, average_attn_weights=False)
    return out, weights


@pytest.mark.parametrize(
    "key_size,head_size,in_features", [(DK, DV, None), (DK, DK, IN), (DK, DV + 1, IN), (DV, DV, None)]
)
def test_multi_head_attention_matches_torch_multihead_attention(key_size, head_size, in_features):
    module = _mha(key_size=key_size, head_size=head_size, in_features=in_features, seed=3)
    width = in_features if in_features is not None else H * head_size
    rows = _randn(B, N, width, seed=12)
    out, weights = module(rows)
    assert out.shape == (B, N, H * head_size)
    assert weights.shape == (B, H, N, N)
    q, k, v = module.split_heads(rows)
    torch_out, torch_weights = _torch_mha_on(q, k, v)
    assert_close(out, torch_out)
    assert_close(weights, torch_weights)
    # averaged over heads too, as nn.MultiheadAttention reports it by default
    assert_close(weights.mean(dim=1), torch_weights.mean(dim=1))
    assert_close(weights.sum(dim=-1), torch.ones(B, H, N, dtype=DTYPE))


def test_multi_head_attention_merges_heads_head_major():
    """Output features [h*dv:(h+1)*dv] are head h's attended values, for each row."""
    module = _mha(in_features=IN, seed=5)
    rows = _randn(B, N, IN, seed=13)
    out, weights = module(rows)
    q, k, v = module.split_heads(rows)
    for h in range(H):
        expected = torch.softmax(q[:, h] @ k[:, h].transpose(-1, -2) * DK**-0.5, dim=-1) @ v[:, h]
        assert_close(out[..., h * DV : (h + 1) * DV], expected)
        assert_close(weights[:, h], torch.softmax(q[:, h] @ k[:, h].transpose(-1, -2) * DK**-0.5, dim=-1))


def test_multi_head_attention_has_no_output_projection_and_sonnet_init():
    module = MultiHeadAttention(H, DK, DV, in_features=IN)
    names = sorted(name for name, _ in module.named_parameters())
    assert names == ["qkv_layer_norm.bias", "qkv_layer_norm.weight", "qkv_projection.bias", "qkv_projection.weight"]
    assert module.qkv_projection.weight.shape == (H * (2 * DK + DV), IN)


def test_multi_head_attention_shape_errors_name_expected_and_actual():
    module = _mha()
    with pytest.raises(ValueError) as info:
        module(_randn(B, N, H * DV - 1, seed=1))
    message = str(info.value)
    assert f"[B, N, {H * DV}]" in message and f"[{B}, {N}, {H * DV - 1}]" in message
    with pytest.raises(ValueError) as info:
        module(_randn(N, H * DV, seed=1))
    message = str(info.value)
    assert f"[B, N, {H * DV}]" in message and f"[{N}, {H * DV}]" in message


@pytest.mark.parametrize("kwargs", [dict(num_heads=0), dict(key_size=0), dict(head_size=-1), dict(num_heads=1.5)])
def test_multi_head_attention_rejects_bad_sizes(kwargs):
    args = dict(num_heads=H, key_size=DK, head_size=DV)
    args.update(kwargs)
    name, value = next(iter(kwargs.items()))
    with pytest.raises(ValueError, match=name) as info:
        MultiHeadAttention(**args)
    assert repr(value) in str(info.value)


# ----------------------------------------------------------------------------------------------
# Error messages (tests/support/messages.py)
# ----------------------------------------------------------------------------------------------
def _shape_cases() -> dict:
    """id -> (call, name, expected, actual, a word of the hint or None when there is no hint)"""
    mha = MultiHeadAttention(H, DK, DV, in_features=IN).to(DTYPE)
    q = _randn(B, H, N, DK, seed=3)
    return {
        "mha-rows": (
            lambda: mha(_randn(B, N, IN + 1, seed=4)),
            "rows",
            f"[B, N, {IN}]",
            f"[{B}, {N}, {IN + 1}]",
            f"{IN} features",
        ),
        "sdpa-key": (
            lambda: scaled_dot_product_attention(q, _randn(B, H, N, DK + 1, seed=4), _randn(B, H, N, DV, seed=5)),
            "key",
            f"[{B}, {H}, Nk, {DK}]",
            f"[{B}, {H}, {N}, {DK + 1}]",
            "d_k",
        ),
        "sdpa-value": (
            lambda: scaled_dot_product_attention(q, _randn(B, H, N, DK, seed=4), _randn(B, H, N + 1, DV, seed=5)),
            "value",
            f"[{B}, {H}, {N}, d_v]",
            f"[{B}, {H}, {N + 1}, {DV}]",
            "one row per key",
        ),
    }


@pytest.mark.parametrize("case", ["mha-rows", "sdpa-key", "sdpa-value"])
def test_shape_errors_name_the_tensor_expected_and_actual_shapes(case):
    assert_shape_error(*_shape_cases()[case])


def test_float64_model_fed_float32_names_expected_and_actual():
    module = MultiHeadAttention(H, 4, DV).double()
    assert_float32_refused(lambda: module(randn(B, N, F_MEM, seed=0, dtype=torch.float32)), "rows")


@pytest.mark.parametrize(
    "call,name",
    [
        (lambda: MultiHeadAttention(0, DK, DV), "num_heads"),
        (lambda: MultiHeadAttention(H, 0, DV), "key_size"),
        (lambda: MultiHeadAttention(H, DK, 0), "head_size"),
        (lambda: MultiHeadAttention(H, DK, DV, in_features=0), "in_features"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_bad_sizes_name_the_argument(call, name):
    assert_bad_size_named(call, name)
