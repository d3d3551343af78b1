"""Data-parallel training over several processes or machines, started by ``torchrun``.

The paper trained with batch 1600 and learning rate 1e-4. One CPU process takes a long time per
such step; ``torchrun`` starts one process per core, GPU or machine, and
:class:`torch.nn.parallel.DistributedDataParallel` (DDP) keeps them in step:

* every process builds the same model (same seed) and DDP copies process 0's weights to all;
* every process draws the SAME global batch (same generator seed) and trains on its own slice
  of it (:func:`shard`), so the union of the slices is exactly the batch one process would use;
* after ``backward`` DDP averages the gradients over processes; slices are equally sized, so the
  average of the slices' mean losses' gradients is the gradient of the global batch's mean loss,
  and every process applies the same Adam step: the replicas stay identical
  (:func:`replicas_identical` checks it bit for bit) and training equals one process with the
  whole batch, up to floating-point summation order.

On one machine with CPUs (gloo backend), from the repo::

    torchrun --standalone --nproc-per-node 2 -m rmc_ref.train --distributed \\
        --model rmc --batch-size 1600 --lr 1e-4

On a GPU cluster (NCCL backend, one process per GPU; run the same command on every node;
``--batch-size`` is the global batch, here 32 GPUs x 50)::

    torchrun --nnodes 4 --nproc-per-node 8 --rdzv-backend c10d \\
        --rdzv-endpoint FIRST_NODE:29500 --rdzv-id rmc-paper \\
        -m rmc_ref.train --distributed --device cuda --model rmc --batch-size 1600 --lr 1e-4

``--batch-size`` is the GLOBAL batch; it must be divisible by the number of processes.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import tempfile
from typing import Callable

import torch
import torch.distributed as dist
from torch import nn


def launched_by_torchrun() -> bool:
    """True inside a process started by ``torchrun`` (it sets RANK, WORLD_SIZE, MASTER_ADDR...)."""
    return all(name in os.environ for name in ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR"))


def init_from_env(device: str = "cpu") -> tuple[int, int]:
    """Join the process group ``torchrun`` describes in the environment; return (rank, world size).

    Backend: gloo for CPU, NCCL for CUDA (each process then uses GPU ``LOCAL_RANK``). Raises
    ``RuntimeError`` with the command to use when not started by ``torchrun``.
    """
    if not launched_by_torchrun():
        raise RuntimeError(
            "--distributed needs the process group torchrun sets up; start with e.g. "
            "`torchrun --standalone --nproc-per-node 2 -m rmc_ref.train --distributed ...`"
        )
    if not dist.is_initialized():
        backend = "nccl" if device.startswith("cuda") else "gloo"
        if backend == "nccl":
            torch.cuda.set_device(int(os.environ["LOCAL_RANK"]))
        dist.init_process_group(backend=backend)
    return dist.get_rank(), dist.get_world_size()


def world() -> tuple[int, int]:
    """(rank, world size) of this process: (0, 1) outside a process group."""
    if dist.is_available() and dist.is_initialized():
        return dist.get_rank(), dist.get_world_size()
    return 0, 1


def shard(global_batch_size: int, rank: int, world_size: int) -> slice:
    """The examples of a global batch that process ``rank`` of ``world_size`` trains on.

    Equal slices (so averaging the processes' gradients gives the global batch's gradient);
    ``ValueError`` if the batch does not divide evenly.
    """
    if world_size < 1 or not 0 <= rank < world_size:
        raise ValueError(f"need 0 <= rank < world_size, got rank {rank}, world size {world_size}")
    if global_batch_size % world_size:
        raise ValueError(
            f"the global batch size {global_batch_size} must be divisible by the number of "
            f"processes {world_size} (e.g. {global_batch_size - global_batch_size % world_size} "
            f"or {global_batch_size + world_size - global_batch_size % world_size})"
        )
    size = global_batch_size // world_size
    return slice(rank * size, (rank + 1) * size)


def global_sum(values: list[float]) -> list[float]:
    """The sums of ``values`` over all processes of the group (collective: call on all); unchanged
    outside a process group. A decision every process must take alike (a curriculum's next step)
    is taken on the global batch's numbers, not on one process's slice."""
    _, world_size = world()
    if world_size == 1:
        return list(values)
    total = torch.tensor(values, dtype=torch.float64)
    dist.all_reduce(total)
    return total.tolist()


def wrap(model: nn.Module) -> nn.Module:
    """``model`` wrapped in DDP when a process group with more than one process is running."""
    _, world_size = world()
    if world_size == 1:
        return model
    device_ids = [torch.cuda.current_device()] if next(model.parameters()).is_cuda else None
    return nn.parallel.DistributedDataParallel(model, device_ids=device_ids)


@torch.no_grad()
def replicas_identical(model: nn.Module) -> bool:
    """True when every process holds bit-for-bit the same parameters (collective: call on all)."""
    _, world_size = world()
    if world_size == 1:
        return True
    flat = torch.cat([p.detach().reshape(-1).double() for p in model.parameters()])  # [P]
    gathered = [torch.empty_like(flat) for _ in range(world_size)]
    dist.all_gather(gathered, flat)
    return all(torch.equal(gathered[0], other) for other in gathered[1:])


def describe(identical: bool, global_batch_size: int) -> dict:
    """What the training summary records about a distributed run."""
    _, world_size = world()
    return {
        "world_size": world_size,
        "backend": dist.get_backend() if world_size > 1 else None,
        "global_batch": global_batch_size,
        "per_process_batch": global_batch_size // world_size,
        "replicas_identical": bool(identical),
    }


def run_silently(run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run the training CLI's loop on a process other than 0: same steps and collectives, no output.

    Its prints are swallowed and its files go to a temporary folder deleted afterwards; only
    process 0 writes checkpoints, history and summary.
    """
    with tempfile.TemporaryDirectory(prefix="rmc_ddp_") as scratch, contextlib.redirect_stdout(io.StringIO()):
        quiet = argparse.Namespace(
            **{**vars(args), "out_dir": scratch, "quiet": True, "save_plot": None, "visualize": False}
        )
        return run(quiet)


def finish() -> None:
    """Leave the process group (if any)."""
    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()
