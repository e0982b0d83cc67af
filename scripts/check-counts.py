#!/usr/bin/env python3
"""Independent check of `crimedelta compare` against Python's csv module and
strptime on the real data sets: explicit column flags, the windows each data
set's README suggests, under three far-apart machine time zones. Prints one
line per case and exits 1 on any difference. Not part of `npm test`.

Usage: python3 scripts/check-counts.py [DATA_DIR]
DATA_DIR (or the CRIMEDELTA_REAL_DATA environment variable) is the folder
holding the real data sets. Needs a built CLI (npm run build)."""
import csv, datetime as dt, glob, io, json, os, subprocess, sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('CRIMEDELTA_REAL_DATA')
if not REAL:
    print('check-counts: set CRIMEDELTA_REAL_DATA to the folder holding the real data sets (or give it as the first argument)', file=sys.stderr)
    sys.exit(2)
CLI = os.path.join(ROOT, 'dist', 'bin', 'crimedelta.js')

def rows(path):
    with open(path, newline='', encoding='utf-8-sig') as f:
        r = csv.reader(f)
        header = next(r)
        for rec in r:
            if rec:
                yield header, rec

def count(files, date_col, off_col, fmt, windows, id_col=None, conv=None):
    """counts[offense][i] for windows [(start, end)], by the first column with each name."""
    c = {}
    ids = {}
    for path in files:
        for header, rec in rows(path):
            if len(rec) != len(header):
                continue
            d, o = rec[header.index(date_col)].strip(), rec[header.index(off_col)].strip()
            if not d or not o:
                continue
            try:
                day = conv(d) if conv else dt.datetime.strptime(d, fmt).date()
            except ValueError:
                continue
            for i, (a, b) in enumerate(windows):
                if a <= day <= b:
                    if id_col:
                        key = rec[header.index(id_col)].strip() or f'\0{path}:{id(rec)}'
                        ids.setdefault((o, i), set()).add(key)
                        ids.setdefault(('\0total', i), set()).add(key)
                    else:
                        c.setdefault(o, [0] * len(windows))[i] += 1
    if id_col:
        for (o, i), s in ids.items():
            if o != '\0total':
                c.setdefault(o, [0] * len(windows))[i] = len(s)
        total = [len(ids.get(('\0total', i), ())) for i in range(len(windows))]
    else:
        total = [sum(v[i] for v in c.values()) for i in range(len(windows))]
    return c, total

def D(s):
    return dt.date.fromisoformat(s)

def run(files, flags, tz):
    out = subprocess.run(['node', CLI, 'compare', *files, *flags, '--format', 'json', '--quiet'],
                         capture_output=True, text=True, env={**os.environ, 'TZ': tz})
    if out.returncode != 0:
        raise SystemExit(f'crimedelta failed: {out.stderr}')
    j = json.loads(out.stdout)
    return {r['key']['offense']: r['counts'] for r in j['rows']}, j['total']['counts']

def utc_to(zone):
    from zoneinfo import ZoneInfo
    z = ZoneInfo(zone)
    def conv(s):
        s = s.replace('/', '-')
        t = dt.datetime.strptime(s[:19], '%Y-%m-%d %H:%M:%S').replace(tzinfo=dt.timezone.utc)
        return t.astimezone(z).date()
    return conv

R = lambda *p: sorted(glob.glob(os.path.join(REAL, *p)))
W = lambda *pairs: [(D(a), D(b)) for a, b in pairs]
jan_sep = lambda *ys: [(f'{y}-01-01', f'{y}-09-30') for y in ys]
CASES = [
    ('sacramento-2006', R('sacramento-2006-01', '*.csv'), 'cdatetime', 'crimedescr', '%m/%d/%y %H:%M', W(('2006-01-01', '2006-01-15'), ('2006-01-16', '2006-01-31')), None, None, []),
    ('sacramento-2021 --tz', R('sacramento-2021', '*.csv'), 'Occurence_Date', 'Offense_Category', None, W(('2021-01-01', '2021-06-30'), ('2021-07-01', '2021-12-31')), None, utc_to('America/Los_Angeles'), ['--tz', 'America/Los_Angeles']),
    ('davis', R('davis-ca', '*.csv'), 'DateOpened', 'Group', '%m/%d/%Y %I:%M:%S %p', W(*jan_sep(2017, 2018, 2019, 2020)), None, None, []),
    ('atlanta pooled', R('atlanta-cobra', '*.csv'), 'occur_date', 'UC2_Literal', '%m/%d/%Y', W(('2020-01-01', '2020-06-30'), ('2021-01-01', '2021-06-30')), None, None, []),
    ('atlanta pooled --id-col', R('atlanta-cobra', '*.csv'), 'occur_date', 'UC2_Literal', '%m/%d/%Y', W(('2020-01-01', '2020-06-30'), ('2021-01-01', '2021-06-30')), 'offense_id', None, ['--id-col', 'offense_id']),
    ('london 36 files', R('city-of-london-street', '*.csv'), 'Month', 'Crime type', '%Y-%m', W(*jan_sep(2019, 2020, 2021)), None, None, []),
    ('nypd hate crimes', R('nypd-hate-crimes', '*.csv'), 'Record Create Date', 'Offense Description', '%m/%d/%Y', W(*jan_sep(2019, 2020, 2021, 2022)), None, None, []),
    ('nypd --id-col', R('nypd-hate-crimes', '*.csv'), 'Record Create Date', 'Offense Description', '%m/%d/%Y', W(*jan_sep(2021, 2022)), 'Full Complaint ID', None, ['--id-col', 'Full Complaint ID']),
    ('sf sample', R('sf-incidents-2018-2022-sample', '*.csv'), 'Incident Date', 'Incident Category', '%m/%d/%Y', W(*jan_sep(2018, 2019, 2020, 2021)), None, None, []),
    ('sf 2018-12', R('sf-incidents-2018-12', '*.csv'), 'Incident Datetime', 'Incident Category', '%Y/%m/%d %I:%M:%S %p', W(('2018-12-01', '2018-12-15'), ('2018-12-16', '2018-12-31')), None, None, []),
    ('seattle', R('seattle-robbery', '*.csv'), 'Offense Start DateTime', 'Offense Parent Group', '%m/%d/%Y %I:%M:%S %p', W(*jan_sep(2019, 2020, 2021)), None, None, []),
    ('lapd duplicated DATE OCC', R('lapd-west-la', '*.csv'), 'DATE OCC', 'Crm Cd Desc', '%m/%d/%Y %H:%M', W(('2020-04-01', '2020-07-31'), ('2021-04-01', '2021-07-31')), None, None, []),
    ('chicago', R('chicago-2014-03', '*.csv'), 'Date', 'Primary Type', '%m/%d/%Y %I:%M:%S %p', W(('2014-03-01', '2014-03-07'), ('2014-03-08', '2014-03-14')), None, None, []),
    ('philadelphia local date', R('philadelphia-2025-01', '*.csv'), 'dispatch_date', 'text_general_code', '%Y-%m-%d', W(('2025-01-01', '2025-01-10'), ('2025-01-11', '2025-01-20')), None, None, []),
    ('philadelphia UTC --tz', R('philadelphia-2025-01', '*.csv'), 'dispatch_date_time', 'text_general_code', None, W(('2025-01-01', '2025-01-10'), ('2025-01-11', '2025-01-20')), None, utc_to('America/New_York'), ['--tz', 'America/New_York']),
]

if not os.path.isdir(REAL):
    print(f'check-counts: {REAL} not found: set CRIMEDELTA_REAL_DATA to the folder holding the real data sets', file=sys.stderr)
    sys.exit(2)
bad = 0
for name, files, dcol, ocol, fmt, wins, idc, conv, extra in CASES:
    want, want_total = count(files, dcol, ocol, fmt, wins, idc, conv)
    want = {k: v for k, v in want.items() if any(v)}
    flags = ['--date-col', dcol, '--offense-col', ocol, *extra]
    for a, b in wins:
        flags += ['--window', f'{a}..{b}']
    for tz in ['Pacific/Kiritimati', 'UTC', 'America/Adak']:
        got, got_total = run(files, flags, tz)
        ok = got == want and got_total == want_total
        bad += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name:28} TZ={tz:19} total {got_total} (python {want_total})")
        if not ok:
            for k in sorted(set(got) | set(want)):
                if got.get(k) != want.get(k):
                    print(f'       {k}: crimedelta {got.get(k)} python {want.get(k)}')
sys.exit(1 if bad else 0)
