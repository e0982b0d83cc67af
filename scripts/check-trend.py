#!/usr/bin/env python3
"""Checks `crimedelta trend --every month` against an independent monthly count
made with Python's csv module, cell by cell, with the CLI run under
TZ=Pacific/Kiritimati (UTC+14) so that any time-zone leak would move days.

Usage: python3 scripts/check-trend.py [DATA_DIR]
DATA_DIR (or the CRIMEDELTA_REAL_DATA environment variable) is the folder
holding the real data sets. Needs a built CLI (npm run build). Not part of
jest: it reads the real data.
"""
import csv, glob, json, os, re, subprocess, sys
from collections import Counter

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('CRIMEDELTA_REAL_DATA')
if not ROOT:
    print('check-trend: set CRIMEDELTA_REAL_DATA to the folder holding the real data sets (or give it as the first argument)', file=sys.stderr)
    sys.exit(2)
if not os.path.isdir(ROOT):
    print(f'check-trend: {ROOT} not found: set CRIMEDELTA_REAL_DATA to the folder holding the real data sets', file=sys.stderr)
    sys.exit(2)
CLI = os.path.join(os.path.dirname(__file__), '..', 'dist', 'bin', 'crimedelta.js')


def run_trend(files, extra):
    env = dict(os.environ, TZ='Pacific/Kiritimati', NO_COLOR='1')
    r = subprocess.run(['node', CLI, 'trend', *files, '--every', 'month', '--format', 'json', '--quiet', *extra],
                       capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.exit(f'crimedelta failed ({r.returncode}): {r.stderr}')
    return json.loads(r.stdout)


def compare(name, report, expected, months):
    labels = [p['label'] for p in report['periods']]
    if labels != months:
        print(f'{name}: periods differ: {labels[:3]}… vs {months[:3]}…')
        return False
    got = {r['key']['offense']: r['counts'] for r in report['rows']}
    bad = 0
    cells = 0
    for off in set(got) | set(expected):
        want = [expected.get(off, Counter()).get(m, 0) for m in months]
        have = got.get(off, [0] * len(months))
        for m, a, b in zip(months, have, want):
            cells += 1
            if a != b:
                bad += 1
                if bad <= 10:
                    print(f'{name}: {off!r} {m}: crimedelta {a}, python {b}')
    tot = [sum(expected.get(o, Counter()).get(m, 0) for o in expected) for m in months]
    if report['total']['counts'] != tot:
        bad += 1
        print(f'{name}: totals differ: {report["total"]["counts"]} vs {tot}')
    print(f'{name}: {len(expected)} offenses × {len(months)} months = {cells} cells, {bad} differences; total {sum(tot)} incidents')
    return bad == 0


def months_between(y0, y1):
    return [f'{y}-{m:02d}' for y in range(y0, y1 + 1) for m in range(1, 13)]


ok = True

# London (police.uk monthly files): Month = YYYY-MM, offense = Crime type.
lon = sorted(glob.glob(os.path.join(ROOT, 'city-of-london-street', '*.csv')))
exp = {}
for f in lon:
    with open(f, newline='', encoding='utf-8-sig') as fh:
        for row in csv.DictReader(fh):
            m = row['Month'].strip()
            off = row['Crime type'].strip()
            if m[:4] in ('2019', '2020') and off:
                exp.setdefault(off, Counter())[m] += 1
ok &= compare('London 2019–2020', run_trend(lon, ['--years', '2019..2020']), exp, months_between(2019, 2020))

# San Francisco sample: Incident Date = M/D/YYYY, offense = Incident Category.
sf = glob.glob(os.path.join(ROOT, 'sf-incidents-2018-2022-sample', '*.csv'))
exp = {}
with open(sf[0], newline='', encoding='utf-8-sig') as fh:
    for row in csv.DictReader(fh):
        d = re.match(r'^\s*(\d{1,2})/(\d{1,2})/(\d{4})', row['Incident Date'] or '')
        off = (row['Incident Category'] or '').strip()
        if not d or not off:
            continue
        y, mo = d.group(3), int(d.group(1))
        if y in ('2020', '2021'):
            exp.setdefault(off, Counter())[f'{y}-{mo:02d}'] += 1
rep = run_trend(sf, ['--date-col', 'Incident Date', '--offense-col', 'Incident Category', '--years', '2020..2021'])
ok &= compare('San Francisco 2020–2021', rep, exp, months_between(2020, 2021))

print('OK: trend equals the independent count' if ok else 'FAILED')
sys.exit(0 if ok else 1)
