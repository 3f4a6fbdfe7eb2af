#!/usr/bin/env python3
"""Writes src/render/spatial_filter_tables.cc: the interpolation kernels napari's
images are drawn with, as the bytes vispy uploads to the GPU.

vispy (vispy/glsl/build_spatial_filters.py, vispy/io/_data/spatial-filters.npy)
samples each kernel w(d) once, at 1024 points d = i * R / 1023 for i = 0..1023
(R = ceil(radius): 1, 2, 3 or 4), and divides each sample by a sum meant to make
the 2R weights of one fraction add up to 1: entries j, j + s, ..., of the table and
of the reversed table, for s = floor(1024 / R) (entries past R * s are left as they
are). All kernels' entries are then mapped to [0, 1] by one bias (the smallest
entry) and scale (largest - smallest), rounded to float32, and packed into four
bytes per entry: the first four base-256 digits (numpy's float-to-uint8 cast wraps
a digit of 256 to 0, so the one entry equal to 1.0, in sinc, becomes 0).

The shader reads the bytes as 8-bit normalised texels (digit / 255) and takes their
dot product with (1, 1/256, 1/256², 1/256³), so an entry packed as P (a 32-bit
integer) reads back as P / (255 * 2^24), not P / 2^32; spatial_filters.cc applies
that rule. This script computes the kernels in plain Python (no numpy) and prints
P for every entry. The build never runs Python: run this once after a change and
commit the output:

    python3 configs/spatial_filters/generate_tables.py > src/render/spatial_filter_tables.cc
"""

import math
import struct

SIZE = 1024


def hermite(x):
    return (2 * x - 3) * x * x + 1


def hanning(x):
    return 0.5 + 0.5 * math.cos(math.pi * x)


def hamming(x):
    return 0.54 + 0.46 * math.cos(math.pi * x)


def bessel_i0(x):
    # Series of the modified Bessel function I0, summed until a term is below 1e-12
    # (vispy's stopping rule, so the same terms are summed).
    total, y = 1.0, x * x / 4
    term, k = y, 2
    while term > 1e-12:
        total += term
        term *= y / (k * k)
        k += 1
    return total


KAISER_B = 6.33
KAISER_NORM = 1 / bessel_i0(KAISER_B)


def kaiser(x):
    return 0.0 if x > 1 else bessel_i0(KAISER_B * math.sqrt(1 - x * x)) * KAISER_NORM


def quadric(x):
    # vispy switches pieces at 0.75 (not 0.5, where the two pieces meet).
    if x < 0.75:
        return 0.75 - x * x
    if x < 1.5:
        return 0.5 * (x - 1.5) ** 2
    return 0.0


def cubic(x):
    # vispy sums the cubic B-spline's four truncated powers without truncating them,
    # which is (2 - x)^3 / 6 over all of [0, 2]: after normalisation a smoothing
    # kernel weighing a pixel and its neighbours 0.8, 0.1, 0.1 at the pixel's centre.
    return ((x + 2) ** 3 - 4 * (x + 1) ** 3 + 6 * x ** 3 - 4 * (x - 1) ** 3) / 6


def catrom(x):
    if x < 1:
        return 0.5 * (2 + x * x * (-5 + 3 * x))
    if x < 2:
        return 0.5 * (4 + x * (-8 + x * (5 - x)))
    return 0.0


def mitchell(x, b=1 / 3, c=1 / 3):
    if x < 1:
        return ((6 - 2 * b) / 6) + x * x * (((-18 + 12 * b + 6 * c) / 6) + x * ((12 - 9 * b - 6 * c) / 6))
    if x < 2:
        return ((8 * b + 24 * c) / 6) + x * (((-12 * b - 48 * c) / 6) + x * (((6 * b + 30 * c) / 6) + x * ((-b - 6 * c) / 6)))
    return 0.0


def spline16(x):
    if x < 1:
        return ((x - 9 / 5) * x - 1 / 5) * x + 1
    t = x - 1
    return ((-1 / 3 * t + 4 / 5) * t - 7 / 15) * t


def spline36(x):
    if x < 1:
        return ((13 / 11 * x - 453 / 209) * x - 3 / 209) * x + 1
    if x < 2:
        t = x - 1
        return ((-6 / 11 * t + 270 / 209) * t - 156 / 209) * t
    t = x - 2
    return ((1 / 11 * t - 45 / 209) * t + 26 / 209) * t


def gaussian(x):
    return math.exp(-2 * x * x) * math.sqrt(2 / math.pi)


def bessel_j(x, n):
    # Bessel function of the first kind by Miller's downward recurrence, restarted
    # with a higher starting order until two results agree within 1e-6 (the AGG /
    # vispy routine, so the table matches theirs).
    if abs(x) <= 1e-6:
        return 1.0 if n == 0 else 0.0
    previous = 0.0
    start = int(abs(x)) + 6
    if abs(x) > 5:
        start = int(abs(1.4 * x + 60 / x))
    order = max(start, int(n + 2 + abs(x) / 4))
    while True:
        below, current, norm, sign = 0.0, 1e-30, 0.0, (-1 if order % 2 == 0 else 1)
        result = 0.0
        for i in range(1, order - 1):
            nxt = 2 * (order - i) * current / x - below
            below, current = current, nxt
            if order - i - 1 == n:
                result = nxt
            sign = -sign
            if sign > 0:
                norm += 2 * nxt
        nxt = 2 * current / x - below
        if n == 0:
            result = nxt
        norm += nxt
        result /= norm
        if abs(result - previous) < 1e-6:
            return result
        previous = result
        order += 3


def bessel(x):
    return math.pi / 4 if x == 0 else bessel_j(math.pi * x, 1) / (2 * x)


def sinc(x):
    return 1.0 if x == 0 else math.sin(math.pi * x) / (math.pi * x)


def windowed_sinc(x, radius, window):
    """sinc(x) times window(pi x / radius), 0 beyond the radius."""
    if x == 0:
        return 1.0
    if x > radius:
        return 0.0
    p = math.pi * x
    return (math.sin(p) / p) * window(p / radius)


def lanczos(x, radius=4):
    return windowed_sinc(x, radius, lambda q: math.sin(q) / q)


def blackman(x, radius=4):
    return windowed_sinc(x, radius, lambda q: 0.42 + 0.5 * math.cos(q) + 0.08 * math.cos(2 * q))


def linear(x):
    return 1 - x


# vispy's table order (its rows; linear and nearest are drawn by the GPU's own
# filtering, but linear's row still takes part in the bias and scale).
KERNELS = [
    ("linear", 1, linear), ("hanning", 1, hanning), ("hamming", 1, hamming), ("hermite", 1, hermite),
    ("kaiser", 1, kaiser), ("quadric", 2, quadric), ("cubic", 2, cubic), ("catrom", 2, catrom),
    ("mitchell", 2, mitchell), ("spline16", 2, spline16), ("spline36", 3, spline36),
    ("gaussian", 2, gaussian), ("bessel", 4, bessel), ("sinc", 4, sinc), ("lanczos", 4, lanczos),
    ("blackman", 4, blackman),
]


def sampled(radius, weight):
    step = radius / (SIZE - 1)
    k = [weight(i * step) for i in range(SIZE - 1)] + [weight(float(radius))]
    s = SIZE // radius
    rev = k[::-1]
    norm = [sum(k[i * s + j] + rev[i * s + j] for i in range(radius)) for j in range(s)]
    for i in range(radius):
        for j in range(s):
            k[i * s + j] /= norm[j]
    return k


def to_float32(v):
    return struct.unpack("<f", struct.pack("<f", v))[0]


def packed(v):
    # float32 in [0, 1] -> four base-256 digits, each wrapped to a byte.
    p = 0
    for _ in range(4):
        v *= 256.0
        digit = math.floor(v)
        v -= digit
        p = (p << 8) | (int(digit) & 0xFF)
    return p


def main():
    tables = [(name, radius, sampled(radius, w)) for name, radius, w in KERNELS]
    bias = min(min(t) for _, _, t in tables)
    scale = max(max(t) for _, _, t in tables) - bias
    print("// Generated by configs/spatial_filters/generate_tables.py; do not edit. vispy's")
    print("// interpolation kernel table (spatial-filters.npy) as the packed bytes its")
    print("// shader reads, one 32-bit integer per entry (spatial_filters.h).")
    print()
    print('#include "render/spatial_filter_tables.h"')
    print()
    print("namespace stackshot {")
    print()
    print(f"const double kSpatialFilterBias = {bias!r};")
    print(f"const double kSpatialFilterScale = {scale!r};")
    print()
    print("const PackedSpatialFilter kPackedSpatialFilters[kPackedSpatialFilterCount] = {")
    for name, radius, table in tables:
        print(f'    {{"{name}", {radius}, {{')
        values = [packed(to_float32((v - bias) / scale)) for v in table]
        for row in range(0, SIZE, 8):
            print("        " + " ".join(f"0x{v:08x}u," for v in values[row:row + 8]))
        print("    }},")
    print("};")
    print()
    print("}  // namespace stackshot")


if __name__ == "__main__":
    main()
