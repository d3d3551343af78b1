"""Instructor demos: each is one call for a static figure and one call for a live demo with sliders.

    from rmc_course.demos import widgets
    widgets.attention_sharpness_figure(temperature=0.5)   # a matplotlib Figure
    widgets.attention_sharpness_demo()                     # sliders + figure (JupyterLab, Voilà)

=================================  =====================================================
static figure                      interactive demo (controls)
=================================  =====================================================
``attention_sharpness_figure``     ``attention_sharpness_demo``: temperature, heads, sqrt(d_k)
``attention_maps_figure``          ``attention_maps_demo``: example, block, head, step
``gating_figure``                  ``gating_demo``: forget bias, gate style, input bias, steps
``memory_steps_figure``            ``memory_steps_demo``: example, block, step (slider + Play)
``cost_figure``                    ``cost_demo``: size to vary, train or forward, point to compare
=================================  =====================================================

The demos of a trained model take ``path`` (a checkpoint from ``python -m rmc_ref.train``);
the default is the shipped ``rmc_course/assets/showdown/rmc_seed0.pt``.

The wrappers are thin: ``rmc_course.demos.data`` computes the arrays (model runs are cached, so a
slider only re-slices them) and ``rmc_ref.viz`` draws them. A demo is a :class:`Demo`, an
``ipywidgets.VBox`` of controls over an image of the figure; ``demo.controls`` maps each
control's name to its widget, ``demo.figure`` is the figure on show, and setting a control's
``value`` (from the browser or from Python) redraws it.
"""

from __future__ import annotations

import contextlib
import html
import io
from pathlib import Path
from typing import Callable, Mapping

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from rmc_ref import viz

from . import data as demo_data

__all__ = [
    "Demo",
    "attention_sharpness_figure",
    "attention_sharpness_demo",
    "attention_maps_figure",
    "attention_maps_demo",
    "gating_figure",
    "gating_demo",
    "memory_steps_figure",
    "memory_steps_demo",
    "cost_figure",
    "cost_demo",
]

_STYLE = {"description_width": "initial"}


class Demo(widgets.VBox):
    """Controls over a figure. ``render(**{name: control.value})`` must return a ``Figure``.

    Attributes: ``controls`` {name: widget}; ``figure`` (the last figure drawn); ``image`` (the
    ``ipywidgets.Image`` showing it as PNG); ``error`` (the message of the last failed redraw, or
    None; the figure then stays as it was and the message shows under it). The last
    ``cache_size`` drawings are kept, so going back to a setting (or replaying Play) is instant.
    """

    def __init__(
        self,
        render: Callable[..., Figure],
        controls: Mapping[str, widgets.ValueWidget],
        extra: Mapping[str, widgets.Widget] | None = None,
        title: str | None = None,
        dpi: int = 90,
        cache_size: int = 64,
    ):
        self.render = render
        self.cache_size = cache_size
        self._drawn: dict[tuple, tuple[Figure, bytes]] = {}  # control values -> (figure, PNG)
        self.controls = dict(controls)
        self.extra = dict(extra or {})
        self.dpi = dpi
        self.figure: Figure | None = None
        self.error: str | None = None
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.image.add_class("rmc-demo-figure")
        self.status = widgets.HTML()
        self.status.add_class("rmc-demo-status")
        rows = []
        if title:
            rows.append(widgets.HTML(f"<b>{html.escape(title)}</b>"))
        rows.append(
            widgets.HBox(
                list(self.extra.values()) + list(self.controls.values()), layout=widgets.Layout(flex_flow="row wrap")
            )
        )
        super().__init__(rows + [self.image, self.status])
        self.add_class("rmc-demo")
        self._paused = False
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self.update()

    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def _changed(self, _change) -> None:
        if not self._paused:
            self.update()

    @contextlib.contextmanager
    def paused(self):
        """Change several controls without a redraw after each (call :meth:`update` after)."""
        self._paused = True
        try:
            yield
        finally:
            self._paused = False

    def update(self) -> None:
        """Redraw the figure for the current control values (from the cache if seen before)."""
        values = self.values()
        key = tuple(sorted(values.items()))
        if key not in self._drawn:
            try:
                figure = self.render(**values)
                buffer = io.BytesIO()
                figure.savefig(buffer, format="png", dpi=self.dpi)
            except Exception as error:  # shown to the lecturer instead of vanishing into a log
                self.error = f"{type(error).__name__}: {error}"
                self.status.value = f"<span style='color:#b00'>{html.escape(self.error)}</span>"
                return
            if len(self._drawn) >= self.cache_size:
                self._drawn.pop(next(iter(self._drawn)))
            self._drawn[key] = (figure, buffer.getvalue())
        self.figure, png = self._drawn[key]
        self.error = None
        self.status.value = ""
        self.image.value = png


def _int_slider(name: str, value: int, low: int, high: int, **kwargs) -> widgets.IntSlider:
    return widgets.IntSlider(
        value=value, min=low, max=high, step=1, description=name, continuous_update=False, style=_STYLE, **kwargs
    )


# ---------------------------------------------------------------------------------------------
# (a) attention sharpness


def attention_sharpness_figure(
    temperature: float = 1.0, num_heads: int = 2, scaled: bool = True, seed: int = 0
) -> Figure:
    """Toy self-attention of 6 random slots per head: low temperature sharpens, high flattens.

    ``scaled=False`` leaves out the 1/sqrt(d_k) of the scores (d_k = 16): the maps turn
    almost one-hot, which is why the paper scales.
    """
    weights = demo_data.toy_attention(temperature, num_heads, scaled, seed)  # [H, N, N]
    return viz.plot_attention_sharpness(weights, temperature=temperature, scaled=scaled)


def attention_sharpness_demo(temperature: float = 1.0, num_heads: int = 2, scaled: bool = True, seed: int = 0) -> Demo:
    """Sliders for :func:`attention_sharpness_figure`: temperature (log scale), heads, scaling."""
    controls = {
        "temperature": widgets.FloatLogSlider(
            value=temperature,
            base=10,
            min=-1.5,
            max=1.0,
            step=0.125,
            description="temperature",
            continuous_update=False,
            readout_format=".3g",
            style=_STYLE,
        ),
        "num_heads": _int_slider("heads", num_heads, 1, 4),
        "scaled": widgets.Checkbox(value=scaled, description="divide by sqrt(d_k)", indent=False),
    }
    return Demo(lambda **values: attention_sharpness_figure(seed=seed, **values), controls, title="Attention sharpness")


# ---------------------------------------------------------------------------------------------
# (b) attention maps of the trained RMC


def _check_index(name: str, value, size: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= value < size:
        raise ValueError(f"{name} must be an integer in [0, {size}), got {value!r}")
    return int(value)


def attention_maps_figure(
    path: str | Path | None = None,
    example: int = 0,
    head: int = 0,
    block: int = 0,
    step: int | None = None,
    num_examples: int = 16,
) -> Figure:
    """The trained RMC's attention for one held-out N-th Farthest example, head, block and step.

    Row q is what memory slot q (or the input row) reads from each slot at that step. ``step``
    defaults to the last step, where the answer is read out.
    """
    trace = demo_data.rmc_trace(path, num_examples)
    example = _check_index("example", example, trace.num_examples)
    step = trace.num_steps - 1 if step is None else _check_index("step", step, trace.num_steps)
    block = _check_index("block", block, trace.num_blocks)
    head = _check_index("head", head, trace.num_heads)
    weights = trace.attention[example, step, block, head]  # [Nq, Nk]
    shown = int(trace.object_ids[example, step])
    title = f"{trace.caption(example)}\nstep {step} (shows object {shown}), block {block}, head {head}"
    return viz.plot_attention_map(weights, title=title, input_row=trace.input_row)


def attention_maps_demo(
    path: str | Path | None = None,
    example: int = 0,
    head: int = 0,
    block: int = 0,
    step: int | None = None,
    num_examples: int = 16,
) -> Demo:
    """Sliders for :func:`attention_maps_figure`: example, block, head and step."""
    trace = demo_data.rmc_trace(path, num_examples)
    controls = {
        "example": _int_slider("example", example, 0, trace.num_examples - 1),
        "block": _int_slider("block", block, 0, trace.num_blocks - 1, disabled=trace.num_blocks == 1),
        "head": _int_slider("head", head, 0, trace.num_heads - 1),
        "step": _int_slider("step", trace.num_steps - 1 if step is None else step, 0, trace.num_steps - 1),
    }
    return Demo(
        lambda **values: attention_maps_figure(path, num_examples=num_examples, **values),
        controls,
        title="Attention maps of the trained RMC",
    )


# ---------------------------------------------------------------------------------------------
# (c) gating


_GATE_STYLES = {"unit": "unit", "memory": "memory", "none": None}


def _gate_style(style):
    if style in _GATE_STYLES:
        return _GATE_STYLES[style]
    if style is None:
        return None
    raise ValueError(f"gate_style must be one of {list(_GATE_STYLES)}, got {style!r}")


def gating_figure(
    forget_bias: float = 1.0, gate_style: str | None = "unit", steps: int = 30, input_bias: float = 0.0, seed: int = 0
) -> Figure:
    """How much of the starting memory survives over ``steps`` steps of an untrained RMC.

    The chosen gate style is drawn thick; the other styles at the same biases thin, to compare.
    ``gate_style`` is 'unit', 'memory' or 'none' (None).
    """
    chosen = "none" if _gate_style(gate_style) is None else gate_style
    curves = {}
    for name, style in _GATE_STYLES.items():
        curve = demo_data.gate_survival(forget_bias, style, steps, input_bias, seed)
        curves[f"gate_style={name}" + (" (no gates)" if style is None else "")] = curve
    highlight = next(label for label in curves if label.startswith(f"gate_style={chosen}"))
    title = (
        f"forget_bias={float(forget_bias):g}, input_bias={float(input_bias):g}: "
        f"σ(f + forget_bias) near 1 keeps the memory, near 0 rewrites it every step"
    )
    return viz.plot_memory_survival(curves, highlight=highlight, title=title)


def gating_demo(
    forget_bias: float = 1.0, gate_style: str = "unit", steps: int = 30, input_bias: float = 0.0, seed: int = 0
) -> Demo:
    """Sliders for :func:`gating_figure`: forget bias, gate style, input bias, number of steps."""
    controls = {
        "forget_bias": widgets.FloatSlider(
            value=forget_bias,
            min=-4.0,
            max=6.0,
            step=0.5,
            description="forget bias",
            continuous_update=False,
            style=_STYLE,
        ),
        "gate_style": widgets.Dropdown(
            options=list(_GATE_STYLES),
            value="none" if gate_style is None else gate_style,
            description="gate style",
            style=_STYLE,
        ),
        "input_bias": widgets.FloatSlider(
            value=input_bias,
            min=-4.0,
            max=4.0,
            step=0.5,
            description="input bias",
            continuous_update=False,
            style=_STYLE,
        ),
        "steps": _int_slider("steps", steps, 5, 60),
    }
    return Demo(lambda **values: gating_figure(seed=seed, **values), controls, title="Gating: what survives")


# ---------------------------------------------------------------------------------------------
# (d) stepping through time


def memory_steps_figure(
    path: str | Path | None = None, example: int = 0, step: int = 0, block: int = 0, num_examples: int = 16
) -> Figure:
    """Step ``step`` of the trained RMC on one example: memory before, attention, memory after."""
    trace = demo_data.rmc_trace(path, num_examples)
    example = _check_index("example", example, trace.num_examples)
    step = _check_index("step", step, trace.num_steps)
    block = _check_index("block", block, trace.num_blocks)
    shown = int(trace.object_ids[example, step])
    title = f"{trace.caption(example)}\nstep {step} of {trace.num_steps}: reads object {shown} (block {block})"
    return viz.plot_memory_step(
        trace.memory[example, step],
        trace.attention[example, step, block],
        trace.memory[example, step + 1],
        title=title,
        input_row=trace.input_row,
    )


def memory_steps_demo(
    path: str | Path | None = None,
    example: int = 0,
    step: int = 0,
    block: int = 0,
    num_examples: int = 16,
    interval_ms: int = 1200,
) -> Demo:
    """Sliders for :func:`memory_steps_figure`; the Play button walks the step slider through time."""
    trace = demo_data.rmc_trace(path, num_examples)
    controls = {
        "example": _int_slider("example", example, 0, trace.num_examples - 1),
        "block": _int_slider("block", block, 0, trace.num_blocks - 1, disabled=trace.num_blocks == 1),
        "step": _int_slider("step", step, 0, trace.num_steps - 1),
    }
    play = widgets.Play(value=step, min=0, max=trace.num_steps - 1, step=1, interval=interval_ms, description="play")
    widgets.jslink((play, "value"), (controls["step"], "value"))
    return Demo(
        lambda **values: memory_steps_figure(path, num_examples=num_examples, **values),
        controls,
        extra={"play": play},
        title="Stepping through time",
    )


# ---------------------------------------------------------------------------------------------
# (e) cost explorer


def _format_cost(value: float, unit: str) -> str:
    return "n/a" if not np.isfinite(value) else f"{value:.3g} {unit}"


def cost_figure(
    path: str | Path | None = None, vary: str = "seq_len", mode: str = "train", at: float | None = None
) -> Figure:
    """Measured time and memory of the RMC, the matched LSTM and a transformer, against one size.

    ``vary`` 'seq_len', 'slots' or 'heads' (the other sizes stay at the table's base values);
    ``mode`` 'train' (forward + backward) or 'forward'; ``at`` marks one swept value (default:
    the base value) and the title compares the models there. ``path`` defaults to the shipped
    ``rmc_course/assets/scaling/scaling.json`` from ``python benchmarks/scaling.py``.
    """
    data = demo_data.scaling_data(path)
    curves = demo_data.cost_curves(data, vary, mode)
    base_value = data["base"][demo_data.SWEEP_KEYS[vary]]
    values = list(data["sweeps"][vary])
    if at is None or at not in values:
        at = base_value if base_value in values else values[0]
    series = {
        model: {key: curve[key] for key in ("x", "time", "memory", "time_exponent", "memory_exponent")}
        for model, curve in curves.items()
    }
    at_point = []
    for model, curve in curves.items():
        index = np.flatnonzero(curve["x"] == at)
        if index.size:
            at_point.append(
                f"{model} {_format_cost(curve['time'][index[0]], 'ms')}, "
                f"{_format_cost(curve['memory'][index[0]], 'MiB')}"
            )
    fixed = ", ".join(f"{key}={value}" for key, value in data["base"].items() if key != demo_data.SWEEP_KEYS[vary])
    title = (
        f"{mode}: cost against {demo_data.SWEEPS[vary]} ({fixed})\n~ x^k: fitted slope over the last 3 points; "
        f"at {at:g}: " + "; ".join(at_point)
    )
    return viz.plot_cost(series, demo_data.SWEEPS[vary], highlight_x=at, title=title)


def cost_demo(path: str | Path | None = None, vary: str = "seq_len", mode: str = "train") -> Demo:
    """Controls for :func:`cost_figure`: which size to vary, train or forward, and a point to compare at."""
    data = demo_data.scaling_data(path)

    def point_options(sweep: str):
        values = list(data["sweeps"][sweep])
        base = data["base"][demo_data.SWEEP_KEYS[sweep]]
        return values, (base if base in values else values[0])

    values, start = point_options(vary)
    controls = {
        "vary": widgets.Dropdown(
            options=[(label, key) for key, label in demo_data.SWEEPS.items() if key in data["sweeps"]],
            value=vary,
            description="vary",
            style=_STYLE,
        ),
        "mode": widgets.ToggleButtons(options=list(data["modes"]), value=mode, description="mode", style=_STYLE),
        "at": widgets.SelectionSlider(
            options=values, value=start, description="compare at", continuous_update=False, style=_STYLE
        ),
    }
    holder: dict[str, Demo] = {}

    def new_sweep(change) -> None:  # runs before the demo's own redraw (registered first)
        new_values, new_start = point_options(change["new"])
        with holder["demo"].paused():
            controls["at"].options = new_values
            controls["at"].value = new_start

    controls["vary"].observe(new_sweep, names="value")
    holder["demo"] = Demo(
        lambda **values: cost_figure(path, **values), controls, title="What it costs: measured time and memory"
    )
    return holder["demo"]
