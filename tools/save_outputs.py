"""Execute notebooks' fast cells in order and keep their outputs (progress bars, widget state and huge HTML dropped;
`#| slow` ones too with --slow; `#| cuda` cells keep what they had). Run from the repository root, then `nbdev-clean`:
    python tools/save_outputs.py [--slow] nbs/01_data.ipynb [more notebooks]"""
import sys, os, re
from pathlib import Path
from execnb.shell import read_nb, write_nb, CaptureShell

SLOW = '--slow' in sys.argv # also run the `#| slow` cells (realistic sizes: minutes)
SKIP = re.compile(r'^#\|\s*(cuda|eval:\s*false)' if SLOW else r'^#\|\s*(slow|cuda|eval:\s*false)', re.M)

def skip(cell): return bool(SKIP.search(cell.source)) or 'nbdev_export()' in cell.source

def tidy(out):
    if out.get('output_type') == 'stream':
        t = ''.join(out['text']) if isinstance(out['text'], list) else out['text']
        if out.get('name') == 'stderr' and ('\r' in t or 'it/s]' in t or '%|' in t or 's/it]' in t): return None
        return out
    data = out.get('data')
    if data is not None:
        data.pop('application/vnd.jupyter.widget-view+json', None)
        if 'text/html' in data and len(''.join(data['text/html'])) > 20000: data.pop('text/html')
        if not data: return None
    return out

def save_outputs(path: Path):
    "Run the notebook at `path` from its own folder and write it back with the outputs of its fast cells"
    here = Path.cwd(); os.chdir(path.parent)
    try:
        nb = read_nb(path)
        CaptureShell(path=path.parent, mpl_format='png').run_all(nb, exc_stop=True, preproc=skip) # skipped cells keep their outputs
        for c in nb.cells:
            if c.cell_type == 'code': c.outputs = [o for o in map(tidy, c.get('outputs', [])) if o is not None]
        write_nb(nb, path)
    finally: os.chdir(here)
    print(path.name, sum(bool(c.get('outputs')) for c in nb.cells if c.cell_type == 'code'), 'code cells with output')

if __name__ == '__main__':
    for arg in sys.argv[1:]:
        if arg != '--slow': save_outputs(Path(arg).resolve())
