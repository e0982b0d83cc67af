#!/usr/bin/env python3
"""Independent violent and property counts of each real data set, for the
`--map violent` / `--map property` tests: the FBI UCR Part I class of every
row, decided here with this script's own table per schema (statute numbers,
agency codes and words, written without reading data/maps/), counted per
window with Python's csv module. Prints JSON: per data set, the windows and
the violent and property counts in each.

Usage: python3 scripts/check-violent.py [DATA_DIR | fixtures/real] [--check]
DATA_DIR is the folder holding the real data sets (or fixtures/real for the
trimmed copies); without it, the CRIMEDELTA_REAL_DATA environment variable.
With --check, runs the built CLI (`compare --map violent|property --tz
as-written` on the same windows: dates counted as written, as here) and exits
1 on any difference."""
import csv, glob, io, json, os, re, subprocess, sys

args = [a for a in sys.argv[1:] if not a.startswith('--')]
ROOT = args[0] if args else os.environ.get('CRIMEDELTA_REAL_DATA')
if not ROOT or not os.path.isdir(ROOT):
    print('check-violent: set CRIMEDELTA_REAL_DATA to the folder holding the real data sets (or give it, or fixtures/real, as the first argument)', file=sys.stderr)
    sys.exit(2)

V, P, N = 'violent', 'property', None

# ---------------------------------------------------------------- Sacramento
def sac_statute(text):
    """Class of a California statute description (Sacramento's crimedescr / Description)."""
    t = ' '.join(text.upper().split())
    if 'I RPT' in t or 'LOCATE' in t or 'TOWED' in t:
        return N  # information reports, vehicles located for other agencies
    m = re.match(r'^(BAITCAR)?(\d+(?:\.\d+)?)((?:\(\w+\))*)', t.replace(' PC', '').replace(' ', ''))
    if t.startswith('664/187'):
        return V  # attempted murder: aggravated assault
    if not m:
        return N
    num, sub = m.group(2), m.group(3)
    if num == '187':
        return V
    if num in ('211', '212.5', '215'):
        return V  # robbery, carjacking
    if num in ('245', '203', '244', '244.5', '246', '417.3', '417.4', '417.8', '12303.3', '347') or (num == '417' and sub[:3] in ('(A)', '(C)')):
        return V  # deadly weapon, mayhem, caustic, shooting at an occupied dwelling, brandishing, destructive device at a person, poisoning
    if num == '23110' and sub.startswith('(B)'):
        return V  # throwing at a vehicle with intent to do great bodily injury
    if num == '243' and sub.startswith('(D)'):
        return V  # battery with serious bodily injury
    if num in ('261', '262', '286', '287', '288A', '289'):
        return V
    if num in ('459', '460', '459.5'):
        return N if 'TOOLS' in t else P  # vehicles and shoplifting are larceny: property all the same
    if num in ('451', '455'):
        return P  # arson (452, reckless burning, is not)
    if num == '484' and sub[:3] in ('(B)',) or num in ('484G', '484I', '484J', '484B') or t.startswith(('484E(D)', '484E(C)', '484G', '484I', '484J', '484B')):
        return N  # access card fraud, diversion of funds
    if num in ('484', '487', '488', '490', '490.1', '490.2', '490.4', '490.5', '666', '1708', '485', '463') or t.startswith(('484E(A)', '487', '490')):
        return P
    if num == '368' and sub[:3] in ('(D)', '(E)'):
        return P  # theft from an elder
    if num == '498' and sub.startswith('(B)(5)'):
        return P
    if num == '530.5' and sub.startswith('(E)'):
        return P  # theft of mail
    if num in ('10851', '666.5'):
        return P
    return N

def sac2021(row, h):
    cat, desc = row[h['Offense_Category']].strip(), row[h['Description']].strip()
    if desc.startswith(('23110(B)', '484E(A)')):
        return sac_statute(desc)  # filed under TRAFFIC and FRAUD, but an aggravated assault and a theft
    if cat == 'AGG ASSAULT' or cat == 'ROBBERY' or cat == 'POISONING':
        return V
    if cat in ('LARCENY', 'STOLEN VEHICLE', 'VEHICLE THEFT', 'GRAND THEFT'):
        return P
    if cat in ('HOMICIDE', 'ASSAULT', 'BATTERY', 'BURGLARY', 'AUTO THEFT', 'THEFT', 'ARSON', 'WEAPON OFFENSE'):
        if desc.startswith(('192', '197')) or 'CRUELTY ELDER' in desc or desc.startswith('10855'):
            return N
        return sac_statute(desc)
    return N

def sac2006(row, h):
    d = row[h['crimedescr']]
    if 'CRUELTY/ELDER' in d or d.startswith(('192', '197', '10855')):
        return N
    return sac_statute(d)

# ---------------------------------------------------------------- Davis
def davis(row, h):
    t = row[h['Title']].strip().upper()
    if 'SEXUAL BATT' in t or 'SEX BAT' in t:
        return N
    if t.startswith(('ADW', 'ASLT W/FIREARM')) or 'GBI' in t and 'BATTERY' in t or 'ATTEMPTED MURDER' in t:
        return V
    if t.startswith(('RAPE', 'ROBBERY', 'ROB:', 'ATTEMPTED ROBBERY', 'MURDER')):
        return V
    if 'EMBEZZLEMENT' in t or 'CAUSE FIRE' in t or 'CAUSING FIRE' in t:
        return N
    if t.startswith(('BURGLARY', 'ATTEMPT BURGLARY', 'VEHICLE THEFT', 'ARSON')) or 'THEFT' in t or 'THFT' in t or 'SHOPLIFT' in t:
        return P
    return N

# ---------------------------------------------------------------- Atlanta (codes: NIBRS ibr_code, or UCR_Number)
NIBRS_V = {'09A', '11A', '11B', '11C', '120', '13A'}
NIBRS_P = {'200', '220', '23A', '23B', '23C', '23D', '23E', '23F', '23G', '23H', '240'}

def atlanta(row, h):
    if 'ibr_code' in h:
        c = row[h['ibr_code']].strip().upper()
        if c in NIBRS_V:
            return V
        if c in NIBRS_P:
            return P
        if c not in ('', 'NULL', 'NA'):
            return N
    elif 'UCR_Number' in h:
        c = row[h['UCR_Number']].strip()
        if c.isdigit():
            n = int(c)
            return V if (100 <= n < 120 or 200 <= n < 500) else P if (500 <= n < 800 or 900 <= n < 1000) else N
    lit = row[h['UC2_Literal']].strip()
    return {'AGG ASSAULT': V, 'ROBBERY': V, 'HOMICIDE': V, 'BURGLARY': P, 'AUTO THEFT': P, 'LARCENY-FROM VEHICLE': P, 'LARCENY-NON VEHICLE': P}.get(lit)

# ---------------------------------------------------------------- police.uk
def uk(row, h):
    t = row[h['Crime type']].strip()
    if t == 'Robbery':
        return V
    if t in ('Burglary', 'Vehicle crime', 'Other theft', 'Shoplifting', 'Theft from the person', 'Bicycle theft'):
        return P
    return N  # "Violence and sexual offences" and "Criminal damage and arson" cannot be split: not counted

# ---------------------------------------------------------------- NYPD
def nypd(row, h):
    o = row[h['Offense Description']].strip()
    pd = row[h['PD Code Description']].strip()
    if o in ('FELONY ASSAULT', 'ROBBERY', 'RAPE') or o.startswith('MURDER'):
        return V
    if o in ('BURGLARY', 'GRAND LARCENY', 'PETIT LARCENY', 'GRAND LARCENY OF MOTOR VEHICLE', 'ARSON'):
        if 'EXTORTION' in pd or 'FALSE PROMISE' in pd:
            return N
        return P
    return N

# ---------------------------------------------------------------- San Francisco
def sf(row, h):
    cat = row[h['Incident Category']].strip()
    d = row[h['Incident Description']].strip()
    if cat in ('Robbery', 'Rape'):
        return V
    if cat == 'Homicide':
        return N if 'Vehicular' in d else V
    if cat == 'Assault':
        if d.startswith(('Assault, Aggravated', 'Assault, Att. Homicide', 'Assault, Mayhem', 'Assault, W/ Caustic')):
            return V
        if d in ('Battery with Serious Injuries', 'Shooting into Inhabited Dwelling or Occupied Vehicle',
                 'Firearm, Discharging At An Inhabited Dwelling', 'Firearm, Discharging at Occupied Bldg, Vehicle, or Aircraft'):
            return V
        return N
    if cat == 'Larceny Theft':
        return N if d.startswith('Embezzlement') else P
    if cat == 'Burglary':
        return P
    if cat in ('Motor Vehicle Theft', 'Motor Vehicle Theft?'):
        return N if 'Stolen outside SF' in d else P
    if cat == 'Arson':
        return N if d.startswith('Fire, Unlawfully') else P
    if cat == 'Other Miscellaneous' and d.startswith('Fire, Unlawfully'):
        return N
    return N

# ---------------------------------------------------------------- Seattle, Chicago, Philadelphia: agency codes
def seattle(row, h):
    c = row[h['Offense Code']].strip().upper()
    return V if c in NIBRS_V else P if c in NIBRS_P else N

def chicago(row, h):
    c = row[h['FBI Code']].strip().upper()
    return V if c in ('01A', '02', '03', '04A', '04B') else P if c in ('05', '06', '07', '09') else N

def philly(row, h):
    c = row[h['ucr_general']].strip()
    n = int(float(c)) if c else 0
    return V if (100 <= n < 120 or 200 <= n < 500) else P if (500 <= n < 800 or 900 <= n < 1000) else N

# ---------------------------------------------------------------- LAPD crime codes
LAPD_V = {110, 121, 122, 815, 820, 821, 210, 220, 230, 231, 235, 236, 250, 251, 761}
LAPD_P = {310, 320, 330, 331, 341, 343, 345, 347, 349, 350, 351, 352, 353, 410, 420, 421, 440, 441, 442, 443, 444, 445, 446,
          450, 451, 452, 470, 471, 472, 473, 474, 475, 480, 485, 487, 510, 520, 522, 433, 648}

def lapd(row, h):
    c = row[h['Crm Cd']].strip()
    n = int(c) if c.isdigit() else 0
    return V if n in LAPD_V else P if n in LAPD_P else N

def span(years, m1, d1, m2, d2):
    return [(f'{y}-{m1:02}-{d1:02}', f'{y}-{m2:02}-{d2:02}') for y in years]

# name, date col, order, classify, windows (the windows of scripts/count-real.py)
SETS = [
    ('sacramento-2006-01', 'cdatetime', 'mdy', sac2006, [('2006-01-01', '2006-01-15'), ('2006-01-16', '2006-01-31')]),
    ('sacramento-2021', 'Occurence_Date', 'ymd', sac2021, [('2021-01-01', '2021-03-31'), ('2021-04-01', '2021-06-30')]),
    ('davis-ca', 'DateOpened', 'mdy', davis, span([2019, 2020], 1, 1, 9, 30)),
    ('atlanta-cobra', 'occur_date', 'mdy', atlanta, span([2020, 2021], 1, 1, 6, 30)),
    ('city-of-london-street', 'Month', 'ym', uk, span([2019, 2020, 2021], 1, 1, 9, 30)),
    ('nypd-hate-crimes', 'Record Create Date', 'mdy', nypd, span([2021, 2022], 1, 1, 9, 30)),
    ('sf-incidents-2018-2022-sample', 'Incident Date', 'mdy', sf, span([2020, 2021], 1, 1, 9, 30)),
    ('sf-incidents-2018-12', 'Incident Datetime', 'ymd', sf, [('2018-12-01', '2018-12-15'), ('2018-12-16', '2018-12-31')]),
    ('seattle-robbery', 'Offense Start DateTime', 'mdy', seattle, span([2019, 2020], 1, 1, 9, 30)),
    ('lapd-west-la', 'DATE OCC', 'mdy', lapd, span([2020, 2021], 4, 1, 7, 31)),
    ('chicago-2014-03', 'Date', 'mdy', chicago, [('2014-03-01', '2014-03-07'), ('2014-03-08', '2014-03-14')]),
    ('philadelphia-2025-01', 'dispatch_date', 'ymd', philly, [('2025-01-01', '2025-01-10'), ('2025-01-11', '2025-01-20')]),
]

def parse(v, order):
    """The civil date as written, ISO, or None."""
    v = v.strip()
    if order == 'ym':
        m = re.fullmatch(r'(\d{4})-(\d{2})', v)
        return f'{m[1]}-{m[2]}-01' if m else None
    m = re.match(r'(\d{1,4})[/-](\d{1,2})[/-](\d{1,4})(?=$|[ T])', v)
    if not m:
        return None
    a, b, c = m[1], m[2], m[3]
    try:
        import datetime as dt
        if order == 'ymd':
            return dt.date(int(a), int(b), int(c)).isoformat() if len(a) == 4 else None
        y = int(c) + (2000 if len(c) == 2 and int(c) < 69 else 1900 if len(c) == 2 else 0)
        return dt.date(y, int(a), int(b)).isoformat() if len(c) in (2, 4) else None
    except ValueError:
        return None

def rows_of(path):
    text = open(path, 'rb').read().decode('utf-8-sig')
    return csv.reader(io.StringIO(text, newline=''))

out = {}
for name, dcol, order, classify, windows in SETS:
    files = sorted(glob.glob(os.path.join(ROOT, name, '*.csv')))
    if not files:
        continue
    counts = {V: [0] * len(windows), P: [0] * len(windows)}
    for path in files:
        rows = rows_of(path)
        header = [x.strip() for x in next(rows)]
        h = {}
        for i, x in enumerate(header):
            h.setdefault(x, i)
        for r in rows:
            if not r or len(r) != len(header):
                continue
            d = parse(r[h[dcol]], order)
            if d is None:
                continue
            cls = classify(r, h)
            if cls is None:
                continue
            for i, (a, b) in enumerate(windows):
                if a <= d <= b:
                    counts[cls][i] += 1
    out[name] = {'files': [os.path.basename(p) for p in files], 'windows': [f'{a}..{b}' for a, b in windows],
                 'violent': counts[V], 'property': counts[P]}

if '--check' not in sys.argv:
    json.dump(out, sys.stdout, indent=1)
    print()
    sys.exit(0)

failed = 0
for name, exp in out.items():
    files = [os.path.join(ROOT, name, f) for f in exp['files']]
    win = [a for w in exp['windows'] for a in ('--window', w)]
    for cls in (V, P):
        r = subprocess.run([sys.executable if False else 'node', 'dist/bin/crimedelta.js', 'compare', *files, *win, '--map', cls, '--tz', 'as-written', '--format', 'json', '--quiet'],
                           capture_output=True, text=True, env={**os.environ, 'NO_COLOR': '1'})
        got = json.loads(r.stdout)['total']['counts'] if r.returncode == 0 else r.stderr.strip()
        ok = got == exp[cls]
        failed += not ok
        print(f"{'ok ' if ok else 'BAD'} {name:32} {cls:9} python {exp[cls]}  crimedelta {got}")
sys.exit(1 if failed else 0)
