# exercise: ex02_memory
# cell(s): answer-2-2 (test-2-2)
# mechanism: an IPython line magic continued with a backslash is collapsed into ONE line by IPython's transformer; if the
#   filter mapped line numbers of the transformed cell back onto the raw cell, the kept def would be shifted
#   by one line and the top-level print above it kept. Probe only (no payload).
# observed: 0/7, flagged (skipped top-level code reaching into the kernel, line 1); no line shift: the filter maps transformed lines correctly
# --- cell answer-2-2 ---
%time \
0
print("R3PROBE magic-continuation ran")
def helper():
    return 1
    return 2
