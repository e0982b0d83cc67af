#!/usr/bin/env python3
"""Checks `compare --stats` p-values against SciPy's poisson_means_test.

Writes CSV files of random count pairs (0..600 per window, windows of unequal
length), runs `node dist/bin/crimedelta.js compare FILE --window A --window B
--stats --format json` on each, and compares every row's pValue (and the
total's) with scipy.stats.poisson_means_test(current, days_current, baseline,
days_baseline). A value passes when it is within 1e-6 absolute or 1e-4
relative of SciPy's. Run after `npm run build`:

    python3 scripts/check-etest.py [--files 20] [--offenses 25] [--seed 1]
"""
import argparse
import csv
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile

from scipy.stats import poisson_means_test

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument('--files', type=int, default=20)
    ap.add_argument('--offenses', type=int, default=25)
    ap.add_argument('--seed', type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    checked = failed = 0
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for f in range(args.files):
            d_base = rng.randint(7, 400)
            d_cur = rng.randint(7, 400)
            base_start = dt.date(2020, 1, 1)
            base_end = base_start + dt.timedelta(days=d_base - 1)
            cur_start = base_end + dt.timedelta(days=1)
            cur_end = cur_start + dt.timedelta(days=d_cur - 1)
            pairs = {}
            rows = []
            for o in range(args.offenses):
                # Mix small and large counts; some zeros.
                hi = rng.choice([5, 20, 100, 600])
                k_base, k_cur = rng.randint(0, hi), rng.randint(0, hi)
                name = f'Offense {o:02d}'
                pairs[name] = (k_base, k_cur)
                for i in range(k_base):
                    rows.append((base_start + dt.timedelta(days=rng.randrange(d_base)), name))
                for i in range(k_cur):
                    rows.append((cur_start + dt.timedelta(days=rng.randrange(d_cur)), name))
            path = os.path.join(tmp, f'pairs-{f}.csv')
            with open(path, 'w', newline='') as fh:
                w = csv.writer(fh)
                w.writerow(['date', 'offense'])
                for day, name in sorted(rows):
                    w.writerow([day.isoformat(), name])
            cmd = ['node', os.path.join(ROOT, 'dist/bin/crimedelta.js'), 'compare', path,
                   '--window', f'{base_start}..{base_end}', '--window', f'{cur_start}..{cur_end}',
                   '--stats', '--format', 'json', '--quiet']
            out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            days = [w['days'] for w in out['windows']]
            assert days == [d_base, d_cur], (days, d_base, d_cur)
            got = {r['key']['offense']: r for r in out['rows']}
            expected_rows = {k: v for k, v in pairs.items() if v != (0, 0)}
            if set(got) != set(expected_rows):
                print(f'file {f}: rows differ: {sorted(set(got) ^ set(expected_rows))}')
                failed += 1
            items = [(k, expected_rows[k], got[k]) for k in got if k in expected_rows]
            total = (sum(v[0] for v in pairs.values()), sum(v[1] for v in pairs.values()))
            items.append(('(total)', total, out['total']))
            for name, (kb, kc), row in items:
                if row['counts'] != [kb, kc]:
                    print(f'file {f} {name}: counts {row["counts"]} != {[kb, kc]}')
                    failed += 1
                    continue
                ref = float(poisson_means_test(kc, d_cur, kb, d_base).pvalue)
                p = row['pValue']
                diff = abs(p - ref)
                ok = diff <= 1e-6 or diff <= 1e-4 * abs(ref)
                checked += 1
                worst = max(worst, diff)
                if not ok:
                    failed += 1
                    print(f'file {f} {name}: {kc}/{d_cur} vs {kb}/{d_base}: crimedelta {p!r}, scipy {ref!r}')
    print(f'{checked} p-values checked against SciPy, {failed} mismatches, largest absolute difference {worst:.3g}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
