"""Check the offline documentation site in headless Chromium: `python tools/check_site.py [--build] [--execute]`.

Every page of `_docs/` is opened over the Chrome DevTools protocol from a local HTTP server; a console error, an uncaught
exception or a failed request is an error. Every internal link (`href`/`src` to a local page, anchor or image) must
resolve. The home page and the evaluation reference are saved as PNGs under `_docs/screenshots/`. Prints one summary line
and exits 1 on any error, or when Chromium is missing (Debian: `apt-get install -y chromium`).
"""
from __future__ import annotations
import argparse, base64, functools, json, os, re, shutil, subprocess, sys, tempfile, threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

DOCS = Path(__file__).resolve().parents[1]/'_docs'
SHOTS = {'index.html': 'home.png', 'evaluation.html': 'evaluation.png'}

class _Refs(HTMLParser):
    "The element ids of a page, and the targets of its `href` and `src` attributes"
    def __init__(self):
        super().__init__(); self.ids, self.refs = set(), []
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k == 'id' and v: self.ids.add(v)
            if k in ('href', 'src') and v is not None: self.refs.append(v)

def page_refs(page: Path) -> _Refs:
    p = _Refs(); p.feed(page.read_text()); return p

def broken_links(docs: Path = DOCS) -> tuple[int, list[str]]:
    "Internal links checked, and the ones that do not resolve (as 'page: target')"
    pages = {p: page_refs(p) for p in sorted(docs.rglob('*.html'))}
    n, bad = 0, []
    for page, refs in pages.items():
        for ref in refs.refs:
            url = urlsplit(ref)
            if url.scheme or url.netloc or ref.startswith(('data:', 'javascript:')): continue
            n += 1
            target = (page.parent/unquote(url.path)).resolve() if url.path else page
            if target.is_dir(): target = target/'index.html'
            ok = target.is_file() and (not url.fragment or target.suffix != '.html' or unquote(url.fragment) in pages.get(target, _Refs()).ids)
            if not ok: bad.append(f"{page.relative_to(docs)}: {ref}")
    return n, bad

def chromium() -> str:
    "The Chromium executable, or an error saying how to install it"
    exe = next((shutil.which(c) for c in ('chromium', 'chromium-browser', 'google-chrome') if shutil.which(c)), None)
    if exe is None: sys.exit("site check: no Chromium found; install it (Debian: apt-get install -y chromium)")
    return exe

class Browser:
    "Headless Chromium driven over the DevTools protocol: one tab, its console errors and failed requests"
    def __init__(self, exe: str):
        import websocket
        self.profile = tempfile.mkdtemp()
        self.proc = subprocess.Popen([exe, '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--remote-debugging-port=0',
                                      f'--user-data-dir={self.profile}', '--window-size=1280,900', 'about:blank'],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url = next((m[1] for line in self.proc.stderr if (m := re.search(r'DevTools listening on (ws://\S+)', line))), None)
        if url is None: sys.exit(f"site check: Chromium did not start ({exe})")
        threading.Thread(target=lambda: [None for _ in self.proc.stderr], daemon=True).start()  # keep its stderr drained
        self.ws, self.next_id, self.errors = websocket.create_connection(url, timeout=60, suppress_origin=True), 0, []
        target = self.call('Target.createTarget', url='about:blank')['targetId']
        self.session = self.call('Target.attachToTarget', targetId=target, flatten=True)['sessionId']
        for domain in ('Page', 'Runtime', 'Log', 'Network'): self.call(f'{domain}.enable', session=True)
        self.call('Emulation.setDeviceMetricsOverride', session=True, width=1280, height=900, deviceScaleFactor=1, mobile=False)

    def call(self, method: str, session: bool = False, **params) -> dict:
        "Send one command and return its result, noting the events that arrive meanwhile"
        self.next_id += 1
        msg = dict(id=self.next_id, method=method, params=params, **({'sessionId': self.session} if session else {}))
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get('id') == self.next_id:
                if 'error' in reply: raise RuntimeError(f"{method}: {reply['error']}")
                return reply['result']
            self._note(reply)

    def _note(self, event: dict):
        "Record the errors an event reports"
        m, p = event.get('method'), event.get('params', {})
        if m == 'Runtime.exceptionThrown': self.errors.append(f"exception: {p['exceptionDetails'].get('exception', {}).get('description') or p['exceptionDetails']['text']}")
        elif m == 'Runtime.consoleAPICalled' and p['type'] in ('error', 'assert'): self.errors.append(f"console.{p['type']}: {' '.join(str(a.get('value', a.get('description'))) for a in p['args'])}")
        elif m == 'Log.entryAdded' and p['entry']['level'] == 'error': self.errors.append(f"log: {p['entry']['text']} {p['entry'].get('url', '')}")
        elif m == 'Network.loadingFailed' and not p.get('canceled'): self.errors.append(f"request failed: {p['errorText']} ({p.get('type')})")
        elif m == 'Network.responseReceived' and p['response']['status'] >= 400: self.errors.append(f"HTTP {p['response']['status']}: {p['response']['url']}")
        elif m == 'Page.loadEventFired': self.loaded = True

    def open(self, url: str) -> list[str]:
        "Load `url` and wait for its load event; the errors it caused"
        self.errors, self.loaded = [], False
        self.call('Page.navigate', session=True, url=url)
        while not self.loaded: self._note(json.loads(self.ws.recv()))
        self.call('Runtime.evaluate', session=True, expression='1')  # let events queued during load arrive
        return self.errors

    def screenshot(self, path: Path):
        path.write_bytes(base64.b64decode(self.call('Page.captureScreenshot', session=True, format='png')['data']))

    def close(self):
        self.ws.close(); self.proc.terminate(); self.proc.wait(10); shutil.rmtree(self.profile, ignore_errors=True)

def serve(docs: Path) -> ThreadingHTTPServer:
    "A local HTTP server for `docs` on a free port, in a background thread"
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args): pass
    server = ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(docs)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server

def check(docs: Path = DOCS) -> int:
    "Check every page in Chromium and every internal link; print the summary; the number of errors"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob('*.html'))
    if not pages: sys.exit(f"site check: no pages in {docs}; build the site first (python tools/build_site.py)")
    n_links, errors = broken_links(docs)
    errors = [f"broken link {e}" for e in errors] + [f"{p}: missing (a screenshot was asked of it)" for p in SHOTS if p not in pages]
    server, browser = serve(docs), Browser(chromium())
    shots = docs/'screenshots'; shots.mkdir(exist_ok=True)
    try:
        for page in pages:
            errors += [f"{page}: {e}" for e in browser.open(f"http://127.0.0.1:{server.server_port}/{page}")]
            if page in SHOTS: browser.screenshot(shots/SHOTS[page])
    finally: browser.close(); server.shutdown()
    for e in errors: print(e)
    made = ', '.join(str((shots/s).relative_to(docs.parent)) for s in SHOTS.values() if (shots/s).exists())
    print(f"site: {len(pages)} pages, {n_links} links checked, {len(errors)} errors, screenshots: {made}")
    return len(errors)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--build', action='store_true', help="build the site first (tools/build_site.py)")
    ap.add_argument('--execute', action='store_true', help="with --build: run the notebooks so their outputs appear")
    args = ap.parse_args()
    if args.build:
        sys.path.insert(0, str(Path(__file__).parent))
        import build_site; build_site.build(args.execute)
    sys.exit(1 if check() else 0)
