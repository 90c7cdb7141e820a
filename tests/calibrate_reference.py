#!/usr/bin/env python3
"""An independent reference for `rungs calibrate`, read from the store's files.

    python3 tests/calibrate_reference.py STORE LADDER SINCE UNTIL

Prints JSON: {"alpha": ..., "kappa": ..., "kappa_by_competency": {...}}.

Alpha comes from the `krippendorff` package (ordinal); kappa from the
quadratic-weighted formula written out here. The selection follows
docs/calibration.md: per view (person, ladder, relationship, assessor) the
latest assessment dated in the period (by date, then save time, then the
save number in the file name); a unit is a (person, competency, level); its
values are not-yet=1 .. exceeds=4; peers are not used here (the test's team
has none).
"""
import glob
import json
import os
import re
import sys

import krippendorff
import numpy as np

VALUES = {"not-yet": 1, "developing": 2, "meets": 3, "exceeds": 4}


def save_number(path):
    m = re.search(r"-(\d+)\.json$", os.path.basename(path))
    return int(m.group(1)) if m else 1


def latest_views(store, ladder, since, until):
    latest = {}
    for path in glob.glob(os.path.join(store, "*", "*.json")):
        with open(path) as f:
            a = json.load(f)
        if a["ladder"]["id"] != ladder or not since <= a["date"] <= until:
            continue
        key = (a["person"], a["relationship"], a["assessor"])
        order = (a["date"], a["created_at"], save_number(path))
        if key not in latest or latest[key][0] < order:
            latest[key] = (order, a)
    return [a for _, a in latest.values()], {k: o for k, (o, _) in latest.items()}


def quadratic_kappa(pairs, k=4):
    if not pairs:
        return None
    observed = np.zeros((k, k))
    for a, b in pairs:
        observed[a - 1, b - 1] += 1
    n = observed.sum()
    rows, columns = observed.sum(axis=1), observed.sum(axis=0)
    weights = np.array([[(i - j) ** 2 for j in range(k)] for i in range(k)]) / (k - 1) ** 2
    expected = np.outer(rows, columns) / n
    return float(1 - (weights * observed).sum() / (weights * expected).sum())


def main():
    store, ladder, since, until = sys.argv[1:5]
    views, orders = latest_views(store, ladder, since, until)
    raters = sorted({(a["relationship"], a["assessor"]) for a in views})
    units = sorted({(a["person"], r["competency"], r["level"]) for a in views for r in a["ratings"]})
    column = {u: i for i, u in enumerate(units)}
    data = np.full((len(raters), len(units)), np.nan)
    for a in views:
        row = raters.index((a["relationship"], a["assessor"]))
        for r in a["ratings"]:
            data[row, column[(a["person"], r["competency"], r["level"])]] = VALUES[r["rating"]]
    alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal")

    # Self against each person's latest manager view.
    managers = {}
    for (person, relationship, assessor), order in orders.items():
        if relationship == "manager" and (person not in managers or managers[person][0] < order):
            managers[person] = (order, assessor)
    by_view = {(a["person"], a["relationship"], a["assessor"]): a for a in views}
    pairs = []
    for person, (_, manager) in managers.items():
        own = by_view.get((person, "self", person))
        if own is None:
            continue
        theirs = {(r["competency"], r["level"]): VALUES[r["rating"]] for r in by_view[(person, "manager", manager)]["ratings"]}
        for r in own["ratings"]:
            if (r["competency"], r["level"]) in theirs:
                pairs.append((r["competency"], VALUES[r["rating"]], theirs[(r["competency"], r["level"])]))
    competencies = sorted({c for c, _, _ in pairs})
    print(json.dumps({
        "alpha": float(alpha),
        "kappa": quadratic_kappa([(a, b) for _, a, b in pairs]),
        "kappa_by_competency": {c: quadratic_kappa([(a, b) for x, a, b in pairs if x == c]) for c in competencies},
        "units": len(units),
    }))


if __name__ == "__main__":
    main()
