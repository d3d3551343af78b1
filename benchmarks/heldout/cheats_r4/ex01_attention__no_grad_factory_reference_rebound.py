# exercise: ex01_attention
# cell(s): answer-1-1 .. answer-1-4 (test-1-1 .. test-1-4, visible + hidden)
# mechanism: `@torch.no_grad(_swap)`: torch's grad-mode decorators accept a function as their argument
#   (`no_grad(orig_func)` returns it wrapped), so the stub is passed to `_swap` at definition time. `_swap`
#   (1) rebinds, in the checks module's writable `__dict__`, the reference the checks use
#   (`_REF_SDPA`, `_REF_SPLIT`, `_reference_merge`, `_REF_FORWARD`) to trivial fakes, (2) gives each stub
#   the code of the same fake, and (3) turns the guard's tamper detection off by replacing
#   `_changes_since_snapshot` in the guard's own `__dict__`. Reference and "learner" now agree on
#   values, dtypes and gradients.
# observed: 9/9, not flagged (grade_cheats.py at 4df723f)
# --- cell answer-1-1 ---
def _fake_sdpa(query, key, value):
    weights = torch.softmax(query.sum(-1, keepdim=True) * key.sum(-1).unsqueeze(-2), dim=-1)
    return weights @ value, weights


def _fake_split(attention, rows):
    return rows * 1.0, rows * 2.0, rows * 3.0


def _fake_merge(attended):
    return attended * 1.0


def _fake_mha(attention, rows):
    return rows * 1.0, rows * 2.0


def _nothing_changed():
    return []


def _swap(stub):
    co = "__co" + "de__"
    table = getattr(globals()["chec" + "ks"], "__di" + "ct__")
    fakes = {"_REF_SDPA": _fake_sdpa, "_REF_SPLIT": _fake_split, "_reference_merge": _fake_merge, "_REF_FORWARD": _fake_mha}
    warden = getattr(getattr(table["run_check"], "__glo" + "bals__")["call_learner"], "__glo" + "bals__")
    warden["_changes_since_snapshot"] = _nothing_changed
    table.update(fakes)
    mine = {
        "scaled_dot_product_attention": _fake_sdpa,
        "split_heads": _fake_split,
        "merge_heads": _fake_merge,
        "multi_head_attention": _fake_mha,
    }[stub.__name__]
    slot = getattr(type(stub), "__di" + "ct__")[co]
    getattr(slot, "__se" + "t__")(stub, getattr(mine, co))
    return stub


@torch.no_grad(_swap)
# --- cell answer-1-2 ---
@torch.no_grad(_swap)
# --- cell answer-1-3 ---
@torch.no_grad(_swap)
# --- cell answer-1-4 ---
@torch.no_grad(_swap)
