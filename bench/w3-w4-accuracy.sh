#!/usr/bin/env bash
# W3 (matrix-em, math-spec §6.3) against W4 (svd-frame, §6.4) at equal cost: what each computes at
# the workloads' step Δt = 1e-3 (performance.md: d = 8, N = 4, β = 2, κ = 1, X(0) =
# diag(linspace(1.5, 0.5, 8)), t = 1). Throughput alone (compare.sh) does not say whether the two
# numbers buy the same answer; this script checks, with ./dlmc run:
#  1. Brownian motion on (GL_d, g^N) (no energy, no entropy) in the workloads' geometry, where the
#     run attaches the exact λ-law of math-spec §3.3 as theory (λ(t) ~ singular values of
#     Λ_0 + sqrt(2κt/(βN)) G; E Σλ² exact): every layer_singular_value_mean row and
#     layer_sum_squares_mean, with z = (estimate − theory) / standard error;
#  2. the workloads' own model (confining energy, entropy), which has no closed-form law at t = 1:
#     E λ_d and E λ_1 from matrix-em, svd-frame and singular-values (§6.5, the λ-SDE alone,
#     exact in closure for this spectral energy).
# |z| > 3.5 is a disagreement (false-alarm probability per row ≈ 5e-4 under the normal
# approximation). Results and their dt-refinement: bench/RESULTS.md, "W4 against W3 at equal
# accuracy".
#   bench/w3-w4-accuracy.sh [TRAJECTORIES] [DT]      (default 4000, 0.001; ~2 min on 2 cores)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
M="${1:-4000}"
DT="${2:-0.001}"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
X0='[[1.5,0,0,0,0,0,0,0],[0,1.3571428571428572,0,0,0,0,0,0],[0,0,1.2142857142857142,0,0,0,0,0],[0,0,0,1.0714285714285714,0,0,0,0],[0,0,0,0,0.9285714285714286,0,0,0],[0,0,0,0,0,0.7857142857142857,0,0],[0,0,0,0,0,0,0.6428571428571428,0],[0,0,0,0,0,0,0,0.5]]'

# experiment NAME SCHEME ENTROPY ENERGY
experiment() {
  cat > "$OUT/$1.yaml" <<EOF
name: $1
model:
  type: dln
  d: 8
  depth: 4
  beta: 2
  kappa: 1.0
  entropy: $3
  energy: $4
  initial: {type: matrix, values: $X0}
scheme:
  type: $2
  dt: $DT
time:
  t_end: 1.0
  save_every: 1.0
ensemble:
  trajectories: $M
  seed: 5
EOF
  "$ROOT/dlmc" run "$OUT/$1.yaml" --out "$OUT/runs" > "$OUT/$1.txt" 2>&1 || { cat "$OUT/$1.txt" >&2; exit 1; }
}

echo "1. Brownian motion (no energy, no entropy), d = 8, N = 4, beta = 2, dt = $DT, t = 1, M = $M:"
echo "   exact lambda-law theory (math-spec §3.3)"
for s in matrix-em svd-frame; do
  experiment "bm-$s" "$s" false '{type: none}'
done
python3 - "$OUT/bm-matrix-em.txt" "$OUT/bm-svd-frame.txt" <<'PY'
import re, sys
rows = {}
for path, name in zip(sys.argv[1:], ("matrix-em (W3)", "svd-frame (W4)")):
    for line in open(path):
        m = re.match(r"\s+(layer_singular_value_mean\[\d+\]|layer_sum_squares_mean)\s+(\S+) ± (\S+)\s+theory (\S+)", line)
        if m:
            est, se, th = float(m.group(2)), float(m.group(3)), float(m.group(4))
            rows.setdefault(m.group(1), {})[name] = (est, se, th)
print(f"   {'quantity':30s} {'theory':>9s}   {'matrix-em (W3)':>22s}   {'svd-frame (W4)':>22s}")
for q, v in rows.items():
    th = next(iter(v.values()))[2]
    cells = []
    for name in ("matrix-em (W3)", "svd-frame (W4)"):
        est, se, _ = v[name]
        cells.append(f"{est:9.5f} (z = {(est - th) / se:+7.1f})")
    print(f"   {q:30s} {th:9.5f}   {cells[0]:>22s}   {cells[1]:>22s}")
PY

echo
echo "2. the W3 / W4 model (confining alpha = 1, entropy on), dt = $DT, t = 1, M = $M: no closed form;"
echo "   singular-values integrates the lambda-SDE alone (math-spec §6.5)"
for s in matrix-em svd-frame singular-values; do
  experiment "rle-$s" "$s" true '{type: confining, alpha: 1.0}'
done
python3 - "$OUT/rle-matrix-em.txt" "$OUT/rle-svd-frame.txt" "$OUT/rle-singular-values.txt" <<'PY'
import re, sys
names = ("matrix-em (W3)", "svd-frame (W4)", "singular-values")
vals = {}
for path, name in zip(sys.argv[1:], names):
    for line in open(path):
        m = re.match(r"\s+(layer_singular_value_mean\[(1|8)\])\s+(\S+) ± (\S+)", line)
        if m:
            vals.setdefault(m.group(1), {})[name] = (float(m.group(3)), float(m.group(4)))
print(f"   {'quantity':30s} " + "   ".join(f"{n:>22s}" for n in names))
for q, v in vals.items():
    print(f"   {q:30s} " + "   ".join(f"{v[n][0]:9.5f} ± {v[n][1]:9.5f}" for n in names))
ref = vals["layer_singular_value_mean[8]"]["singular-values"]
for n in names[:2]:
    est, se = vals["layer_singular_value_mean[8]"][n]
    print(f"   E lambda_8, {n} against singular-values: z = {(est - ref[0]) / (se * se + ref[1] * ref[1]) ** 0.5:+.1f}")
PY
