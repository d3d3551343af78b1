# exercise: ex02_memory
# cell(s): answer-2-2 (test-2-2)
# mechanism: def-time code through a notebook metaclass (class Thing(metaclass=Meta)). Probe only.
# observed: 0/7, not flagged (both skipped: Meta 'a method `__new__` that Python calls by itself', Thing 'a class with a metaclass or keywords')
# --- cell answer-2-2 ---
class Meta(type):
    def __new__(mcls, name, bases, ns):
        print("R3PROBE metaclass ran")
        return super().__new__(mcls, name, bases, ns)


class Thing(metaclass=Meta):
    pass
