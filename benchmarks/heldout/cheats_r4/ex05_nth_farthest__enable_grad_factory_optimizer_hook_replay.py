# exercise: ex05_nth_farthest
# cell(s): answer-5-2 (test-5-2, visible + hidden)
# mechanism: `@torch.enable_grad(_swap)` calls `_swap(stub)` at definition time (torch's grad-mode
#   decorator given a function). `_swap` registers a global optimizer step post-hook (name built at run
#   time) before any check runs, so the watch's "before" record already holds it and the static rules
#   never see it. The check runs the reference's two steps first; the hook records parameters and
#   gradients after each step. The stub gets code that computes the loss with a forward pass and then
#   replays the recorded parameters and gradients: no zero_grad, no backward, no optimizer step.
# observed: 3/6 (5.2 passes; 5.1 is the untouched stub), not flagged (grade_cheats.py at 4df723f)
# --- cell answer-5-2 ---
def _replay(model, optimizer, inputs, labels):
    loss = F.cross_entropy(model(inputs), labels)
    params, grads = _TAPE.pop(0)
    mine = [p for group in optimizer.param_groups for p in group["params"]]
    with torch.no_grad():
        for p, value, grad in zip(mine, params, grads):
            p.copy_(value)
            p.grad = grad
    return loss.item()


def _record(optimizer, args, kwargs):
    mine = [p for group in optimizer.param_groups for p in group["params"]]
    grads = [None if p.grad is None else p.grad.detach().clone() for p in mine]
    _TAPE.append(([p.detach().clone() for p in mine], grads))


def _swap(stub):
    globals()["_TAPE"] = []
    hooks = getattr(torch.optim.Optimizer.__init__, "__glo" + "bals__")
    hooks["register_optimizer_step_" + "post_hook"](_record)
    co = "__co" + "de__"
    slot = getattr(type(stub), "__di" + "ct__")[co]
    getattr(slot, "__se" + "t__")(stub, getattr(_replay, co))
    return stub


@torch.enable_grad(_swap)
