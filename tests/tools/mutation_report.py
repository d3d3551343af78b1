"""Scores of the last mutmut run (``make mutation``), per mutated module, equivalent survivors apart.

    .venv/bin/python tests/tools/mutation_report.py                # the table
    .venv/bin/python tests/tools/mutation_report.py --survivors    # and every survivor not listed below

Reads ``mutants/rmc_ref/<module>.py.meta`` (mutmut 3 writes one per mutated file) and counts the
mutants by status; a survivor that ``tests/tools/mutation_spawned.py`` found killed by the tests
that start other processes (``mutants/spawned-results.json``) counts as killed. Only mutants
that made a test fail count as killed: a "timeout" (the tests
ran past mutmut's limit) is listed apart, because on a loaded machine passing tests hit it too.
``EQUIVALENT`` lists the survivors that behave
exactly like the original code, each with the reason; they are reported apart, and the score is
given both ways: killed / total and killed / (total - equivalent). ``mutmut show NAME`` prints a
mutant's diff. Mutant names number the mutations of a function in order, so they hold for the
commit docs/mutation.md names; after an edit of that function, re-check the list. (When train.py
became the package rmc_ref/train/, the training names were carried over without a new run: mutmut
3.8.1's mutations of both layouts, generated and matched by function, mutation and rank. The
survivors of code that went, train_one's threads=/device= overrides and its second resolve, were
dropped; the next `make mutation` confirms the rest.)
Exit code 1 when a mutant listed as equivalent was killed or no longer exists (the list is stale).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = (
    "rmc_ref/train/config.py",
    "rmc_ref/train/loop.py",
    "rmc_ref/train/checkpoints.py",
    "rmc_ref/train/cli.py",
    "rmc_ref/viz.py",
)
SPAWNED = ROOT / "mutants" / "spawned-results.json"
KILLED_BY_SPAWNED: set[str] = set()

# mutmut's exit codes (mutmut/stats.py): 1 and 3 killed, 0 survived, 5 and 33 no tests, None not
# run, 36 / +-24 / 152 / 255 timeout, -11 / -9 segfault, 37 caught by a type check.
STATUS = {
    1: "killed",
    3: "killed",
    0: "survived",
    5: "no tests",
    33: "no tests",
    None: "not checked",
    36: "timeout",
    24: "timeout",
    -24: "timeout",
    152: "timeout",
    255: "timeout",
    -11: "segfault",
    -9: "segfault",
    34: "skipped",
    37: "type check",
}

# Survivors that behave exactly like the original code, with the reason (one line each).
EQUIVALENT: dict[str, str] = {
    # fontsize=None means rcParams['font.size'], 10 by default: the same size
    "rmc_ref.viz.x_plot_memory_step__mutmut_266": "fontsize=None means rcParams['font.size'], 10 by default: the same size",
    "rmc_ref.viz.x_plot_memory_survival__mutmut_164": "fontsize=None means rcParams['font.size'], 10 by default: the same size",
    "rmc_ref.viz.x_plot_cost__mutmut_201": "fontsize=None means rcParams['font.size'], 10 by default: the same size",
    "rmc_ref.viz.x_plot_attention_sharpness__mutmut_144": "fontsize=None means rcParams['font.size'], 10 by default: the same size",
    # image is assigned in the loop (at least one head) before it is read
    "rmc_ref.viz.x_plot_attention_sharpness__mutmut_90": "image is assigned in the loop (at least one head) before it is read",
    "rmc_ref.viz.x_plot_memory_step__mutmut_203": "image is assigned in the loop (at least one head) before it is read",
    "rmc_ref.viz.x_plot_memory_step__mutmut_157": "image is assigned in the loop (at least one head) before it is read",
    # squeeze=None is falsy, as squeeze=False
    "rmc_ref.viz.x_plot_attention_sharpness__mutmut_83": "squeeze=None is falsy, as squeeze=False",
    # matplotlib reads colour names (and fmt='none') case-insensitively
    "rmc_ref.viz.x_plot_learning_curves__mutmut_135": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_attention_map__mutmut_130": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_attention_map__mutmut_126": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_cost__mutmut_187": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_learning_curves__mutmut_152": "matplotlib reads colour names (and fmt='none') case-insensitively",
    # matplotlib reads interpolation names and grid's which= case-insensitively
    "rmc_ref.viz.x_plot_memory_step__mutmut_185": "matplotlib reads interpolation names and grid's which= case-insensitively",
    "rmc_ref.viz.x__heatmap__mutmut_20": "matplotlib reads interpolation names and grid's which= case-insensitively",
    "rmc_ref.viz.x_plot_cost__mutmut_196": "matplotlib reads interpolation names and grid's which= case-insensitively",
    # no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours
    "rmc_ref.viz.x_plot_memory_survival__mutmut_88": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    "rmc_ref.viz.x_plot_memory_survival__mutmut_92": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    "rmc_ref.viz.x_plot_memory_survival__mutmut_97": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    "rmc_ref.viz.x_plot_cost__mutmut_111": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    "rmc_ref.viz.x_plot_cost__mutmut_116": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    "rmc_ref.viz.x_plot_cost__mutmut_120": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    "rmc_ref.viz.x_plot_learning_curves__mutmut_28": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    # colorbar(None) takes the figure's current image, the last heatmap drawn, which is `image`
    "rmc_ref.viz.x_plot_memory_step__mutmut_249": "colorbar(None) takes the figure's current image, the last heatmap drawn, which is `image`",
    "rmc_ref.viz.x_plot_attention_map__mutmut_131": "colorbar(None) takes the figure's current image, the last heatmap drawn, which is `image`",
    "rmc_ref.viz.x_plot_attention_sharpness__mutmut_114": "colorbar(None) takes the figure's current image, the last heatmap drawn, which is `image`",
    # without ax=, colorbar takes space from the mappable's own axes, which is `ax`
    "rmc_ref.viz.x_plot_attention_map__mutmut_132": "without ax=, colorbar takes space from the mappable's own axes, which is `ax`",
    "rmc_ref.viz.x_plot_attention_map__mutmut_136": "without ax=, colorbar takes space from the mappable's own axes, which is `ax`",
    # cmap=None / no cmap is rcParams['image.cmap'], viridis by default, which is _CMAP
    "rmc_ref.viz.x__heatmap__mutmut_8": "cmap=None / no cmap is rcParams['image.cmap'], viridis by default, which is _CMAP",
    "rmc_ref.viz.x__heatmap__mutmut_14": "cmap=None / no cmap is rcParams['image.cmap'], viridis by default, which is _CMAP",
    # aspect=None / no aspect is rcParams['image.aspect'], 'equal' by default
    "rmc_ref.viz.x__heatmap__mutmut_10": "aspect=None / no aspect is rcParams['image.aspect'], 'equal' by default",
    "rmc_ref.viz.x__heatmap__mutmut_16": "aspect=None / no aspect is rcParams['image.aspect'], 'equal' by default",
    # the matrix is 2-D [N, N]: axis=+1 is axis=-1
    "rmc_ref.viz.x__row_entropy__mutmut_15": "the matrix is 2-D [N, N]: axis=+1 is axis=-1",
    # dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows
    "rmc_ref.viz.x_plot_rank_accuracy__mutmut_130": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x_plot_rank_accuracy__mutmut_132": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x_plot_attention_shares__mutmut_12": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x_plot_attention_shares__mutmut_14": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x__check_history__mutmut_11": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x__check_history__mutmut_13": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x__check_history__mutmut_31": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x__check_history__mutmut_33": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x_plot_memory_survival__mutmut_50": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x_plot_memory_survival__mutmut_52": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x_plot_memory_survival__mutmut_57": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x_plot_memory_survival__mutmut_59": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x_plot_memory_survival__mutmut_64": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x_plot_memory_survival__mutmut_66": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x_plot_cost__mutmut_62": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x_plot_cost__mutmut_64": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x_plot_cost__mutmut_69": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    "rmc_ref.viz.x_plot_cost__mutmut_71": "dtype=float dropped: the lists hold numbers, and np.median / min / max / comparisons and matplotlib treat int, float (and None, as NaN, via matplotlib) alike in what follows",
    # step lists hold numbers: without dtype=float an int array compares (array_equal) and plots exactly like the float one
    "rmc_ref.viz.x__stack_sweep_runs__mutmut_30": "step lists hold numbers: without dtype=float an int array compares (array_equal) and plots exactly like the float one",
    "rmc_ref.viz.x__stack_sweep_runs__mutmut_32": "step lists hold numbers: without dtype=float an int array compares (array_equal) and plots exactly like the float one",
    "rmc_ref.viz.x__stack_sweep_runs__mutmut_43": "step lists hold numbers: without dtype=float an int array compares (array_equal) and plots exactly like the float one",
    "rmc_ref.viz.x__stack_sweep_runs__mutmut_45": "step lists hold numbers: without dtype=float an int array compares (array_equal) and plots exactly like the float one",
    # a second example in the batch changes nothing read: attention[0], object_ids[0] and argmax[0] are the first row, and the model treats examples independently
    "rmc_ref.train.cli.x_save_attention_plot__mutmut_6": "a second example in the batch changes nothing read: attention[0], object_ids[0] and argmax[0] are the first row, and the model treats examples independently",
    # logits are [1, C]: dim=+1 is dim=-1
    "rmc_ref.train.cli.x_save_attention_plot__mutmut_28": "logits are [1, C]: dim=+1 is dim=-1",
    # argparse asks for the help string only for an option with a non-empty help, so `or ''` never applies
    "rmc_ref.train.cli.xǁ_HelpFormatterǁ_get_help_string__mutmut_10": "argparse calls _get_help_string only for an option with a non-empty help, so `or ''` never applies",
    # default=None dropped: argparse's default is None
    "rmc_ref.train.cli.x_build_parser__mutmut_94": "default=None dropped: argparse's default is None",
    "rmc_ref.train.cli.x_build_parser__mutmut_121": "default=None dropped: argparse's default is None",
    "rmc_ref.train.cli.x_build_parser__mutmut_354": "default=None dropped: argparse's default is None",
    "rmc_ref.train.cli.x_build_parser__mutmut_402": "default=None dropped: argparse's default is None",
    # fork_rng(devices=None) also forks the CUDA generators, which building a model on the CPU never draws from
    "rmc_ref.train.loop.x__matched_lstm_hidden__mutmut_1": "fork_rng(devices=None) also saves and restores the CUDA generators (none here), which building a model on the CPU never draws from",
    "rmc_ref.train.loop.x_resolve_models__mutmut_16": "fork_rng(devices=None) also saves and restores the CUDA generators (none here), which building a model on the CPU never draws from",
    "rmc_ref.train.loop.x_train_one__mutmut_20": "fork_rng(devices=None) also saves and restores the CUDA generators (none here), which building a model on the CPU never draws from",
    "rmc_ref.train.checkpoints.x_load_checkpoint__mutmut_28": "fork_rng(devices=None) also saves and restores the CUDA generators (none here), which building a model on the CPU never draws from",
    # set_to_none: backward() runs right after and writes the same gradients
    "rmc_ref.train.loop.x_train_one__mutmut_113": "backward() runs right after: 0 + g is g exactly, and every parameter gets a gradient at every step (tests/test_core.py::test_every_parameter_gets_a_gradient), so Adam sees the same gradients",
    "rmc_ref.train.loop.x_train_one__mutmut_114": "backward() runs right after: 0 + g is g exactly, and every parameter gets a gradient at every step (tests/test_core.py::test_every_parameter_gets_a_gradient), so Adam sees the same gradients",
    # logits are [b, C]: dim=+1 is dim=-1
    "rmc_ref.train.loop.x_train_one__mutmut_126": "logits are [b, C]: dim=+1 is dim=-1",
    # tqdm.write(file=None) writes to sys.stdout
    "rmc_ref.train.cli.x__run__mutmut_14": "tqdm.write(file=None) writes to sys.stdout",
    "rmc_ref.train.cli.x__run__mutmut_16": "tqdm.write(file=None) writes to sys.stdout",
    # train_one makes the same test set from the same seed when given none
    "rmc_ref.train.cli.x__run__mutmut_71": "without test_set, train_one makes make_test_set(task, config.test_size, seed) itself: the same batch",
    "rmc_ref.train.cli.x__run__mutmut_78": "without test_set, train_one makes make_test_set(task, config.test_size, seed) itself: the same batch",
    # json.dumps(allow_nan=None): falsy, as False
    "rmc_ref.train.cli.x__write_json__mutmut_5": "json.dumps(allow_nan=None) is falsy, as allow_nan=False: NaN still refused",
    # torch.empty(1) succeeds or fails on a device exactly as torch.empty(0)
    "rmc_ref.train.config.x__check_device__mutmut_13": "torch.empty(1) succeeds or fails on a device exactly as torch.empty(0)",
    # squeeze=None is falsy, as squeeze=False
    "rmc_ref.viz.x_plot_attention__mutmut_88": "squeeze=None is falsy, as squeeze=False",
    "rmc_ref.viz.x_plot_attention_over_time__mutmut_97": "squeeze=None is falsy, as squeeze=False",
    "rmc_ref.viz.x_plot_attention_shares__mutmut_73": "squeeze=None is falsy, as squeeze=False",
    # image is assigned in the loop (at least one head) before it is read
    "rmc_ref.viz.x_plot_attention__mutmut_96": "image is assigned in the loop (at least one head) before it is read",
    "rmc_ref.viz.x_plot_attention_over_time__mutmut_103": "image is assigned in the loop (at least one head) before it is read",
    # fontsize=None means rcParams['font.size'], 10 by default: the same size
    "rmc_ref.viz.x_plot_attention__mutmut_112": "fontsize=None means rcParams['font.size'], 10 by default: the same size",
    "rmc_ref.viz.x_plot_sweep__mutmut_160": "fontsize=None means rcParams['font.size'], 10 by default: the same size",
    "rmc_ref.viz.x_plot_nth_farthest_question__mutmut_356": "fontsize=None means rcParams['font.size'], 10 by default: the same size",
    "rmc_ref.viz.x_plot_rank_accuracy__mutmut_230": "fontsize=None means rcParams['font.size'], 10 by default: the same size",
    "rmc_ref.viz.x_plot_attention_shares__mutmut_151": "fontsize=None means rcParams['font.size'], 10 by default: the same size",
    # colorbar(None) takes the figure's current image, the last heatmap drawn, which is `image`
    "rmc_ref.viz.x_plot_attention__mutmut_116": "colorbar(None) takes the figure's current image, the last heatmap drawn, which is `image`",
    "rmc_ref.viz.x_plot_attention_over_time__mutmut_138": "colorbar(None) takes the figure's current image, the last heatmap drawn, which is `image`",
    # matplotlib reads colour names (and fmt='none') case-insensitively
    "rmc_ref.viz.x_plot_sweep__mutmut_100": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_sweep__mutmut_105": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_sweep__mutmut_111": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_sweep__mutmut_116": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_nth_farthest_question__mutmut_150": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_nth_farthest_question__mutmut_204": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_nth_farthest_question__mutmut_227": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_nth_farthest_question__mutmut_328": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_rank_accuracy__mutmut_121": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_rank_accuracy__mutmut_123": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_rank_accuracy__mutmut_165": "matplotlib reads colour names (and fmt='none') case-insensitively",
    "rmc_ref.viz.x_plot_rank_accuracy__mutmut_184": "matplotlib reads colour names (and fmt='none') case-insensitively",
    # numpy reads sort kinds case-insensitively
    "rmc_ref.viz.x_plot_nth_farthest_question__mutmut_110": "numpy reads sort kinds case-insensitively",
    # no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours
    "rmc_ref.viz.x_plot_sweep__mutmut_56": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    "rmc_ref.viz.x_plot_sweep__mutmut_61": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    "rmc_ref.viz.x_plot_sweep__mutmut_70": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    "rmc_ref.viz.x_plot_sweep__mutmut_91": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    "rmc_ref.viz.x_plot_rank_accuracy__mutmut_80": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    "rmc_ref.viz.x_plot_rank_accuracy__mutmut_85": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    "rmc_ref.viz.x_plot_rank_accuracy__mutmut_89": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    "rmc_ref.viz.x_plot_nth_farthest_question__mutmut_156": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    "rmc_ref.viz.x_plot_nth_farthest_question__mutmut_162": "no colour = the default cycle, which gives model i colour Ci in drawing order; 'CN' indexes the 10-colour cycle modulo 10, so % 11 names the same colours",
    # fill=None is falsy, and an unfilled bar's default edge colour is black
    "rmc_ref.viz.x_plot_nth_farthest_question__mutmut_310": "fill=None is falsy, and an unfilled bar's default edge colour is black",
    "rmc_ref.viz.x_plot_nth_farthest_question__mutmut_311": "fill=None is falsy, and an unfilled bar's default edge colour is black",
    "rmc_ref.viz.x_plot_nth_farthest_question__mutmut_318": "fill=None is falsy, and an unfilled bar's default edge colour is black",
    # loc='best' is the default of an axes legend
    "rmc_ref.viz.x_plot_nth_farthest_question__mutmut_275": "loc='best' is the default of an axes legend",
    "rmc_ref.viz.x_plot_nth_farthest_question__mutmut_277": "loc='best' is the default of an axes legend",
    # the first two rows of V^T are the same in the full and the reduced SVD
    "rmc_ref.viz.x__planar_view__mutmut_24": "the first two rows of V^T are the same in the full and the reduced SVD",
    "rmc_ref.viz.x__planar_view__mutmut_26": "the first two rows of V^T are the same in the full and the reduced SVD",
    "rmc_ref.viz.x__planar_view__mutmut_27": "the first two rows of V^T are the same in the full and the reduced SVD",
    # ids=None: by_id[None] = v and step_of[None] = arange assign the whole arrays, as the identity ids do
    "rmc_ref.viz.x_plot_nth_farthest_question__mutmut_35": "ids=None: by_id[None] = v and step_of[None] = arange assign the whole arrays, as the identity ids do",
    # the mean over slots of row sums equals the mean of column sums (both the total / N)
    "rmc_ref.viz.x_attention_shares__mutmut_73": "the mean over slots of row sums equals the mean of column sums (both the total / N)",
    # only the mean of _row_entropy is read: the mean of row sums equals the mean of column sums for a square map (both the total / N)
    "rmc_ref.viz.x__row_entropy__mutmut_16": "only the mean of _row_entropy is read, and for a square map the mean of row sums equals the mean of column sums (both the total / N)",
    # the sparse formatter labels the minor ticks of a log axis only, which are all > 0
    "rmc_ref.viz.x_plot_cost__mutmut_147": "the sparse formatter labels the minor ticks of a log axis only, which are all > 0",
    # get_legend_handles_labels() returns two lists of the same length: handles empty iff labels empty
    "rmc_ref.viz.x_plot_cost__mutmut_197": "get_legend_handles_labels() returns two lists of the same length: handles empty iff labels empty",
    # np.full_like on a float array turns None into NaN
    "rmc_ref.viz.x_plot_cost__mutmut_79": "x is a float array, and np.full_like(x, None) fills it with NaN, as np.full_like(x, np.nan)",
    # ax.plot([]) draws an empty y against an empty x: the same empty, legend-only line
    "rmc_ref.viz.x_plot_memory_survival__mutmut_109": "ax.plot([]) draws an empty y against an empty x: the same empty, legend-only line as ax.plot([], [])",
    "rmc_ref.viz.x_plot_memory_survival__mutmut_110": "ax.plot([]) draws an empty y against an empty x: the same empty, legend-only line as ax.plot([], [])",
    # ax.plot(y) draws y against arange(T), which is `steps`
    "rmc_ref.viz.x_plot_attention_shares__mutmut_110": "ax.plot(y) draws y against arange(T), which is `steps`",
}


# Survivors that do change behaviour, but only on a machine with a second device (a GPU): on a
# CPU-only machine every tensor and model is already on the CPU. Not counted as equivalent.
NEEDS_A_GPU: dict[str, str] = {
    "rmc_ref.viz.x__as_tensor__mutmut_1": "a GPU tensor not moved to the CPU before .numpy()",
    "rmc_ref.viz.x__as_tensor__mutmut_3": "a GPU tensor not moved to the CPU before .numpy()",
    "rmc_ref.train.loop.x_train_one__mutmut_29": "the model not moved to config.device",
    "rmc_ref.train.loop.x_train_one__mutmut_87": "the inputs not moved to config.device",
    "rmc_ref.train.loop.x_train_one__mutmut_88": "the labels not moved to config.device",
    "rmc_ref.train.cli.x_save_attention_plot__mutmut_12": "the example not moved to the model's device",
    "rmc_ref.train.cli.x_main__mutmut_47": "the --distributed CUDA branch (each process on its local GPU)",
    "rmc_ref.train.cli.x_main__mutmut_48": "the --distributed CUDA branch (each process on its local GPU)",
    "rmc_ref.train.cli.x_main__mutmut_49": "the --distributed CUDA branch (each process on its local GPU)",
    "rmc_ref.train.cli.x_main__mutmut_50": "the --distributed CUDA branch (each process on its local GPU)",
    "rmc_ref.train.cli.x_main__mutmut_51": "the --distributed CUDA branch (each process on its local GPU)",
    "rmc_ref.train.cli.x_main__mutmut_52": "the --distributed CUDA branch (each process on its local GPU)",
    "rmc_ref.train.cli.x_main__mutmut_53": "the --distributed CUDA branch (each process on its local GPU)",
    "rmc_ref.train.cli.x_main__mutmut_54": "the --distributed CUDA branch (each process on its local GPU)",
    "rmc_ref.train.cli.x_main__mutmut_55": "the --distributed CUDA branch (each process on its local GPU)",
    "rmc_ref.train.cli.x_main__mutmut_56": "the --distributed CUDA branch (each process on its local GPU)",
    "rmc_ref.train.cli.x_main__mutmut_57": "the --distributed CUDA branch (each process on its local GPU)",
    "rmc_ref.train.cli.x_main__mutmut_58": "the --distributed CUDA branch (each process on its local GPU)",
    "rmc_ref.train.cli.x_main__mutmut_59": "the --distributed CUDA branch (each process on its local GPU)",
}


def markdown_tables() -> str:
    """EQUIVALENT and NEEDS_A_GPU as markdown tables, one row per module and reason."""
    lines = []
    for title, table in (
        ("why they behave like the original", EQUIVALENT),
        ("what only a machine with a GPU shows", NEEDS_A_GPU),
    ):
        rows: dict[tuple[str, str], list[str]] = {}
        for name, reason in table.items():
            module, _, mutant = name.rpartition(".")  # rmc_ref.train.loop.x_f__mutmut_1 -> train/loop.py
            rows.setdefault((module.partition(".")[2].replace(".", "/") + ".py", reason), []).append(f"`{mutant}`")
        lines += ["", f"| module | mutants | {title} |", "| --- | --- | --- |"]
        lines += [f"| {module} | {', '.join(names)} | {reason} |" for (module, reason), names in rows.items()]
    return "\n".join(lines[1:])


def load(module: str) -> dict[str, str]:
    meta = ROOT / "mutants" / f"{module}.meta"
    if not meta.exists():
        sys.exit(f"{meta.relative_to(ROOT)} is missing: run `make mutation` first")
    codes = json.loads(meta.read_text())["exit_code_by_key"]
    status = {name: STATUS.get(code, "suspicious") for name, code in codes.items()}
    # survivors that the tests starting other processes kill (tests/tools/mutation_spawned.py)
    spawned = json.loads(SPAWNED.read_text()) if SPAWNED.exists() else {}
    for name, verdict in spawned.items():
        if status.get(name) == "survived" and verdict == "killed":
            status[name] = "killed"
            KILLED_BY_SPAWNED.add(name)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--survivors", action="store_true", help="list every survivor not in EQUIVALENT")
    parser.add_argument(
        "--markdown",
        action="store_true",
        help="print the EQUIVALENT and NEEDS_A_GPU lists as docs/mutation.md's tables, and stop",
    )
    args = parser.parse_args(argv)
    if args.markdown:
        print(markdown_tables())
        return 0
    stale = []
    header = (
        f"{'module':<28} {'total':>6} {'killed':>7} {'timeout':>8} {'survived':>9} {'no tests':>9} "
        f"{'not run':>8} {'equivalent':>11}  {'killed/total':>13}  {'killed/(total-equiv.)':>22}"
    )
    print(header)
    unexplained = []
    for module in MODULES:
        status = load(module)
        counts = Counter(status.values())
        prefix = module[:-3].replace("/", ".") + "."  # rmc_ref/train/loop.py -> rmc_ref.train.loop.
        stale += [
            name
            for name in (*EQUIVALENT, *NEEDS_A_GPU)
            if name.startswith(prefix) and status.get(name) in (None, "killed")
        ]
        equivalent = [
            name for name in EQUIVALENT if name.startswith(prefix) and status.get(name) in ("survived", "no tests")
        ]
        total = len(status)
        detected = counts["killed"]
        unexplained += sorted(
            name for name, value in status.items() if value in ("survived", "no tests") and name not in EQUIVALENT
        )
        print(
            f"{module:<28} {total:>6} {counts['killed']:>7} {counts['timeout']:>8} {counts['survived']:>9} "
            f"{counts['no tests']:>9} {counts['not checked']:>8} {len(equivalent):>11}  {detected / total:>13.1%}  "
            f"{detected / (total - len(equivalent)):>22.1%}"
        )
    if KILLED_BY_SPAWNED:
        print(
            f"(killed includes {len(KILLED_BY_SPAWNED)} survivors of mutmut's run killed by the tests that "
            "start processes: tests/tools/mutation_spawned.py)"
        )
    gpu_only = [name for name in unexplained if name in NEEDS_A_GPU]
    unexplained = [name for name in unexplained if name not in NEEDS_A_GPU]
    if gpu_only:
        print(f"({len(gpu_only)} of the survivors change behaviour only with a GPU: NEEDS_A_GPU)")
    if args.survivors:
        print(f"\n{len(unexplained)} survivors (or mutants no test reaches) neither equivalent nor GPU-only:")
        for name in unexplained:
            print(" ", name)
        if gpu_only:
            print(f"\n{len(gpu_only)} survivors that only a machine with a GPU can kill:")
            for name in gpu_only:
                print(f"  {name}: {NEEDS_A_GPU[name]}")
    if stale:
        print("\nlisted as equivalent or GPU-only but killed or gone (update the lists):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
