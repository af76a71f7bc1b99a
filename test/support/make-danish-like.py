"""Writes e2e/data/danish-like.csv: 2,167 heavy-tailed losses shaped like the Danish fire losses (min 1,
a Pareto tail, skewness near 19), deterministic (seed 1980). Run: python3 test/support/make-danish-like.py"""
import random

random.seed(1980)
values = []
while len(values) < 2167:
    x = (1 - random.random()) ** (-1 / 1.45)  # Pareto(alpha = 1.45, x_m = 1)
    if x <= 300:
        values.append(round(x, 6))
with open("e2e/data/danish-like.csv", "w") as f:
    f.write("loss\n")
    f.write("\n".join(str(v) for v in values) + "\n")
