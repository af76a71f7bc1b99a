"""W6's SciPy side: what a SciPy user runs for the same answer as `mle-fit FILE --column x --dist FAMILY`:
pandas.read_csv, the family's maximum-likelihood fit, and a Kolmogorov-Smirnov test. Prints one JSON line
with the parameters (in the engine's parametrisation) and the seconds of each step.

Usage: python3 w6-scipy.py FAMILY FILE   (FAMILY: gamma, weibull, student_t, negative_binomial)

The models match the engine's: gamma and Weibull with location fixed at 0 (floc=0), Student t with location
and scale. SciPy's discrete families have no .fit: negative_binomial uses scipy.stats.fit (SciPy >= 1.9)
with L-BFGS-B from the method-of-moments start (its default optimizer, differential evolution, takes
minutes on 1M values). SciPy computes no standard errors, profile intervals, AD, CvM or chi-square here:
it does less work than the engine does. (kstest on counts is the naive user's call: with ties its p-value
means little.)
"""

import json
import sys
import time
import warnings

started = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy import optimize, stats  # noqa: E402


def fit_negative_binomial(x):
    mean, var = x.mean(), x.var()
    size0 = mean * mean / (var - mean) if var > mean else 100.0
    guess = {"n": size0, "p": size0 / (size0 + mean), "loc": 0}

    def local(fun, bounds, *, x0, integrality=None):
        return optimize.minimize(fun, x0, bounds=bounds, method="L-BFGS-B")

    bounds = {"n": (1e-6, 1e6), "p": (1e-9, 1 - 1e-9), "loc": (0, 0)}
    # SciPy marks n as integral and rounds the guess (with a warning); L-BFGS-B still fits it as a real.
    warnings.filterwarnings("ignore", message="Guess for parameter")
    res = stats.fit(stats.nbinom, x, bounds=bounds, guess=guess, optimizer=local)
    n, p = res.params.n, res.params.p
    return {"size": n, "mu": n * (1 - p) / p}, lambda v: stats.nbinom.cdf(v, n, p)


def fit(family, x):
    if family == "gamma":
        a, _, scale = stats.gamma.fit(x, floc=0)
        return {"shape": a, "rate": 1 / scale}, lambda v: stats.gamma.cdf(v, a, scale=scale)
    if family == "weibull":
        c, _, scale = stats.weibull_min.fit(x, floc=0)
        return {"shape": c, "scale": scale}, lambda v: stats.weibull_min.cdf(v, c, scale=scale)
    if family == "student_t":
        df, loc, scale = stats.t.fit(x)
        return {"mu": loc, "sigma": scale, "nu": df}, lambda v: stats.t.cdf(v, df, loc, scale)
    if family == "negative_binomial":
        return fit_negative_binomial(x)
    raise SystemExit(f"unknown family {family}")


def main():
    family, path = sys.argv[1], sys.argv[2]
    imported = time.perf_counter()
    x = pd.read_csv(path)["x"].to_numpy(dtype=np.float64)
    read = time.perf_counter()
    params, cdf = fit(family, x)
    fitted = time.perf_counter()
    ks = stats.kstest(x, cdf)
    tested = time.perf_counter()
    print(
        json.dumps(
            {
                "params": {k: float(v) for k, v in params.items()},
                "ks": float(ks.statistic),
                "ksPValue": float(ks.pvalue),
                "importSeconds": imported - started,
                "readSeconds": read - imported,
                "fitSeconds": fitted - read,
                "ksSeconds": tested - fitted,
            }
        )
    )


main()
