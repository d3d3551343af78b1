"""Every exercise's check and misconception, by exercise number: what the tests, the mutation
tool and the instructor docs walk. Importing it imports (and seals) all five exercise modules."""

from __future__ import annotations

from typing import Callable

from rmc_course.exercises import ex01_attention, ex02_memory, ex03_gating, ex04_core, ex05_nth_farthest
from rmc_course.exercises.harness import Misconception

MODULES = (ex01_attention, ex02_memory, ex03_gating, ex04_core, ex05_nth_farthest)

CHECKS: dict[str, Callable[..., None]] = {
    "1.1": ex01_attention.check_scaled_dot_product_attention,
    "1.2": ex01_attention.check_split_heads,
    "1.3": ex01_attention.check_merge_heads,
    "1.4": ex01_attention.check_multi_head_attention,
    "2.1": ex02_memory.check_initial_memory,
    "2.2": ex02_memory.check_project_input,
    "2.3": ex02_memory.check_append_input_row,
    "2.4": ex02_memory.check_tile_input,
    "3.1": ex03_gating.check_create_gates,
    "3.2": ex03_gating.check_apply_gates,
    "4.1": ex04_core.check_attend_over_memory,
    "4.2": ex04_core.check_rmc_step,
    "4.3": ex04_core.check_unroll,
    "5.1": ex05_nth_farthest.check_nth_farthest_labels,
    "5.2": ex05_nth_farthest.check_train_step,
}

MISCONCEPTIONS: list[Misconception] = [entry for module in MODULES for entry in module.MISCONCEPTIONS]
