"""Build the documentation site without Quarto: `python tools/build_site.py [--execute]` writes `_docs/`.

Where Quarto is installed, `nbdev-docs` builds the site. This builder serves machines without it (CI, offline work):
nbdev's documentation processors (the ones `nbdev-proc-nbs` applies) turn each notebook into `_proc/` (show_doc cells
rendered with signatures and parameter tables, directives applied, hidden cells removed), nbconvert's HTML exporter turns
each processed notebook into a page, and every page gets the sidebar of `nbs/_quarto.yml`, in its order. Links nbdev makes
to the published site point to the local page, or become plain code where no local page has the name. With `--execute`
each notebook is run first (in its folder, skipping the `tst_flags` cells, as `nbdev-test` does), so its outputs and
plots appear; without it the pages show the outputs saved in the notebooks.
"""
from __future__ import annotations
import argparse, html, os, re, shutil
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
import yaml

ROOT = Path(__file__).resolve().parents[1]
NBS, PROC, DOCS = ROOT/'nbs', ROOT/'_proc', ROOT/'_docs'
TEMPLATE = Path(__file__).with_name('site_page.html.j2')
ASSETS = {'.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp'}

def sidebar(quarto_yml: Path = NBS/'_quarto.yml') -> list[tuple[str, list[str]]]:
    "The sidebar of `_quarto.yml` as (section title, notebook paths) groups; top-level entries go in groups titled ''"
    contents = ((yaml.safe_load(Path(quarto_yml).read_text()) or {}).get('website') or {}).get('sidebar', {}).get('contents')
    if not contents: raise ValueError(f"{quarto_yml}: no website.sidebar.contents to take the page order from")
    groups = []
    for item in contents:
        if isinstance(item, dict) and 'section' in item: groups.append((item['section'], [_entry(x, quarto_yml) for x in item.get('contents', [])]))
        elif groups and groups[-1][0] == '': groups[-1][1].append(_entry(item, quarto_yml))
        else: groups.append(('', [_entry(item, quarto_yml)]))
    return groups

def _entry(item, quarto_yml) -> str:
    "The file a sidebar entry names (a path, or a dict with `href`)"
    if isinstance(item, str): return item
    if isinstance(item, dict) and isinstance(item.get('href'), str): return item['href']
    raise ValueError(f"{quarto_yml}: sidebar entry {item!r} is neither a file nor a section of files")

def _run_cells(nb):
    "Run a notebook's cells in place as `nbdev-test` does: code cells without a `tst_flags` flag or `eval: false`"
    from execnb.shell import CaptureShell
    from nbdev.config import get_config
    from nbdev.process import NBProcessor
    flags = set(str(get_config().get('tst_flags', '')).split())
    NBProcessor(nb=nb, rm_directives=False, process=True)  # parses each cell's directives into `directives_`
    def skip(cell):
        d = getattr(cell, 'directives_', {}) or {}
        return cell.cell_type != 'code' or 'nbdev_export()' in cell.source or bool(flags & d.keys()) or d.get('eval:', [''])[0].lower() == 'false'
    CaptureShell().run_all(nb, exc_stop=True, preproc=skip)

def process_notebook(src: Path, execute: bool = False) -> Path:
    "`src` processed by nbdev's documentation processors (run first when `execute`), written to `_proc/`"
    from fastcore.nbio import read_nb, write_nb
    from nbdev.processors import FilterDefaults
    os.chdir(src.parent)  # notebooks refer to their data relative to their own folder, as in `nbdev-test`
    dst = PROC/src.relative_to(NBS)
    dst.parent.mkdir(parents=True, exist_ok=True)
    nb = read_nb(src)
    try:
        if execute:  # written and read back, since execnb leaves output text as lists of lines
            _run_cells(nb); write_nb(nb, dst); nb = read_nb(dst)
        FilterDefaults()(nb)
    except Exception as e: raise RuntimeError(f"{src.relative_to(ROOT)}: {e}") from None
    write_nb(nb, dst)
    return dst

def process_all(execute: bool = False) -> list[Path]:
    "Process every notebook of `nbs/`, each in a fresh process (as `nbdev-proc-nbs` does), one at a time"
    srcs = sorted(p for p in NBS.rglob('*.ipynb') if not any(part.startswith(('_', '.')) for part in p.relative_to(NBS).parts))
    shutil.rmtree(PROC, ignore_errors=True)
    with ProcessPoolExecutor(1, mp_context=get_context('spawn'), max_tasks_per_child=1) as pool:
        return list(pool.map(process_notebook, srcs, [execute] * len(srcs)))

def frontmatter(nb) -> dict:
    "The YAML front matter nbdev puts in a processed notebook's first (raw) cell"
    first = nb.cells[0] if nb.cells else None
    if first is None or first.cell_type != 'raw' or not first.source.startswith('---'): return {}
    return yaml.safe_load(first.source.strip().strip('-')) or {}

def page_file(proc_nb: Path, fm: dict) -> Path:
    "Where Quarto would write the page of a processed notebook, relative to the site root"
    rel = proc_nb.relative_to(PROC)
    return rel.parent/fm.get('output-file', rel.with_suffix('.html').name)

def _cell_options(source: str) -> tuple[dict, str]:
    "A cell's leading `#| key: value` options, and its source without them"
    lines = source.splitlines()
    n = next((i for i, l in enumerate(lines) if not l.startswith('#|')), len(lines))
    opts = yaml.safe_load('\n'.join(l[2:].strip() for l in lines[:n])) if n else {}
    return opts if isinstance(opts, dict) else {}, '\n'.join(lines[n:])

def _pandoc_links(md: str) -> str:
    "Markdown links with Pandoc attributes, `[text](url){target=...}`, as HTML links (Quarto reads these; mistune does not)"
    return re.sub(r'\[([^\]]*)\]\(([^)\s]+)\)\{([^}]*)\}', lambda m: f'<a href="{m[2]}" {m[3]}>{m[1]}</a>', md)

def for_nbconvert(nb):
    "Apply what Quarto would: cell options (`echo`, `include`, `output`) and Pandoc link attributes; drop the front matter"
    cells = []
    for c in nb.cells[1 if frontmatter(nb) else 0:]:
        if c.cell_type == 'markdown': c.source = _pandoc_links(c.source)
        if c.cell_type != 'code': cells.append(c); continue
        opts, c.source = _cell_options(c.source)
        if opts.get('include') is False: continue
        if opts.get('echo') is False: c.metadata.setdefault('transient', {})['remove_source'] = True
        if opts.get('output') is False: c.outputs = []
        for o in c.outputs:
            if 'text/markdown' in o.get('data', {}): o.data['text/markdown'] = _pandoc_links(o.data['text/markdown'])
        cells.append(c)
    for c in cells:  # nbdev's bookkeeping keys (e.g. `has_sd`) are not notebook format
        for k in set(c) - {'cell_type', 'id', 'metadata', 'source', 'outputs', 'execution_count', 'attachments'}: del c[k]
        c.metadata.pop('execution', None)
    nb.cells = cells
    return nb

def nav_html(groups, titles: dict[str, str], here: Path) -> str:
    "The sidebar for the page at `here`: the site title, then each group's pages in order"
    rel = lambda p: Path(os.path.relpath(p, here.parent)).as_posix()
    item = lambda p: f'<li><a href="{rel(p)}"{" aria-current=page" if p == here else ""}>{html.escape(titles[p])}</a></li>'
    parts = [f'<a class="site-title" href="{rel(Path("index.html"))}">{html.escape(titles.get(Path("index.html"), "Home"))}</a>']
    for title, pages in groups:
        if title: parts.append(f'<h2>{html.escape(title)}</h2>')
        parts.append('<ul>' + ''.join(item(p) for p in pages) + '</ul>')
    return '\n'.join(parts)

def site_url() -> str:
    "The published site's address, which nbdev's cross-reference links start with"
    from nbdev.config import get_config
    cfg = get_config(ROOT)
    return (cfg.doc_host + cfg.doc_baseurl).rstrip('/') + '/'

def local_links(page_html: str, here: Path, ids: dict[Path, set[str]], site: str) -> str:
    "Links to the published site made local: to the page and anchor built here, else the link text as plain code"
    by_name = {p.as_posix(): p for p in ids}
    def fix(m):
        target = by_name.get(m[1])
        if target is None: return m[3]
        anchor = next((i for i in ids[target] if i.lower() == (m[2] or '').lower()), None)
        return f'<a href="{Path(os.path.relpath(target, here.parent)).as_posix()}{"#" + anchor if anchor else ""}">{m[3]}</a>'
    return re.sub(rf'<a href="{re.escape(site)}([^"#]*)(?:#([^"]*))?"[^>]*>(.*?)</a>', fix, page_html, flags=re.S)

def notebook_links(page_html: str, notebook: str, by_nb: dict[str, Path]) -> str:
    "Relative links to notebooks (`[tutorial](own_corpus.ipynb)`, as Quarto allows) pointed at their pages"
    here = by_nb[notebook]
    def fix(m):
        page = by_nb.get(Path(os.path.normpath(os.path.join(os.path.dirname(notebook), m[1]))).as_posix())
        return f'href="{Path(os.path.relpath(page, here.parent)).as_posix()}{m[2] or ""}"' if page else m[0]
    return re.sub(r'href="(?![a-z]+:)([^"#]+\.ipynb)(#[^"]*)?"', fix, page_html)

def render(proc_nb: Path, fm: dict, nav: str) -> str:
    "The HTML page of a processed notebook"
    import nbformat
    from nbconvert import HTMLExporter
    nb = for_nbconvert(nbformat.read(proc_nb, as_version=4))
    exporter = HTMLExporter(template_name='lab', template_file=str(TEMPLATE), exclude_input_prompt=True, exclude_output_prompt=True)
    res = dict(site_nav=nav, page_title=fm.get('title', proc_nb.stem), page_description=fm.get('description', ''))
    return exporter.from_notebook_node(nb, resources=res)[0]

def write_site(procs: list[Path]) -> list[Path]:
    "Write the site of processed notebooks to `_docs/`; the pages written"
    import nbformat
    fms = {p: frontmatter(nbformat.read(p, as_version=4)) for p in procs}
    files = {p: page_file(p, fm) for p, fm in fms.items()}
    titles = {files[p]: fm.get('title', p.stem) for p, fm in fms.items()}
    by_nb = {p.relative_to(PROC).as_posix(): files[p] for p in procs}
    missing = [nb for _, nbs in sidebar() for nb in nbs if nb not in by_nb]
    if missing: raise ValueError(f"{NBS/'_quarto.yml'}: the sidebar names notebooks that nbs/ does not have: {missing}")
    groups = [(title, [by_nb[nb] for nb in nbs]) for title, nbs in sidebar()]
    pages = {files[p]: render(p, fms[p], nav_html(groups, titles, files[p])) for p in procs}
    ids = {f: set(re.findall(r'\bid="([^"]+)"', h)) for f, h in pages.items()}
    shutil.rmtree(DOCS, ignore_errors=True)
    site = site_url()
    for nb, f in by_nb.items():
        (DOCS/f).parent.mkdir(parents=True, exist_ok=True)
        (DOCS/f).write_text(notebook_links(local_links(pages[f], f, ids, site), nb, by_nb))
    for a in NBS.rglob('*'):
        if a.suffix.lower() in ASSETS and not any(part.startswith(('_', '.')) for part in a.relative_to(NBS).parts):
            (DOCS/a.relative_to(NBS)).parent.mkdir(parents=True, exist_ok=True); shutil.copy2(a, DOCS/a.relative_to(NBS))
    return [DOCS/f for f in pages]

def build(execute: bool = False) -> list[Path]:
    "Process the notebooks and write the site to `_docs/`; the pages written"
    return write_site(process_all(execute))

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--execute', action='store_true', help="run each notebook first, so its outputs and plots appear")
    written = build(ap.parse_args().execute)
    print(f"site: {len(written)} pages in {DOCS.relative_to(Path.cwd()) if DOCS.is_relative_to(Path.cwd()) else DOCS}")
