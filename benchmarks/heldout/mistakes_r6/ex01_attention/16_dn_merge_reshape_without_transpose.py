"""
exercise: 1.4
learner: weak
cause: In 1.3 attended [B, H, N, d_v] is reshaped straight to [B, N, H * d_v] without moving the head axis back, so every merged row mixes rows of one head instead of holding one row of every head; transpose(1, 2) before the reshape.
downstream: yes (1.3 merge_heads is wrong)
wrong_function: merge_heads
"""


def merge_heads(attended):
    batch, heads, num_rows, d_v = attended.shape
    return attended.reshape(batch, num_rows, heads * d_v)
