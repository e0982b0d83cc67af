#!/usr/bin/env python3
"""Independent counts for scripts/check-real.mjs and the fixture tests: reads each
real data set with Python's csv module, the right columns named by hand, and
prints JSON: rows read, usable rows, date range and the count in each window.
Usage: python3 scripts/count-real.py [DATA_DIR]
DATA_DIR is the folder holding the real data sets (or fixtures/real for the
trimmed copies); without it, the CRIMEDELTA_REAL_DATA environment variable."""
import csv, datetime as dt, glob, json, os, re, sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('CRIMEDELTA_REAL_DATA')
if not ROOT:
    print('count-real: set CRIMEDELTA_REAL_DATA to the folder holding the real data sets (or give it, or fixtures/real, as the first argument)', file=sys.stderr)
    sys.exit(2)
if not os.path.isdir(ROOT):
    print(f'count-real: {ROOT} not found: set CRIMEDELTA_REAL_DATA to the folder holding the real data sets', file=sys.stderr)
    sys.exit(2)

def span(years, m1, d1, m2, d2):
    return [(f'{y}-{m1:02}-{d1:02}', f'{y}-{m2:02}-{d2:02}') for y in years]

# name, files glob, date col, order, offense col, windows, compare window flags
SETS = [
    ('sacramento-2006-01', '*.csv', 'cdatetime', 'mdy', 'crimedescr',
     [('2006-01-01', '2006-01-15'), ('2006-01-16', '2006-01-31')]),
    ('sacramento-2021', '*.csv', 'Occurence_Date', 'ymd', 'Offense_Category',
     [('2021-01-01', '2021-03-31'), ('2021-04-01', '2021-06-30')]),
    ('davis-ca', '*.csv', 'DateOpened', 'mdy', 'Group', span([2019, 2020], 1, 1, 9, 30)),
    ('atlanta-cobra', '*.csv', 'occur_date', 'mdy', 'UC2_Literal', span([2020, 2021], 1, 1, 6, 30)),
    ('city-of-london-street', '*.csv', 'Month', 'ym', 'Crime type', span([2019, 2020, 2021], 1, 1, 9, 30)),
    ('nypd-hate-crimes', '*.csv', 'Record Create Date', 'mdy', 'Offense Description', span([2021, 2022], 1, 1, 9, 30)),
    ('sf-incidents-2018-2022-sample', '*.csv', 'Incident Date', 'mdy', 'Incident Category', span([2020, 2021], 1, 1, 9, 30)),
    ('sf-incidents-2018-12', '*.csv', 'Incident Datetime', 'ymd', 'Incident Category',
     [('2018-12-01', '2018-12-15'), ('2018-12-16', '2018-12-31')]),
    ('seattle-robbery', '*.csv', 'Offense Start DateTime', 'mdy', 'Offense Parent Group', span([2019, 2020], 1, 1, 9, 30)),
    ('lapd-west-la', '*.csv', 'DATE OCC', 'mdy', 'Crm Cd Desc', span([2020, 2021], 4, 1, 7, 31)),
    ('chicago-2014-03', '*.csv', 'Date', 'mdy', 'Primary Type',
     [('2014-03-01', '2014-03-07'), ('2014-03-08', '2014-03-14')]),
    ('philadelphia-2025-01', '*.csv', 'dispatch_date', 'ymd', 'text_general_code',
     [('2025-01-01', '2025-01-10'), ('2025-01-11', '2025-01-20')]),
]

def parse(v, order):
    """The civil date as written, or None."""
    v = v.strip()
    try:
        if order == 'ym':
            m = re.fullmatch(r'(\d{4})-(\d{2})', v)
            return dt.date(int(m[1]), int(m[2]), 1) if m else None
        m = re.match(r'(\d{1,4})[/-](\d{1,2})[/-](\d{1,4})(?=$|[ T])', v)
        if not m:
            return None
        a, b, c = m[1], m[2], m[3]
        if order == 'ymd':
            return dt.date(int(a), int(b), int(c)) if len(a) == 4 else None
        y = int(c)
        if len(c) == 2:
            y += 1900 if y >= 69 else 2000
        elif len(c) != 4:
            return None
        return dt.date(y, int(a), int(b))
    except ValueError:
        return None

out = {}
for name, pat, dcol, order, ocol, windows in SETS:
    files = sorted(glob.glob(os.path.join(ROOT, name, pat)))
    if not files:
        continue
    read = usable = 0
    lo = hi = None
    counts = [0] * len(windows)
    offenses = {}
    for path in files:
        with open(path, newline='', encoding='utf-8-sig') as f:
            rows = csv.reader(f)
            header = [h.strip() for h in next(rows)]
            di, oi = header.index(dcol), header.index(ocol)
            for r in rows:
                if not r:
                    continue
                read += 1
                if len(r) != len(header):
                    continue
                d = parse(r[di], order)
                o = r[oi].strip()
                if d is None or not o:
                    continue
                usable += 1
                s = d.isoformat()
                lo = s if lo is None or s < lo else lo
                hi = s if hi is None or s > hi else hi
                offenses[o] = offenses.get(o, 0) + 1
                for i, (a, b) in enumerate(windows):
                    if a <= s <= b:
                        counts[i] += 1
    if order == 'ym' and hi is not None:
        # Month-only data covers its last month to the end.
        import calendar
        y, m = int(hi[:4]), int(hi[5:7])
        hi = f'{hi[:8]}{calendar.monthrange(y, m)[1]:02d}'
    top = sorted(offenses.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    out[name] = {'files': [os.path.basename(p) for p in files], 'date': dcol, 'offense': ocol,
                 'rowsRead': read, 'usable': usable, 'min': lo, 'max': hi,
                 'windows': [f'{a}..{b}' for a, b in windows], 'counts': counts, 'top': top}
json.dump(out, sys.stdout, indent=1)
print()
