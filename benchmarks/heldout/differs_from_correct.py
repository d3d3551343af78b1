"""Compare every mistake with correct.py on the graded function (no course checks involved)."""

import copy
import glob
import os
import re
import sys
import warnings

import torch

warnings.filterwarnings("ignore")
torch.set_num_threads(1)
# the round of mistakes to check: its folder, e.g. benchmarks/heldout/mistakes_r2 (default: round 1)
ROOT = (
    os.path.abspath(sys.argv[1])
    if len(sys.argv) > 1
    else os.path.join(os.path.dirname(os.path.abspath(__file__)), "mistakes_r1")
)


def load(ex, mistake=None):
    ns = {}
    exec(compile(open(f"{ROOT}/{ex}/correct.py").read(), "correct", "exec"), ns)
    if mistake:
        exec(compile(open(mistake).read(), mistake, "exec"), ns)
    return ns


def graded_name(ex, number):
    return {
        "1.1": "scaled_dot_product_attention",
        "1.2": "split_heads",
        "1.3": "merge_heads",
        "1.4": "multi_head_attention",
        "2.1": "initial_memory",
        "2.2": "project_input",
        "2.3": "append_input_row",
        "2.4": "tile_input",
        "3.1": "create_gates",
        "3.2": "apply_gates",
        "4.1": "attend_over_memory",
        "4.2": "rmc_step",
        "4.3": "unroll",
        "5.1": "nth_farthest_labels",
        "5.2": "train_step",
    }[number]


def compare(a, b, what):
    """return a string describing the first difference or None"""
    if isinstance(a, (tuple, list)):
        if not isinstance(b, (tuple, list)) or len(a) != len(b):
            return f"{what}: structure {type(b).__name__}"
        for i, (x, y) in enumerate(zip(a, b)):
            r = compare(x, y, f"{what}[{i}]")
            if r:
                return r
        return None
    if isinstance(a, torch.Tensor):
        if not isinstance(b, torch.Tensor):
            return f"{what}: type {type(b).__name__}"
        if a.shape != b.shape:
            return f"{what}: shape {list(b.shape)} vs {list(a.shape)}"
        if a.dtype != b.dtype:
            return f"{what}: dtype {b.dtype} vs {a.dtype}"
        if not torch.allclose(a.detach().double(), b.detach().double(), atol=1e-5, rtol=1e-4):
            return f"{what}: values differ (max {(a.detach().double() - b.detach().double()).abs().max():.3g})"
        if a.requires_grad != b.requires_grad:
            return f"{what}: requires_grad {b.requires_grad}"
        return None
    if type(a) is not type(b):
        return f"{what}: type {type(b).__name__} vs {type(a).__name__}"
    if isinstance(a, float) and abs(a - b) > 1e-6:
        return f"{what}: {b} vs {a}"
    return None


def cases(number):
    from rmc_ref import NthFarthest, RelationalMemory
    from rmc_ref.attention import MultiHeadAttention
    from rmc_ref.gating import Gates
    from rmc_ref.memory import InputProjection

    g = torch.Generator().manual_seed(0)

    def r(*s, dt=torch.float32):
        return torch.randn(*s, generator=g, dtype=dt)

    out = []
    if number == "1.1":
        for shape in [((3, 2), (4, 2), (4, 3)), ((2, 3, 5, 4), (2, 3, 6, 4), (2, 3, 6, 7))]:
            q, k, v = (r(*s).requires_grad_() for s in shape)
            out.append((q, k, v))
    elif number in ("1.2", "1.4"):
        torch.manual_seed(0)
        for H, dk, dv, B, N in [(2, 4, 5, 1, 3), (3, 4, 5, 2, 6)]:
            att = MultiHeadAttention(num_heads=H, key_size=dk, head_size=dv)
            out.append((att, r(B, N, H * dv)))
    elif number == "1.3":
        out.append((r(2, 3, 4, 5).requires_grad_(),))
    elif number == "2.1":
        for args in [(2, 3, 10), (3, 6, 4), (2, 4, 4)]:
            out.append(args)
        out.append(((2, 3, 5), {"dtype": torch.float64}))
    elif number == "2.2":
        torch.manual_seed(0)
        p = InputProjection(input_size=7, mem_size=10)
        out.append((p, r(3, 7)))
    elif number in ("2.3", "2.4"):
        out.append((r(2, 3, 10).requires_grad_(), r(2, 10).requires_grad_()))
        out.append((r(3, 4, 6, dt=torch.float64), r(3, 6, dt=torch.float64)))
    elif number == "3.1":
        torch.manual_seed(0)
        for style in ("unit", "memory"):
            gates = Gates(mem_size=10, gate_style=style, forget_bias=1.0, input_bias=0.5)
            out.append((gates, r(2, 10), r(2, 3, 10)))
    elif number == "3.2":
        out.append((r(2, 3, 10), r(2, 3, 10), torch.rand(2, 3, 10, generator=g), torch.rand(2, 3, 10, generator=g)))
        out.append((r(2, 3, 10), r(2, 3, 10), torch.rand(2, 3, 1, generator=g), torch.rand(2, 3, 1, generator=g)))
    elif number in ("4.1", "4.2", "4.3"):
        for style, blocks in (("unit", 1), ("memory", 2)):
            torch.manual_seed(0)
            core = RelationalMemory(7, mem_slots=3, head_size=5, num_heads=2, num_blocks=blocks, gate_style=style)
            if number == "4.1":
                out.append((core, r(4, 3, 10), r(4, 10)))
            elif number == "4.2":
                out.append((core, r(4, 7), core.initial_state(4) + 0.1 * r(4, 3, 10)))
            else:
                out.append((core, r(4, 5, 7)))
                out.append((core, r(4, 5, 7), core.initial_state(4) + 0.1 * r(4, 3, 10)))
    elif number == "5.1":
        for objs, feats in ((3, 2), (8, 16)):
            task = NthFarthest(num_objects=objs, num_features=feats)
            inputs, labels = task.sample(256, generator=torch.Generator().manual_seed(1))
            out.append((task, inputs))
    return out


def run(fn, args, number, ns):
    kwargs = {}
    if len(args) == 2 and isinstance(args[1], dict):
        args, kwargs = args
    args_c = [
        a.detach().clone().requires_grad_(a.requires_grad) if isinstance(a, torch.Tensor) and a.is_leaf else a
        for a in args
    ]
    before = [a.detach().clone() if isinstance(a, torch.Tensor) else None for a in args_c]
    res = fn(*args_c, **kwargs)
    mutated = [i for i, (a, b) in enumerate(zip(args_c, before)) if b is not None and not torch.equal(a.detach(), b)]
    # gradient test
    grads = None
    tensors = res if isinstance(res, (tuple, list)) else (res,)
    first = tensors[0]
    params = []
    for a in args_c:
        if isinstance(a, torch.nn.Module):
            params += list(a.parameters())
        elif isinstance(a, torch.Tensor) and a.requires_grad:
            params.append(a)
    if isinstance(first, torch.Tensor) and first.is_floating_point() and params:
        for p in params:
            p.grad = None
        if first.requires_grad:
            (first.double() ** 2).sum().backward()
        grads = [None if p.grad is None else p.grad.clone() for p in params]
    if number == "2.1":
        m = res
        m[0].zero_() if m.shape[0] > 1 else None
        shared = m.shape[0] > 1 and bool((m[1] == 0).all())
        return res, mutated, grads, shared
    return res, mutated, grads, None


def check(ex, number, mistake):
    name = graded_name(ex, number)
    if number == "5.2":
        return check_train(ex, mistake)
    for args in cases(number):
        try:
            a = run(load(ex)[name], args, number, None)
        except Exception as e:
            return f"CORRECT FAILED {e!r}"
        try:
            b = run(load(ex, mistake)[name], args, number, None)
        except Exception as e:
            return f"raises {type(e).__name__}: {str(e)[:120]}"
        d = compare(a[0], b[0], "result")
        if d:
            return d
        if a[1] != b[1]:
            return f"mutates argument(s) {b[1]}"
        if (a[2] is None) != (b[2] is None):
            return "no gradient"
        if a[2] is not None:
            for x, y in zip(a[2], b[2]):
                if (x is None) != (y is None):
                    return "gradient missing for some parameter"
                if x is not None and not torch.allclose(x, y, atol=1e-5, rtol=1e-4):
                    return "gradients differ"
        if a[3] != b[3]:
            return "batch elements share storage"
    return "SAME"


def check_train(ex, mistake):
    from torch import nn

    torch.manual_seed(0)
    base = nn.Sequential(nn.Flatten(), nn.Linear(5 * 8, 32), nn.Tanh(), nn.Linear(32, 5))
    g = torch.Generator().manual_seed(0)
    batches = [(torch.randn(16, 5, 8, generator=g), torch.randint(5, (16,), generator=g)) for _ in range(3)]
    results = []
    for ns in (load(ex), load(ex, mistake)):
        model = copy.deepcopy(base)
        opt = torch.optim.Adam(model.parameters(), lr=1e-2)
        losses = []
        try:
            for x, y in batches:
                losses.append(ns["train_step"](model, opt, x, y))
        except Exception as e:
            return f"raises {type(e).__name__}: {str(e)[:120]}"
        results.append((losses, [p.detach().clone() for p in model.parameters()]))
    (la, pa), (lb, pb) = results
    if any(not isinstance(value, float) for value in lb):
        return f"returns {type(lb[0]).__name__}"
    if any(abs(x - y) > 1e-5 for x, y in zip(la, lb)):
        return f"losses {lb} vs {la}"
    if any(not torch.allclose(x, y, atol=1e-6) for x, y in zip(pa, pb)):
        return "parameters after the steps differ"
    return "SAME"


for path in sorted(glob.glob(f"{ROOT}/ex0*/[0-9]*.py")):
    ex = path.split("/")[-2]
    number = re.search(r"exercise: (\S+)", open(path).read()).group(1)
    print(f"{ex}/{os.path.basename(path):42s} {number}: {check(ex, number, path)}")
