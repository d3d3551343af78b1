"""fill_notebook.py NB SRC [SRC2 ...] OUT: put the defs of SRC files (later files override earlier ones) into the answer cells of exercise notebook NB, write OUT.

Example: python fill_notebook.py exercises/ex01_attention/ex01_attention.ipynb ex01_attention/correct.py ex01_attention/11_dn_softmax_dim1.py /tmp/out.ipynb

Each answer cell gets the imports and the def of its function; a def that is no answer (a helper)
goes into the first answer cell, before that cell's function.
"""

import ast
import json
import sys


def fill(nb_path, srcs):
    """The notebook (a dict) with the answer cells filled from ``srcs``."""
    defs, imports = {}, []
    for src in srcs:
        text = open(src).read()
        tree = ast.parse(text)
        for node in tree.body:
            seg = ast.get_source_segment(text, node)
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                if seg not in imports:
                    imports.append(seg)
            elif isinstance(node, ast.FunctionDef):
                defs[node.name] = seg
    nb = json.load(open(nb_path))
    answers = []
    for c in nb["cells"]:
        gid = c.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")
        if gid.startswith("answer"):
            answers.append(("".join(c["source"]).split("def ")[1].split("(")[0], c))
    helpers = [seg for name, seg in defs.items() if name not in {n for n, _ in answers}]
    for index, (name, c) in enumerate(answers):
        extra = "".join(h + "\n\n\n" for h in helpers) if index == 0 else ""
        c["source"] = "\n".join(imports) + "\n\n\n" + extra + defs[name] + "\n"
    return nb


if __name__ == "__main__":
    nb_path, *srcs, out = sys.argv[1:]
    json.dump(fill(nb_path, srcs), open(out, "w"), indent=1)
