#!/usr/bin/env python3
"""Writes a folder of realistic rungs assessments for benchmarks.

    python3 bench/generate.py DIR PEOPLE PER_PERSON

Each person gets PER_PERSON quarterly Tech Lead assessments (TL4 -> TL5),
with evidence text, about 4 KB each: the shape `rungs assess` saves.
Deterministic: the same arguments give the same files.
"""
import json
import os
import random
import sys
from datetime import date, timedelta

STEPS = {
    "TL4": [("technology", "Specializes", 2), ("system", "Owns", 3), ("people", "Coordinates", 4),
            ("process", "Adjusts", 4), ("influence", "Subsystem", 1)],
    "TL5": [("technology", "Evangelizes", 3), ("system", "Evolves", 4), ("people", "Coordinates", 4),
            ("process", "Defines", 5), ("influence", "Team", 2)],
}
RATINGS = ["not-yet", "developing", "meets", "exceeds"]
WORDS = ("led migrated reviewed mentored designed shipped measured documented on-call incident "
         "runbook replication latency budget roadmap retro pairing rollout schema alerting").split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def assessment(rng, person, when):
    ratings = []
    for (cid, step, rank), (_, tstep, trank) in zip(STEPS["TL4"], STEPS["TL5"]):
        evidence = sentence(rng, 16)
        levels = [("TL4", step, rank)] + ([] if step == tstep else [("TL5", tstep, trank)])
        for level, name, r in levels:
            ratings.append({
                "competency": cid, "level": level, "step": name, "rank": r,
                "expectation": sentence(rng, 12),
                "rating": rng.choice(RATINGS), "evidence": evidence,
            })
    return {
        "schema": 1, "created_at": f"{when}T17:30:00+00:00", "date": str(when),
        "person": person, "assessor": person, "relationship": "self",
        "ladder": {"id": "tech-lead", "version": "1"}, "current": "TL4", "target": "TL5",
        "ratings": ratings, "notes": sentence(rng, 12),
    }


def main():
    root, people, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(42)
    for p in range(people):
        person = f"Person {p:05d}"
        folder = os.path.join(root, f"person-{p:05d}")
        os.makedirs(folder, exist_ok=True)
        start = date(2020, 1, 15) + timedelta(days=p % 90)
        for q in range(per):
            when = start + timedelta(days=91 * q)
            path = os.path.join(folder, f"{when}-tech-lead-self.json")
            with open(path, "w") as f:
                f.write(json.dumps(assessment(rng, person, when), indent=2) + "\n")


if __name__ == "__main__":
    main()
