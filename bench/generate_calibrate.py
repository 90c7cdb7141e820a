#!/usr/bin/env python3
"""Writes a store for the `rungs calibrate` benchmark.

    python3 bench/generate_calibrate.py DIR PEOPLE

Each person has three views on the Tech Lead ladder (TL4 -> TL5), dated in
the 90 days before 2026-12-01: their own, and two managers' (100 managers,
one of whom rates a step above everyone else). About 4 KB a file, with
evidence text, the shape `rungs assess` saves. Deterministic.
"""
import json
import os
import random
import sys
from datetime import date, timedelta

STEPS = [("technology", ("Specializes", 2), ("Evangelizes", 3)), ("system", ("Owns", 3), ("Evolves", 4)),
         ("people", ("Coordinates", 4), ("Coordinates", 4)), ("process", ("Adjusts", 4), ("Defines", 5)),
         ("influence", ("Subsystem", 1), ("Team", 2))]
RATINGS = ["not-yet", "developing", "meets", "exceeds"]
WORDS = ("led migrated reviewed mentored designed shipped measured documented on-call incident "
         "runbook replication latency budget roadmap retro pairing rollout schema alerting").split()
TODAY = date(2026, 12, 1)


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def view(rng, person, assessor, relationship, when, values):
    ratings = []
    for (cid, now, nxt), value in zip(STEPS, values):
        evidence = sentence(rng, 16)
        levels = [("TL4", now, value[0])] + ([] if now == nxt else [("TL5", nxt, value[1])])
        for level, (step, rank), v in levels:
            ratings.append({"competency": cid, "level": level, "step": step, "rank": rank,
                            "expectation": sentence(rng, 12), "rating": RATINGS[min(max(v, 1), 4) - 1],
                            "evidence": evidence})
    return {"schema": 1, "created_at": f"{when}T17:30:00+00:00", "date": str(when), "person": person,
            "assessor": assessor, "relationship": relationship, "ladder": {"id": "tech-lead", "version": "1"},
            "current": "TL4", "target": "TL5", "ratings": ratings, "notes": sentence(rng, 12)}


def main():
    root, people = sys.argv[1], int(sys.argv[2])
    rng = random.Random(24)
    for p in range(people):
        person = f"Person {p:05d}"
        folder = os.path.join(root, f"person-{p:05d}")
        os.makedirs(folder, exist_ok=True)
        truth = [(rng.randint(2, 3), rng.randint(1, 3)) for _ in STEPS]
        noisy = lambda: [(a + rng.choice((-1, 0, 0, 1)), b + rng.choice((-1, 0, 0, 1))) for a, b in truth]
        managers = [p % 100, (p + 37) % 100]
        raters = [(person, "self", noisy())]
        for m in managers:
            values = [(a + 1, b + 1) for a, b in truth] if m == 7 else noisy()
            raters.append((f"Manager {m:02d}", "manager", values))
        for i, (assessor, relationship, values) in enumerate(raters):
            when = TODAY - timedelta(days=5 + (p + 11 * i) % 80)
            # The second manager's file is the day's second save of a manager view.
            name = f"{when}-tech-lead-{relationship}" + ("-2" if i == 2 else "") + ".json"
            with open(os.path.join(folder, name), "w") as f:
                f.write(json.dumps(view(rng, person, assessor, relationship, when, values), indent=2) + "\n")


if __name__ == "__main__":
    main()
