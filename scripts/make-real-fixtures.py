#!/usr/bin/env python3
"""Cuts fixtures/real/<dataset>/ from the real data sets: the header and every
k-th record (up to ~150), keeping each kept record's original bytes (BOM, CR-only,
CRLF, quoted newlines). Run from the repository root; prints what it kept.

Usage: python3 scripts/make-real-fixtures.py [DATA_DIR]
DATA_DIR (or the CRIMEDELTA_REAL_DATA environment variable) is the folder
holding the real data sets."""
import math, os, sys

SRC = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('CRIMEDELTA_REAL_DATA')
if not SRC:
    print('make-real-fixtures: set CRIMEDELTA_REAL_DATA to the folder holding the real data sets (or give it as the first argument)', file=sys.stderr)
    sys.exit(2)
if not os.path.isdir(SRC):
    print(f'make-real-fixtures: {SRC} not found: set CRIMEDELTA_REAL_DATA to the folder holding the real data sets', file=sys.stderr)
    sys.exit(2)
PICK = [
    ('sacramento-2006-01', 'SacramentocrimeJanuary2006.csv'),
    ('sacramento-2021', 'Sacramento_Crime_Data_From_Two_Years_Ago.csv'),
    ('davis-ca', 'crime.csv'),
    ('atlanta-cobra', 'COBRA-2020-OldRMS-09292020.csv'),
    ('atlanta-cobra', 'COBRA-2020(NEW RMS 9-30 12-31).csv'),
    ('atlanta-cobra', 'COBRA-2021.csv'),
    ('city-of-london-street', '2019-01-city-of-london-street.csv'),
    ('city-of-london-street', '2020-01-city-of-london-street.csv'),
    ('nypd-hate-crimes', 'NYPD_Hate_Crimes.csv'),
    ('sf-incidents-2018-2022-sample', 'Police_Department_Incident_Reports__2018_to_Present.csv'),
    ('sf-incidents-2018-12', 'Police_Department_Incident_Reports__2018_to_Present.csv'),
    ('seattle-robbery', 'SPD_Crime_Data__2008-Present.csv'),
    ('lapd-west-la', 'Crime_Data_from_2020_to_Present.csv'),
    ('chicago-2014-03', 'Crimes_-_2001_to_present.csv'),
    ('philadelphia-2025-01', 'incidents_part1_part2.csv'),
]
TARGET = 150

def records(data: bytes):
    """Raw byte slices of each record, terminator included."""
    out, start, i, quoted, n = [], 0, 0, False, len(data)
    while i < n:
        c = data[i]
        if c == 0x22:
            quoted = not quoted
        elif not quoted and c in (0x0a, 0x0d):
            end = i + 1
            if c == 0x0d and end < n and data[end] == 0x0a:
                end += 1
            out.append(data[start:end])
            start = i = end
            continue
        i += 1
    if start < n:
        out.append(data[start:])
    return out

for ds, name in PICK:
    data = open(os.path.join(SRC, ds, name), 'rb').read()
    recs = records(data)
    header, body = recs[0], recs[1:]
    k = max(1, math.ceil(len(body) / TARGET))
    kept = [i for i in range(len(body)) if i % k == 0]
    # Keep the rows with odd dates (NULL / NA / blank) that the full file has.
    for i, r in enumerate(body):
        if i not in kept and (b',NULL,' in r[:60] or b',NA,' in r[:60]) and len(kept) < TARGET + 20:
            kept.append(i)
    kept.sort()
    os.makedirs(os.path.join('fixtures/real', ds), exist_ok=True)
    with open(os.path.join('fixtures/real', ds, name), 'wb') as f:
        f.write(header + b''.join(body[i] for i in kept))
    print(f'{ds}/{name}: {len(body)} records, kept every {k}th from the first (record 1, {1 + k}, …) → {len(kept)} records')
