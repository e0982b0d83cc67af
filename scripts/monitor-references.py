#!/usr/bin/env python3
"""Independent reference values for test/unit/core/stats/monitor.test.ts.

Computes, with Python's decimal module at 60 significant digits and nothing
from crimedelta, the literals the tests hold:

  - Wheeler's z 2(sqrt(c) - sqrt(b)), the baseline scaled by days when the
    windows differ in length;
  - Holm and Benjamini-Hochberg adjusted p-values from their closed forms
    (statsmodels multipletests "holm" / "fdr_bh"), in exact fractions;
  - Poisson tails as plain sums of e^-mu mu^j / j!, the exact two-sided
    (doubling) test p = min(1, 2 min(P[X<=k], P[X>=k])) as statsmodels
    test_poisson(method="exact-c"), and the limits
    [ppf((1-L)/2), ppf((1+L)/2)] as SciPy poisson.interval(L, mu), where
    ppf(q) is the smallest k with P[X<=k] >= q;
  - dispersion: expected = baseline * sum(current)/sum(baseline), z =
    (observed - expected)/sqrt(expected), and the exact p above;
  - the variance-to-mean ratio (n - 1 denominator).

SciPy is not installed here; these are the formulas those functions
implement. Run: python3 scripts/monitor-references.py
"""
from decimal import Decimal as D, getcontext
from fractions import Fraction as F

getcontext().prec = 60


def pmfs(mu, upto):
    """pmf(0..upto) of Poisson(mu), by the recurrence pmf(j) = pmf(j-1) mu / j."""
    mu = D(mu)
    out = [(-mu).exp()]
    for j in range(1, upto + 1):
        out.append(out[-1] * mu / j)
    return out


def cdf(k, mu):
    if k < 0:
        return D(0)
    if D(mu) == 0:
        return D(1)
    return sum(pmfs(mu, k))


def sf(k, mu):
    """P[X >= k]: 1 - cdf(k - 1), exact at 60 digits for the sizes used here."""
    if k <= 0:
        return D(1)
    if D(mu) == 0:
        return D(0)
    return D(1) - cdf(k - 1, mu)


def test_p(k, mu):
    if D(mu) == 0:
        return D(1) if k == 0 else D(0)
    return min(D(1), 2 * min(cdf(k, mu), sf(k, mu)))


def ppf(q, mu):
    q = D(q)
    k = 0
    while cdf(k, mu) < q:
        k += 1
    return k


def limits(mu, level):
    a = (1 - D(level)) / 2
    return ppf(a, mu), ppf(1 - a, mu)


def wheeler(c, b, dc=1, db=1):
    return 2 * (D(c).sqrt() - (D(b) * D(dc) / D(db)).sqrt())


def holm(ps):
    ps = [F(p) for p in ps]
    m = len(ps)
    order = sorted(range(m), key=lambda i: (ps[i], i))
    out = [None] * m
    run = F(0)
    for j, i in enumerate(order):
        run = max(run, min(F(1), (m - j) * ps[i]))
        out[i] = run
    return out


def bh(ps):
    ps = [F(p) for p in ps]
    m = len(ps)
    order = sorted(range(m), key=lambda i: (ps[i], i))
    out = [None] * m
    run = F(1)
    for j in range(m - 1, -1, -1):
        i = order[j]
        run = min(run, m * ps[i] / (j + 1))
        out[i] = min(F(1), run)
    return out


def vmr(xs):
    n = len(xs)
    mean = F(sum(xs), n)
    var = sum((F(x) - mean) ** 2 for x in xs) / (n - 1)
    return var / mean


def g(x):
    """17 significant digits, as a JavaScript literal."""
    if isinstance(x, F):
        x = D(x.numerator) / D(x.denominator)
    return format(float(x), '.17g')


print('// wheelerZ(current, baseline[, days]):')
for c, b, dc, db in [(25, 16, 1, 1), (9, 4, 1, 1), (24, 40, 1, 1), (38, 54, 1, 1), (12, 8, 30, 31), (0, 0, 1, 1), (3, 0, 1, 1), (0, 5, 1, 1)]:
    print(f'  [{c}, {b}, {dc}, {db}, {g(wheeler(c, b, dc, db))}],')

print('// holm / bh:')
for ps in [
    ['0.01', '0.04', '0.03', '0.005'],
    ['0.02', '0.02', '0.5', '0.001'],
    ['0', '0.3', '1'],
    ['0.04'],
    ['0.6', '0.7', '0.9'],
    ['0.011', '0.02', '0.029', '0.04', '0.045'],
]:
    print(f'  ps {ps}: holm [{", ".join(g(x) for x in holm(ps))}] bh [{", ".join(g(x) for x in bh(ps))}]')

print('// Poisson tails and the exact test: k, mean, P[X<=k], P[X>=k], p:')
for k, mu in [(20, 10), (3, 12.5), (0, 4), (30, 15), (140, 140), (1, '0.5'), (5, 20), (171, 140), (2, '0.3')]:
    print(f'  [{k}, {mu}, {g(cdf(k, mu))}, {g(sf(k, mu))}, {g(test_p(k, mu))}],')

print('// limits: mean, level, lower, upper:')
for mu, lv in [(56, '0.99'), (60, '0.99'), (62, '0.99'), (10, '0.99'), ('12.5', '0.99'), ('0.3', '0.99'), (140, '0.99'), (1000, '0.95'), (15, '0.99'), ('20.625', '0.99'), (0, '0.99')]:
    lo, hi = limits(mu, lv) if D(mu) > 0 else (0, 0)
    print(f'  [{mu}, {lv}, {lo}, {hi}],')

print('// dispersion: baseline, current -> ratio, expected, z, p:')
for pre, post in [([100, 200, 50, 30], [130, 230, 110, 18]), ([40, 40], [48, 48]), ([25], [60]), ([10, 0, 5], [12, 4, 5])]:
    r = F(sum(post), sum(pre))
    print(f'  pre {pre} post {post} ratio {g(r)}')
    for b, o in zip(pre, post):
        e = b * r
        if e == 0:
            print(f'    [{b}, {o}, 0, null, null],')
            continue
        ed = D(e.numerator) / D(e.denominator)
        z = (D(o) - ed) / ed.sqrt()
        print(f'    [{b}, {o}, {g(e)}, {g(z)}, {g(test_p(o, ed))}],')

print('// the dispersion p-values of the first example, adjusted across its four rows:')
pre, post = [100, 200, 50, 30], [130, 230, 110, 18]
r = F(sum(post), sum(pre))
ps = []
for b, o in zip(pre, post):
    e = b * r
    ps.append(test_p(o, D(e.numerator) / D(e.denominator)))
fr = [F(str(p)) for p in ps]
print(f'  holm [{", ".join(g(x) for x in holm(fr))}] bh [{", ".join(g(x) for x in bh(fr))}]')

print('// varianceToMean:')
for xs in [[10, 12, 8, 10], [3, 3, 3], [0, 0, 6, 0], [5, 15]]:
    print(f'  {xs}: {g(vmr(xs))}')

# The alerts fixtures, counted with the csv module: the 28 days Sep 4 - Oct 1, 2023
# against the eight 28-day periods before, per offense and district.
import csv
from datetime import date, timedelta


def alerts_fixture(path, level='0.99'):
    end = date(2023, 10, 1)
    blocks = [(end - timedelta(days=28 * k + 27), end - timedelta(days=28 * k)) for k in range(9)]
    counts = {}
    with open(path, newline='') as f:
        for row in csv.DictReader(f):
            d = date.fromisoformat(row['date'])
            for k, (a, b) in enumerate(blocks):
                if a <= d <= b:
                    counts.setdefault((row['offense'], row['district']), [0] * 9)[k] += 1
    out = []
    for key, c in sorted(counts.items()):
        expected = D(sum(c[1:])) / 8
        lo, hi = limits(expected, level)
        if c[0] < lo or c[0] > hi:
            out.append(f'{key}: observed {c[0]}, expected {g(expected)}, limits [{lo}, {hi}], p {g(test_p(c[0], expected))}')
    return out


for path in ['fixtures/alerts-spike.csv', 'fixtures/alerts-steady.csv']:
    print(f'// alerts --every 28d --by offense,area on {path}: {alerts_fixture(path) or "no group outside its limits"}')
