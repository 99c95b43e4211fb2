"""Figures on how literate the notebooks are, for issue notes: per notebook, code cells with outputs and the share of
exported cells (the imports-only header cell aside) followed directly by an example; then the longest exported definitions and the modules' sizes.
    python tools/nb_stats.py"""
import ast, json, re
from pathlib import Path

root = Path(__file__).resolve().parents[1]

def directives(src): return set(re.findall(r'^#\|\s*(\w+)', src, re.M))

def is_import_cell(src):
    "An exported cell holding only imports (the module's header), which no example follows"
    body = [l for l in src.splitlines() if l.strip() and not l.startswith('#')]
    return all(l.startswith(('import ', 'from ')) or l.startswith(' ') for l in body)

def is_export(c):
    src = ''.join(c['source'])
    return c['cell_type'] == 'code' and directives(src) & {'export', 'exports'} and not is_import_cell(src)

def is_example(c):
    src = ''.join(c['source'])
    return c['cell_type'] == 'code' and src.strip() and not directives(src) & {'export', 'exports', 'exporti', 'hide'}

def notebook_stats(path):
    cells = json.loads(path.read_text())['cells']
    code = [c for c in cells if c['cell_type'] == 'code']
    exported = [i for i, c in enumerate(cells) if is_export(c)]
    # the next code cell after an exported one (markdown between is fine) must be an example
    def followed(i): return next((is_example(c) for c in cells[i+1:] if c['cell_type'] == 'code'), False)
    return dict(code=len(code), with_output=sum(bool(c.get('outputs')) for c in code),
                exported=len(exported), followed=sum(followed(i) for i in exported))

def definitions(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.col_offset == 0:
            yield node.end_lineno - node.lineno + 1, f'{path.stem}.{node.name}'

if __name__ == '__main__':
    nbs = sorted((root/'nbs').glob('*.ipynb')) + sorted((root/'nbs'/'tutorials').glob('*.ipynb'))
    total = dict(code=0, with_output=0, exported=0, followed=0)
    print(f"{'notebook':32} {'code':>5} {'w/ out':>6} {'export':>6} {'+ex':>4}")
    for nb in nbs:
        s = notebook_stats(nb)
        for k in total: total[k] += s[k]
        print(f"{str(nb.relative_to(root/'nbs')):32} {s['code']:5} {s['with_output']:6} {s['exported']:6} {s['followed']:4}")
    print(f"{'all':32} {total['code']:5} {total['with_output']:6} {total['exported']:6} {total['followed']:4}"
          f"   outputs {total['with_output']/total['code']:.0%}, followed by an example {total['followed']/total['exported']:.0%}")
    modules = sorted((root/'qgen_nb').glob('*.py'))
    longest = sorted((d for m in modules if m.name != '_modidx.py' for d in definitions(m)), reverse=True)[:8]
    print('longest definitions:', ', '.join(f'{name} {n}' for n, name in longest))
    print('module lines:', ', '.join(f'{m.stem} {len(m.read_text().splitlines())}' for m in modules if m.name not in ('_modidx.py', '__init__.py')))
