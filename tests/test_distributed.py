"""Data-parallel training (rmc_ref.train.distributed): 2 CPU processes (gloo) against 1 process.

The claim: with the global batch split evenly over processes and DDP averaging the gradients,
every process holds the very same weights after each step, and they equal the weights one
process reaches with the whole batch (up to float summation order). Tiny model, 3 steps.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch.testing import assert_close

from rmc_ref import train
from rmc_ref.train import distributed, loop

TINY = dict(
    num_objects=4,
    num_features=3,
    mem_slots=2,
    head_size=3,
    num_heads=2,
    head_hidden=[6],
    steps=3,
    batch_size=8,
    lr=1e-2,
    eval_every=3,
    test_size=8,
    threads=1,
)
# a curriculum from 2 of 4 objects, its windows of 6 steps x 8 questions split 4 + 4 over the processes:
# one more object when the window's accuracy over the whole global batches reaches 90%
CURRICULUM = dict(TINY, steps=120, eval_every=6, curriculum_start=2, head_hidden=[16])
ADVANCE_FOR_THE_TEST = 0.6
ARGS = [
    "--num-objects",
    "4",
    "--num-features",
    "3",
    "--mem-slots",
    "2",
    "--head-size",
    "3",
    "--num-heads",
    "2",
    "--head-hidden",
    "6",
    "--steps",
    "3",
    "--batch-size",
    "8",
    "--lr",
    "1e-2",
    "--eval-every",
    "3",
    "--test-size",
    "8",
    "--threads",
    "1",
    "--quiet",
]


def test_shard_splits_the_global_batch_evenly_and_in_order():
    assert [distributed.shard(12, r, 3) for r in range(3)] == [slice(0, 4), slice(4, 8), slice(8, 12)]
    assert distributed.shard(5, 0, 1) == slice(0, 5)
    with pytest.raises(ValueError, match="divisible by the number of processes 4.*1600"):
        distributed.shard(1601, 0, 4)
    with pytest.raises(ValueError, match="rank"):
        distributed.shard(8, 2, 2)


def test_outside_a_process_group_everything_is_one_process():
    model = torch.nn.Linear(2, 3)
    assert distributed.world() == (0, 1)
    assert distributed.wrap(model) is model
    assert distributed.replicas_identical(model)


def _first_step_gradients(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """Gradients of the first training batch's mean loss, through the same shard/wrap as train_one."""
    task = train.make_task(TINY)
    inputs, labels = task.sample(TINY["batch_size"], generator=torch.Generator().manual_seed(3))
    part = distributed.shard(TINY["batch_size"], *distributed.world())
    wrapped = distributed.wrap(model)  # kept alive until backward: its hooks average the gradients
    loss = torch.nn.functional.cross_entropy(wrapped(inputs[part]), labels[part])
    loss.backward()
    return {name: p.grad.clone() for name, p in model.named_parameters()}


def _fresh_model() -> torch.nn.Module:
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(3)
        return train.build_model("rmc", train.make_task(TINY), TINY)


def _test_logits(model: torch.nn.Module) -> torch.Tensor:
    inputs, _ = train.make_test_set(train.make_task(TINY), 32, seed=5)
    with torch.no_grad():
        return model.eval()(inputs)  # [32, C]


def _worker(rank: int, world_size: int, store: str, out: str) -> None:
    """One process of the group: gradients, a real training run, then one replica broken on purpose."""
    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"file://{store}", rank=rank, world_size=world_size)
    try:
        gradients = _first_step_gradients(_fresh_model())
        model, _ = train.train_one("rmc", train.make_task(TINY), TINY, seed=3)
        identical = distributed.replicas_identical(model)
        torch.save(
            {
                "gradients": gradients,
                "weights": {k: v.clone() for k, v in model.state_dict().items()},
                "logits": _test_logits(model),
            },
            f"{out}/rank{rank}.pt",
        )
        if rank == 1:
            with torch.no_grad():
                next(model.parameters()).view(-1)[0] += 1e-6
        broken = distributed.replicas_identical(model)
        # a low bar, which each process's half of a window crosses at other times than the other's
        loop.CURRICULUM_ADVANCE = ADVANCE_FOR_THE_TEST
        _, curriculum = train.train_one("lstm", train.make_task(CURRICULUM), CURRICULUM, seed=0)
        local = distributed.global_sum([rank + 1.0, 2.0])  # [1 + 2, 2 + 2] on every process
        with open(f"{out}/rank{rank}.json", "w") as handle:
            json.dump(
                {
                    "identical": identical,
                    "after_change": broken,
                    "train_objects": curriculum["train_objects"],
                    "global_sum": local,
                },
                handle,
            )
    finally:
        dist.destroy_process_group()


def test_two_processes_hold_identical_weights_equal_to_one_process_with_the_whole_batch(tmp_path):
    mp.start_processes(_worker, args=(2, str(tmp_path / "store"), str(tmp_path)), nprocs=2, start_method="spawn")
    ranks = [torch.load(tmp_path / f"rank{r}.pt", weights_only=True) for r in range(2)]
    checks = [json.loads((tmp_path / f"rank{r}.json").read_text()) for r in range(2)]
    assert all(
        {k: c[k] for k in ("identical", "after_change")} == {"identical": True, "after_change": False} for c in checks
    )
    assert all(c["global_sum"] == [3.0, 4.0] for c in checks)
    # a curriculum advances on the global batches' accuracy, so alike on both processes (each one's own
    # half of a window crosses the bar at other times)
    objects = [c["train_objects"] for c in checks]
    assert objects[0] == objects[1], objects
    assert len(set(objects[0])) > 1, f"the curriculum must advance here: {objects[0]}"
    for name in ranks[0]["weights"]:  # after 3 Adam steps: bit for bit the same on both processes
        assert torch.equal(ranks[0]["weights"][name], ranks[1]["weights"][name]), name

    # DDP's averaged gradient of the two halves == one process's gradient of the whole batch
    whole = _first_step_gradients(_fresh_model())
    for name, gradient in whole.items():
        assert_close(ranks[0]["gradients"][name], gradient, rtol=1e-5, atol=1e-7, msg=name)
        assert_close(ranks[1]["gradients"][name], gradient, rtol=1e-5, atol=1e-7, msg=name)
    assert any(g.abs().max() > 1e-3 for g in whole.values())

    # and after 3 steps the trained functions agree. (Weights are compared through the function:
    # gradients that are exactly 0 in theory, e.g. a bias shared by all keys of a softmax, are
    # float noise, which Adam scales up to steps of size ~lr in either direction.)
    single, _ = train.train_one("rmc", train.make_task(TINY), TINY, seed=3)
    assert_close(ranks[0]["logits"], _test_logits(single), rtol=1e-4, atol=1e-5)
    assert (ranks[0]["logits"] - _test_logits(_fresh_model())).abs().max() > 1e-3  # training moved it


def test_torchrun_cli_trains_on_two_processes_and_process_0_writes(tmp_path):
    env = dict(os.environ, OMP_NUM_THREADS="1")
    command = [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--standalone",
        "--nproc-per-node",
        "2",
        "-m",
        "rmc_ref.train",
        "--distributed",
        "--model",
        "rmc",
        "--seed",
        "3",
        "--out-dir",
        str(tmp_path / "ddp"),
        *ARGS,
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=300, cwd=Path(__file__).resolve().parents[1]
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # process 1 runs the same loop silently: one table, one list of files (ARGS has --quiet)
    for line in ("final test accuracy", "checkpoints, history.json and summary.json"):
        assert result.stdout.count(line) == 1, f"{line!r} printed {result.stdout.count(line)} times:\n{result.stdout}"
    summary = json.loads((tmp_path / "ddp" / "summary.json").read_text())
    assert summary["distributed"] == {
        "world_size": 2,
        "backend": "gloo",
        "global_batch": 8,
        "per_process_batch": 4,
        "replicas_identical": True,
    }
    assert sorted(p.name for p in (tmp_path / "ddp").iterdir()) == ["history.json", "rmc_seed3.pt", "summary.json"]
    assert train.main([*ARGS, "--model", "rmc", "--seed", "3", "--out-dir", str(tmp_path / "one")]) == 0
    ddp_model, _ = train.load_checkpoint(tmp_path / "ddp" / "rmc_seed3.pt")
    one_model, _ = train.load_checkpoint(tmp_path / "one" / "rmc_seed3.pt")
    assert_close(_test_logits(ddp_model), _test_logits(one_model), rtol=1e-4, atol=1e-5)


def test_distributed_flag_outside_torchrun_fails_cleanly(capsys, monkeypatch):
    for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR"):
        monkeypatch.delenv(name, raising=False)
    assert train.main([*ARGS, "--distributed"]) == 2
    assert "torchrun --standalone --nproc-per-node 2" in capsys.readouterr().err
