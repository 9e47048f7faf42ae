"""Writes exp_ref.txt: arguments x and the correctly rounded float64 values
of exp(x) and exprel(x) = (exp(x) - 1)/x, computed with mpmath at 300 bits,
as hexadecimal float64 bits ("x exp exprel" a line). Run with python3
(mpmath installed): python3 mkref.py > exp_ref.txt"""
import math
import random
import struct

from mpmath import mp, mpf, exp, expm1

mp.prec = 300

def bits(v):
    return struct.unpack("<Q", struct.pack("<d", v))[0]

def rounded(v):
    # float(mpf) rounds to nearest; subnormals and overflow included.
    try:
        return float(v)
    except OverflowError:
        return math.inf

rng = random.Random(12345)
xs = []
for _ in range(500):
    xs.append(rng.uniform(-750, 712))
    xs.append(rng.uniform(-1, 1) * 10 ** (-rng.uniform(0, 20)))
    xs.append(rng.uniform(-745.2, -708))
    xs.append(rng.uniform(709.0, 709.8))
    xs.append(rng.uniform(-20, 20))
    xs.append(rng.uniform(-0.6, 0.6))
for x in xs:
    e = exp(mpf(x))
    r = mpf(1) if x == 0 else expm1(mpf(x)) / mpf(x)
    print("%016x %016x %016x" % (bits(x), bits(rounded(e)), bits(rounded(r))))
