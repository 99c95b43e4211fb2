"""The times `/usr/bin/time -f "%e s wall, %U s user"` appends to an experiment's log, read back by the collectors."""
import re
from pathlib import Path

def logged_minutes(log: Path, kind: str = 'user'):
    "Wall ('wall') or user CPU ('user') minutes of the log's last attempt (a resumed run counts its last part only); None when not logged"
    times = re.findall(rf'([\d.]+) s {kind}', log.read_text()) if log.exists() else []
    return round(float(times[-1]) / 60, 1) if times else None
