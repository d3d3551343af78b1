"""The Relational Memory Core (lesson 4): one step, ``unroll`` over a sequence, attention capture.

One step (x_t, M) -> (output, M'), following the paper and DeepMind Sonnet v1's
``RelationalMemory`` (each equation and Sonnet's choices: ``docs/paper_notes.md``):

1. x̂ = Linear(x_t)                                   # [B, F]
2. M̂ = [M; x̂]                                        # [B, N+1, F]  (input_mode="row")
3. num_blocks times, each block with its own attention Linear and LayerNorms, one MLP shared
   by all blocks (as Sonnet builds it):
       M̂ = LayerNorm(M̂ + MultiHeadAttention(M̂))
       M̂ = LayerNorm(M̂ + MLP(M̂))
4. M̃ = M̂[:, :N]                                      # drop the input row
5. M' = σ(i) ⊙ tanh(M̃) + σ(f) ⊙ M                    # gates from x̂ and tanh(M), unless None
6. output = flatten(M')                               # [B, N*F]
"""

from __future__ import annotations

import torch
from torch import nn

from . import fast
from .attention import MultiHeadAttention
from .gating import DEFAULT_FORGET_BIAS, DEFAULT_INPUT_BIAS, GATE_STYLES, Gates, apply_gates, check_bias
from .memory import INPUT_MODES, InputProjection, append_input_row, initial_memory, tile_input
from .shapes import check_dtype_device, check_positive_int, check_shape
from .sonnet_init import sonnet_linear_init


def attention_mlp(mem_size: int, num_layers: int) -> nn.Sequential:
    """``num_layers`` Linear(F -> F) layers with ReLU between them and none after the last."""
    layers: list[nn.Module] = []
    for index in range(num_layers):
        if index > 0:
            layers.append(nn.ReLU())
        layers.append(sonnet_linear_init(nn.Linear(mem_size, mem_size)))
    return nn.Sequential(*layers)


class AttentionBlock(nn.Module):
    """One block: attention with residual + LayerNorm, then the (shared) MLP with residual + LayerNorm."""

    def __init__(self, mem_size: int, num_heads: int, key_size: int, head_size: int, qkv_in_features: int):
        super().__init__()
        self.attention = MultiHeadAttention(num_heads, key_size, head_size, in_features=qkv_in_features)
        self.attention_norm = nn.LayerNorm(mem_size)
        self.mlp_norm = nn.LayerNorm(mem_size)

    def forward(
        self, memory: torch.Tensor, qkv_rows: torch.Tensor, mlp: nn.Module
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """memory [B, R, F] (the residual stream), qkv_rows [B, R, F or 2F] -> memory [B, R, F], weights [B, H, R, R]."""
        attended, weights = self.attention(qkv_rows)  # [B, R, F], [B, H, R, R]
        memory = self.attention_norm(memory + attended)  # [B, R, F]
        memory = self.mlp_norm(memory + mlp(memory))  # [B, R, F]
        return memory, weights


class RelationalMemory(nn.Module):
    """Relational Memory Core (Santoro et al. 2018).

    Args (Sonnet's names): ``input_size`` width of x_t; ``mem_slots`` N; ``head_size`` d_v;
    ``num_heads`` H; ``num_blocks`` attention blocks per step; ``forget_bias`` / ``input_bias``
    constants added inside the gate sigmoids; ``gate_style`` 'unit', 'memory' or None;
    ``attention_mlp_layers`` Linear layers in the MLP; ``key_size`` d_k (default d_v);
    ``input_mode`` 'row' (paper) or 'tile' (the seed's picture, see ``rmc_ref.memory``).

    Memory width F = ``mem_size`` = H * d_v. The state is the memory, [B, N, F].

    ``fast_path`` (default True): ``forward`` and ``unroll`` run ``rmc_ref.fast``, the same math
    in fewer operations, whenever the core is exactly the one built here (see
    :meth:`uses_fast_path`); set it to False to run the readable code below, step by step.
    """

    fast_path = True

    def __init__(
        self,
        input_size: int,
        mem_slots: int,
        head_size: int,
        num_heads: int = 1,
        num_blocks: int = 1,
        forget_bias: float = DEFAULT_FORGET_BIAS,
        input_bias: float = DEFAULT_INPUT_BIAS,
        gate_style: str | None = "unit",
        attention_mlp_layers: int = 2,
        key_size: int | None = None,
        input_mode: str = "row",
    ):
        super().__init__()
        self.input_size = check_positive_int("input_size", input_size)
        self.mem_slots = check_positive_int("mem_slots", mem_slots)
        self.head_size = check_positive_int("head_size", head_size)
        self.num_heads = check_positive_int("num_heads", num_heads)
        self.num_blocks = check_positive_int("num_blocks", num_blocks)
        self.attention_mlp_layers = check_positive_int("attention_mlp_layers", attention_mlp_layers)
        self.key_size = check_positive_int("key_size", key_size if key_size is not None else head_size)
        if gate_style not in GATE_STYLES:
            raise ValueError(f"gate_style must be one of 'unit', 'memory' or None, got {gate_style!r}")
        if input_mode not in INPUT_MODES:
            raise ValueError(f"input_mode must be 'row' (paper) or 'tile' (seed), got {input_mode!r}")
        self.gate_style = gate_style
        self.input_mode = input_mode
        forget_bias = check_bias("forget_bias", forget_bias)
        input_bias = check_bias("input_bias", input_bias)
        self.mem_size = self.num_heads * self.head_size

        qkv_in = self.mem_size if input_mode == "row" else 2 * self.mem_size
        self.input_projection = InputProjection(input_size, self.mem_size)
        self.blocks = nn.ModuleList(
            AttentionBlock(self.mem_size, self.num_heads, self.key_size, self.head_size, qkv_in)
            for _ in range(self.num_blocks)
        )
        self.mlp = attention_mlp(self.mem_size, self.attention_mlp_layers)
        self.gates = Gates(self.mem_size, gate_style, forget_bias, input_bias) if gate_style is not None else None
        # Without gates the constants do nothing; they are kept only so repr and the API stay uniform.
        self._ungated_biases = {"forget_bias": forget_bias, "input_bias": input_bias}

    # One home for the bias constants: the Gates module (read at every step). These properties
    # delegate to it, so ``core.forget_bias = 3.0`` on a built core changes the next step.
    @property
    def forget_bias(self) -> float:
        return self.gates.forget_bias if self.gates is not None else self._ungated_biases["forget_bias"]

    @forget_bias.setter
    def forget_bias(self, value: float) -> None:
        if self.gates is not None:
            self.gates.forget_bias = value
        else:
            self._ungated_biases["forget_bias"] = check_bias("forget_bias", value)

    @property
    def input_bias(self) -> float:
        return self.gates.input_bias if self.gates is not None else self._ungated_biases["input_bias"]

    @input_bias.setter
    def input_bias(self, value: float) -> None:
        if self.gates is not None:
            self.gates.input_bias = value
        else:
            self._ungated_biases["input_bias"] = check_bias("input_bias", value)

    @property
    def output_size(self) -> int:
        """Width of one step's output: N * F."""
        return self.mem_slots * self.mem_size

    def uses_fast_path(self) -> bool:
        """True when ``forward`` and ``unroll`` hand their work to ``rmc_ref.fast``: ``fast_path``
        is on and the core is exactly the one built here, a plain ``RelationalMemory`` whose parts
        are the ones it builds (the MLP excepted: the fast path calls ``self.mlp`` as the readable
        path does).

        Anything else (a subclass overriding a step, a replaced block, LayerNorm or gate module, a
        forward hook on a part, the seed's 'tile' input mode) runs the readable code, so every
        lesson's experiment on the model still does what it says.
        """
        if not self.fast_path or self.input_mode != "row":
            return False
        cls = type(self)
        for name in ("forward", "unroll", "attend_over_memory", "initial_state"):
            if getattr(cls, name) is not getattr(RelationalMemory, name):
                return False
        if self._forward_hooks or self._forward_pre_hooks:  # readable unroll fires them at every step
            return False
        parts = [(self.input_projection, InputProjection), (self.input_projection.linear, nn.Linear)]
        for block in self.blocks:
            parts += [
                (block, AttentionBlock),
                (block.attention, MultiHeadAttention),
                (block.attention.qkv_projection, nn.Linear),
                (block.attention.qkv_layer_norm, nn.LayerNorm),
                (block.attention_norm, nn.LayerNorm),
                (block.mlp_norm, nn.LayerNorm),
            ]
        if self.gates is not None:
            parts += [
                (self.gates, Gates),
                (self.gates.input_to_gates, nn.Linear),
                (self.gates.memory_to_gates, nn.Linear),
            ]
        for module, expected in parts:
            if type(module) is not expected or module._forward_hooks or module._forward_pre_hooks:
                return False
        return not (nn.modules.module._global_forward_hooks or nn.modules.module._global_forward_pre_hooks)

    def initial_state(self, batch_size: int) -> torch.Tensor:
        """Identity-padded memory [B, N, F] on this module's device and dtype (not learned)."""
        weight = self.input_projection.linear.weight
        return initial_memory(batch_size, self.mem_slots, self.mem_size, dtype=weight.dtype, device=weight.device)

    def _check_state(self, inputs: torch.Tensor, memory: torch.Tensor) -> None:
        check_shape(
            "state (memory)",
            memory,
            (inputs.shape[0], self.mem_slots, self.mem_size),
            hint="[batch, mem_slots, mem_size] with the input's batch size; get one from initial_state(batch_size)",
        )
        check_dtype_device("state (memory)", memory, self.input_projection.linear.weight)

    def attend_over_memory(
        self, memory: torch.Tensor, projected_input: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Steps 2-4: memory [B, N, F], x̂ [B, F] -> M̃ [B, N, F], weights [B, num_blocks, H, R, R]."""
        if self.input_mode == "row":
            stream = append_input_row(memory, projected_input)  # [B, N+1, F]
        else:
            stream = memory  # [B, N, F]
        all_weights = []
        for block in self.blocks:
            qkv_rows = stream if self.input_mode == "row" else tile_input(stream, projected_input)
            stream, weights = block(stream, qkv_rows, self.mlp)  # [B, R, F], [B, H, R, R]
            all_weights.append(weights)
        attended_memory = stream[:, : self.mem_slots]  # [B, N, F]: drops the input row in 'row' mode
        return attended_memory, torch.stack(all_weights, dim=1)  # [B, N, F], [B, blocks, H, R, R]

    def forward(self, inputs: torch.Tensor, state: torch.Tensor | None = None, return_attention: bool = False):
        """One step: x_t [B, input_size], state [B, N, F] -> (output [B, N*F], new state [B, N, F]
        [, attention weights [B, num_blocks, H, Nq, Nk]]). Nq = Nk = N+1 in 'row' mode, N in 'tile'.
        """
        check_shape(
            "input x_t",
            inputs,
            ("B", self.input_size),
            hint="one time step per call; use unroll() for a [B, T, input_size] sequence",
        )
        check_dtype_device("input x_t", inputs, self.input_projection.linear.weight)
        if state is None:
            state = self.initial_state(inputs.shape[0])
        self._check_state(inputs, state)
        if self.uses_fast_path():
            outputs, *rest = fast.unroll(self, inputs.unsqueeze(1), state, return_attention)
            return (outputs[:, 0], rest[0], rest[1][:, 0]) if return_attention else (outputs[:, 0], rest[0])
        memory = state  # [B, N, F]
        projected_input = self.input_projection(inputs)  # [B, F]
        attended_memory, weights = self.attend_over_memory(memory, projected_input)
        if self.gates is not None:
            input_gate, forget_gate = self.gates(projected_input, memory)  # [B, N, G] each
            next_memory = apply_gates(attended_memory, memory, input_gate, forget_gate)  # [B, N, F]
        else:
            next_memory = attended_memory  # [B, N, F]
        output = next_memory.reshape(next_memory.shape[0], -1)  # [B, N*F]
        if return_attention:
            return output, next_memory, weights
        return output, next_memory

    def unroll(self, inputs: torch.Tensor, state: torch.Tensor | None = None, return_attention: bool = False):
        """Run over a sequence: x [B, T, input_size] -> (outputs [B, T, N*F], final state [B, N, F]
        [, attention [B, T, num_blocks, H, Nq, Nk]])."""
        check_shape(
            "input sequence x",
            inputs,
            ("B", "T", self.input_size),
            hint="unroll takes [batch, time, input_size]; for one step call the core directly",
        )
        check_dtype_device("input sequence x", inputs, self.input_projection.linear.weight)
        if inputs.shape[1] == 0:
            raise ValueError(
                "input sequence x must have at least one time step, got shape "
                f"[{inputs.shape[0]}, 0, {inputs.shape[2]}]"
            )
        if state is None:
            state = self.initial_state(inputs.shape[0])
        if self.uses_fast_path():
            self._check_state(inputs[:, 0], state)
            return fast.unroll(self, inputs, state, return_attention)
        outputs, attentions = [], []
        for t in range(inputs.shape[1]):
            output, state, weights = self(inputs[:, t], state, return_attention=True)
            outputs.append(output)
            attentions.append(weights)
        outputs = torch.stack(outputs, dim=1)  # [B, T, N*F]
        if return_attention:
            return outputs, state, torch.stack(attentions, dim=1)  # [B, T, blocks, H, Nq, Nk]
        return outputs, state

    def extra_repr(self) -> str:
        return (
            f"input_size={self.input_size}, mem_slots={self.mem_slots}, head_size={self.head_size}, "
            f"num_heads={self.num_heads}, num_blocks={self.num_blocks}, key_size={self.key_size}, "
            f"gate_style={self.gate_style!r}, input_mode={self.input_mode!r}, "
            f"forget_bias={self.forget_bias}, input_bias={self.input_bias}"
        )
