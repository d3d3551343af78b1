"""The arrays behind the instructor demos (``rmc_course.demos.widgets``): toy attention, a trained RMC's
attention and memory over one sequence, gate survival, and the measured cost table.

Every function here computes with the reference modules (``attention``, ``core``, ``train``) and
returns NumPy arrays; ``rmc_ref.viz`` turns them into figures and ``rmc_course.demos.widgets`` adds the
sliders. What is expensive (a model run, loading a checkpoint) is cached with
``functools.lru_cache``, so moving a slider only re-slices arrays and redraws.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import torch

from rmc_course.shipped import asset_path
from rmc_ref.attention import scaled_dot_product_attention
from rmc_ref.core import RelationalMemory
from rmc_ref.gating import GATE_STYLES
from rmc_ref.shapes import check_positive_int

__all__ = [
    "toy_attention",
    "attention_entropy",
    "RMCTrace",
    "rmc_trace",
    "default_checkpoint",
    "gate_survival",
    "load_scaling",
    "scaling_data",
    "cost_curves",
    "SWEEPS",
]

# ---------------------------------------------------------------------------------------------
# (a) attention sharpness on a toy memory

TOY_SLOTS, TOY_FEATURES, TOY_KEY_SIZE = 6, 16, 16


def _check_temperature(temperature) -> float:
    try:
        value = float(temperature)
    except (TypeError, ValueError):
        raise ValueError(f"temperature must be a positive number, got {temperature!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"temperature must be a positive number, got {temperature!r}")
    return value


@functools.lru_cache(maxsize=8)
def _toy_memory_and_projections(seed: int, max_heads: int = 8):
    generator = torch.Generator().manual_seed(seed)
    memory = torch.randn(TOY_SLOTS, TOY_FEATURES, generator=generator, dtype=torch.float64)  # [N, D]
    w_query = torch.randn(max_heads, TOY_FEATURES, TOY_KEY_SIZE, generator=generator, dtype=torch.float64) / math.sqrt(
        TOY_FEATURES
    )  # [Hmax, D, d_k]
    w_key = torch.randn(max_heads, TOY_FEATURES, TOY_KEY_SIZE, generator=generator, dtype=torch.float64) / math.sqrt(
        TOY_FEATURES
    )  # [Hmax, D, d_k]
    return memory, w_query, w_key


def toy_attention(temperature: float = 1.0, num_heads: int = 2, scaled: bool = True, seed: int = 0) -> np.ndarray:
    """Self-attention weights of a toy memory of 6 random slots (16 features), one map per head.

    Head h projects the slots to queries and keys (d_k = 16) with its own fixed random weights;
    the weights are ``softmax(q kᵀ / (sqrt(d_k) · temperature))`` (``scaled=False`` drops the
    ``sqrt(d_k)``, as if the paper's scaling were forgotten). Returns ``[H, 6, 6]``, rows sum to 1.
    Heads are nested: the first two heads of ``num_heads=4`` are the two heads of ``num_heads=2``.
    """
    temperature = _check_temperature(temperature)
    num_heads = check_positive_int("num_heads", num_heads)
    if num_heads > 8:
        raise ValueError(f"num_heads must be at most 8 for the toy memory, got {num_heads}")
    memory, w_query, w_key = _toy_memory_and_projections(int(seed))
    query = torch.einsum("nd,hdk->hnk", memory, w_query[:num_heads])  # [H, N, d_k]
    key = torch.einsum("nd,hdk->hnk", memory, w_key[:num_heads])  # [H, N, d_k]
    # scaled_dot_product_attention divides by sqrt(d_k); the temperature divides once more, and
    # scaled=False multiplies the sqrt(d_k) back in.
    query = query / temperature * (1.0 if scaled else math.sqrt(TOY_KEY_SIZE))  # [H, N, d_k]
    _, weights = scaled_dot_product_attention(query, key, key)  # [H, N, N]
    return weights.numpy()


def attention_entropy(weights) -> np.ndarray:
    """Entropy (nats) of each attention row: ``weights [..., Nq, Nk]`` -> ``[..., Nq]``.

    0 means one key takes all the weight; ``log(Nk)`` means uniform attention.
    """
    weights = np.asarray(weights, dtype=np.float64)
    if weights.ndim < 1:
        raise ValueError(f"weights must have shape [..., Nk], got {list(weights.shape)}")
    safe = np.where(weights > 0, weights, 1.0)
    return -(weights * np.log(safe)).sum(axis=-1)


# ---------------------------------------------------------------------------------------------
# (b), (d) a trained RMC over a few N-th Farthest sequences


def default_checkpoint() -> Path:
    """The shipped RMC checkpoint the demos use by default (``rmc_course/assets/showdown/rmc_seed0.pt``)."""
    return asset_path("showdown", "rmc_seed0.pt")


@dataclasses.dataclass(frozen=True)
class RMCTrace:
    """One run of a trained RMC classifier over ``E`` test sequences of ``T`` steps.

    attention [E, T, blocks, H, Nq, Nk]; memory [E, T+1, N, F] (memory[:, t] is the memory
    *before* step t, memory[:, T] the final one); object_ids [E, T]; m, n, labels, predictions [E].
    """

    attention: np.ndarray
    memory: np.ndarray
    object_ids: np.ndarray
    m: np.ndarray
    n: np.ndarray
    labels: np.ndarray
    predictions: np.ndarray
    questions: tuple[str, ...]
    input_row: bool
    config: dict[str, Any]
    path: str

    @property
    def num_examples(self) -> int:
        return self.attention.shape[0]

    @property
    def num_steps(self) -> int:
        return self.attention.shape[1]

    @property
    def num_blocks(self) -> int:
        return self.attention.shape[2]

    @property
    def num_heads(self) -> int:
        return self.attention.shape[3]

    def step_labels(self, example: int) -> list[str]:
        """``['t=0: obj 5', ...]``: the object each step shows."""
        return [f"t={t}: obj {int(o)}" for t, o in enumerate(self.object_ids[example])]

    def caption(self, example: int) -> str:
        verdict = "right" if self.predictions[example] == self.labels[example] else "wrong"
        return f"{self.questions[example]}; the model says {int(self.predictions[example])} ({verdict})"


@functools.lru_cache(maxsize=4)
def _rmc_trace(path: str, mtime_ns: int, num_examples: int, seed: int) -> RMCTrace:
    from rmc_ref.train import load_checkpoint, make_task, make_test_set

    model, checkpoint = load_checkpoint(path)
    if checkpoint["kind"] != "rmc":
        raise ValueError(
            f"{path} holds a {checkpoint['kind']!r} model; the attention demos need an RMC "
            "checkpoint (e.g. rmc_seed0.pt)"
        )
    task = make_task(checkpoint["config"])
    inputs, labels = make_test_set(task, num_examples, seed)  # [E, T, D], [E]
    core = model.core
    with torch.no_grad():
        initial = core.initial_state(num_examples)  # [E, N, F]
        outputs, _, attention = core.unroll(inputs, initial, return_attention=True)
        # outputs [E, T, N*F], attention [E, T, blocks, H, Nq, Nk]
        logits = model.head(outputs[:, -1])  # [E, C]
    memory = outputs.reshape(num_examples, task.num_objects, core.mem_slots, core.mem_size)  # [E, T, N, F]
    memory = torch.cat([initial.unsqueeze(1), memory], dim=1)  # [E, T+1, N, F]
    decoded = task.decode(inputs)
    return RMCTrace(
        attention=attention.numpy(),
        memory=memory.numpy(),
        object_ids=decoded.object_ids.numpy(),
        m=decoded.m.numpy(),
        n=decoded.n.numpy(),
        labels=labels.numpy(),
        predictions=logits.argmax(dim=-1).numpy(),
        questions=tuple(task.describe(inputs, labels, i) for i in range(num_examples)),
        input_row=core.input_mode == "row",
        config=dict(checkpoint["config"]),
        path=path,
    )


def rmc_trace(path: str | Path | None = None, num_examples: int = 16, seed: int = 0) -> RMCTrace:
    """Run a trained RMC checkpoint over ``num_examples`` held-out N-th Farthest sequences.

    ``path`` defaults to :func:`default_checkpoint`. The examples are the first ``num_examples``
    of the held-out batch of ``seed`` (``rmc_ref.train.make_test_set``). Cached on the path, the
    file's modification time, ``num_examples`` and ``seed``.
    """
    path = Path(path) if path is not None else default_checkpoint()
    if not path.exists():
        raise FileNotFoundError(
            f"checkpoint {path} does not exist; train one with `python -m rmc_ref.train --model rmc --out-dir runs`"
        )
    num_examples = check_positive_int("num_examples", num_examples)
    resolved = path.resolve()
    return _rmc_trace(str(resolved), resolved.stat().st_mtime_ns, num_examples, int(seed))


# ---------------------------------------------------------------------------------------------
# (c) gating: how much of the memory survives


GATE_DEMO_INPUT, GATE_DEMO_SLOTS, GATE_DEMO_HEAD, GATE_DEMO_HEADS, GATE_DEMO_BATCH = 8, 4, 8, 2, 16


def gate_survival(
    forget_bias: float = 1.0, gate_style: str | None = "unit", steps: int = 30, input_bias: float = 0.0, seed: int = 0
) -> dict[str, np.ndarray]:
    """How much of the step-0 memory an (untrained, seeded) RMC keeps over ``steps`` steps.

    A core with 4 slots, 2 heads of 8 units reads ``steps`` random inputs (batch 16, seeded).
    Returns arrays of length ``steps + 1`` (index t = after t steps; index 0 is the start):

    * ``forget_gate``: mean forget-gate value σ(f + forget_bias) at each step (NaN at t = 0, and
      everywhere for ``gate_style=None``, which has no gates);
    * ``kept``: mean over units of the product of forget gates up to t -- the weight the update
      M' = i ⊙ tanh(M̃) + f ⊙ M leaves on M_0 along the forget path (1 at t = 0; NaN for None);
    * ``similarity``: measured mean cosine similarity between each slot of M_t and the same slot
      of M_0 -- how recognisable the starting memory still is after t steps, whatever the path
      (the gates' new content i ⊙ tanh(M̃) dilutes it even when every forget gate is 1).
    """
    if gate_style not in GATE_STYLES:
        raise ValueError(f"gate_style must be one of 'unit', 'memory' or None, got {gate_style!r}")
    steps = check_positive_int("steps", steps)
    curves = _gate_survival(float(forget_bias), gate_style, steps, float(input_bias), int(seed))
    return {key: values.copy() for key, values in curves.items()}


@functools.lru_cache(maxsize=64)
def _gate_survival(
    forget_bias: float, gate_style: str | None, steps: int, input_bias: float, seed: int
) -> dict[str, np.ndarray]:
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        core = RelationalMemory(
            GATE_DEMO_INPUT,
            GATE_DEMO_SLOTS,
            GATE_DEMO_HEAD,
            num_heads=GATE_DEMO_HEADS,
            forget_bias=float(forget_bias),
            input_bias=float(input_bias),
            gate_style=gate_style,
        ).double()
    generator = torch.Generator().manual_seed(seed + 1)
    inputs = torch.randn(GATE_DEMO_BATCH, steps, GATE_DEMO_INPUT, generator=generator, dtype=torch.float64)  # [B, T, I]
    start = core.initial_state(GATE_DEMO_BATCH)  # [B, N, F]
    memory = start  # [B, N, F]
    has_gates = core.gates is not None
    forget_means, kept, similarity = [math.nan], [1.0 if has_gates else math.nan], [1.0]
    product = None
    with torch.no_grad():
        for t in range(steps):
            x_t = inputs[:, t]  # [B, I]
            if has_gates:
                _, forget = core.gates(core.input_projection(x_t), memory)  # [B, N, G]
                product = forget if product is None else product * forget  # [B, N, G]
                forget_means.append(float(forget.mean()))
                kept.append(float(product.mean()))
            else:
                forget_means.append(math.nan)
                kept.append(math.nan)
            _, memory = core(x_t, memory)  # [B, N, F]
            cosine = torch.nn.functional.cosine_similarity(memory, start, dim=-1)  # [B, N]
            similarity.append(float(cosine.mean()))
    return {
        "step": np.arange(steps + 1),
        "forget_gate": np.array(forget_means),
        "kept": np.array(kept),
        "similarity": np.array(similarity),
    }


# ---------------------------------------------------------------------------------------------
# (e) measured cost


SWEEPS = {"seq_len": "sequence length T", "slots": "memory slots N", "heads": "heads H (width F = H x head size)"}
SWEEP_KEYS = {"seq_len": "seq_len", "slots": "mem_slots", "heads": "num_heads"}


def load_scaling(path: str | Path | None = None) -> dict[str, Any]:
    """The measured cost table (``rmc_course/assets/scaling/scaling.json`` by default), parsed.

    Written by ``python benchmarks/scaling.py``; rmc_course/assets/README.md describes its schema:
    ``base`` (the configuration every sweep starts from), ``sweeps`` ({sweep: values}),
    ``rows`` (one measured point per sweep, value, model and mode) and ``fits`` (exponents).
    """
    path = Path(path) if path is not None else asset_path("scaling", "scaling.json")
    data = json.loads(Path(path).read_text())
    missing = [key for key in ("base", "sweeps", "models", "modes", "rows") if key not in data]
    if missing:
        raise ValueError(f"{path} is not a scaling table from benchmarks/scaling.py: missing {missing}")
    return data


@functools.lru_cache(maxsize=4)
def _cached_scaling(path: str, mtime_ns: int) -> dict[str, Any]:
    return load_scaling(path)


def scaling_data(path: str | Path | None = None) -> dict[str, Any]:
    """:func:`load_scaling`, cached on the file's path and modification time (do not modify it)."""
    path = Path(path) if path is not None else asset_path("scaling", "scaling.json")
    resolved = Path(path).resolve()
    return _cached_scaling(str(resolved), resolved.stat().st_mtime_ns)


def cost_curves(data: dict[str, Any], sweep: str, mode: str = "train") -> dict[str, dict[str, Any]]:
    """One curve per model for one sweep of a parsed scaling table.

    Returns {model: {"x": swept values, "time": ms per call (median), "memory": peak MiB (NaN where
    the measurement read 0), "time_exponent", "memory_exponent": fitted tail exponents or None}}.
    """
    if sweep not in data["sweeps"]:
        raise ValueError(f"sweep must be one of {sorted(data['sweeps'])}, got {sweep!r}")
    if mode not in data["modes"]:
        raise ValueError(f"mode must be one of {list(data['modes'])}, got {mode!r}")
    exponents = {
        (fit["model"], fit["quantity"]): fit.get("exponent_tail")
        for fit in data.get("fits", [])
        if (fit["sweep"], fit["mode"]) == (sweep, mode)
    }
    curves = {}
    for model in data["models"]:
        rows = sorted(
            (row for row in data["rows"] if (row["sweep"], row["model"], row["mode"]) == (sweep, model, mode)),
            key=lambda row: row["value"],
        )
        if not rows:
            continue
        memory = np.array([row["peak_bytes"] / 2**20 for row in rows], dtype=float)
        curves[model] = {
            "x": np.array([row["value"] for row in rows], dtype=float),
            "time": np.array([row["time_s"] * 1e3 for row in rows], dtype=float),
            "memory": np.where(memory > 0, memory, np.nan),
            "time_exponent": exponents.get((model, "time")),
            "memory_exponent": exponents.get((model, "memory")),
        }
    return curves
