# exercise: ex02_memory
# cell(s): answer-2-1 (test-2-1)
# mechanism: def-time code through a base class's __init_subclass__ (class Sub(Base): pass). Probe only.
# observed: 0/7, not flagged (Base skipped: 'a method `__init_subclass__` that Python calls by itself'; Sub then fails with NameError)
# --- cell answer-2-1 ---
class Base:
    def __init_subclass__(cls, **kw):
        print("R3PROBE init_subclass ran")


class Sub(Base):
    pass
