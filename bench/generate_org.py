#!/usr/bin/env python3
"""Writes an organisation-sized rungs store for bench/org.sh.

    python3 bench/generate_org.py DIR [PEOPLE] [QUARTERS]

Defaults: 50,000 people x 4 quarters = 200,000 files. Each person has one
Tech Lead assessment (TL4 -> TL5) a quarter, and the views alternate: the
person's self-assessment in quarters 1 and 3, their manager's in quarters 2
and 4. So with the defaults: 100,000 self and 100,000 manager files, and
every person has both views (`rungs team` reads the latest of each).

The files are the shape `rungs assess` saves (docs/assessment-format.md):
keys in order, pretty-printed with a final newline, the Tech Lead ladder's
real expectation texts, multi-sentence evidence, and on about one file in
four `from_notes` ids on the ratings whose evidence came from journal notes.
About 4 KB each. A manager file's assessor is one of 6,250 managers (eight
reports each), never the person, and it is named `DATE-tech-lead-manager.json`.
Folders are 0700 and files 0600, as rungs makes them.

Deterministic: the same arguments give the same files.
"""
import json
import os
import random
import sys
from datetime import date, timedelta

# (competency, step, rank, expectation) at TL4 and TL5, from ladders/tech-lead.
TL4 = [
    ("technology", "Specializes", 2,
     "is the go-to person for one or more technologies and takes initiative to learn new ones"),
    ("system", "Owns", 3,
     "owns the production operation and monitoring of the system and is aware of its SLAs"),
    ("people", "Coordinates", 4,
     "coordinates team members providing effective feedback and moderating discussions"),
    ("process", "Adjusts", 4,
     "adjusts the team processes, listening to feedback and guiding the team through the changes"),
    ("influence", "Subsystem", 1, "makes an impact on one or more subsystems or team pods"),
]
TL5 = [
    ("technology", "Evangelizes", 3,
     "researches, creates proofs of concept and introduces new technologies to the team"),
    ("system", "Evolves", 4,
     "evolves the architecture to support future requirements and defines its SLAs"),
    ("people", "Coordinates", 4,
     "coordinates team members providing effective feedback and moderating discussions"),
    ("process", "Defines", 5,
     "defines the right processes for the team's maturity level, balancing agility and discipline"),
    ("influence", "Team", 2, "makes an impact on the whole team, not just on specific parts of it"),
]
RATINGS = ["not-yet", "developing", "meets", "exceeds"]
WORDS = ("led migrated reviewed mentored designed shipped measured documented on-call incident "
         "runbook replication latency budget roadmap retro pairing rollout schema alerting "
         "postgres kafka payments search onboarding capacity review design-doc SLO dashboard").split()
MANAGED = 8  # reports per manager


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def evidence(rng, when, from_notes):
    """Evidence text; from notes it is `DATE: note` lines, as the interview's `:n` writes it."""
    if from_notes:
        days = sorted(rng.sample(range(5, 85), len(from_notes)))
        return "\n".join(f"{when - timedelta(days=d)}: {sentence(rng, 10)}" for d in days)
    return sentence(rng, rng.randint(12, 20))


def assessment(rng, person, assessor, relationship, when):
    ratings = []
    noted = rng.random() < 0.25
    for now, nxt in zip(TL4, TL5):
        notes = [f"n{rng.getrandbits(32):08x}" for _ in range(rng.randint(1, 2))] if noted else []
        text = evidence(rng, when, notes)
        levels = [("TL4", now)] + ([] if now[1] == nxt[1] else [("TL5", nxt)])
        for level, (cid, step, rank, expectation) in levels:
            entry = {
                "competency": cid, "level": level, "step": step, "rank": rank,
                "expectation": expectation, "rating": rng.choice(RATINGS), "evidence": text,
            }
            if notes:
                entry["from_notes"] = notes
            ratings.append(entry)
    stamp = f"{when}T{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}." \
            f"{rng.getrandbits(29):09d}Z"
    return {
        "schema": 1, "created_at": stamp, "date": str(when),
        "person": person, "assessor": assessor, "relationship": relationship,
        "ladder": {"id": "tech-lead", "version": "1"}, "current": "TL4", "target": "TL5",
        "ratings": ratings, "notes": " ".join(sentence(rng, 12) for _ in range(2)),
    }


def write(path, record):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(json.dumps(record, indent=2, ensure_ascii=False) + "\n")


def main():
    root = sys.argv[1]
    people = int(sys.argv[2]) if len(sys.argv) > 2 else 50_000
    quarters = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    rng = random.Random(13)
    os.makedirs(root, mode=0o700, exist_ok=True)
    counts = {"self": 0, "manager": 0}
    for p in range(people):
        person = f"Person {p:05d}"
        manager = f"Manager {p // MANAGED:04d}"
        folder = os.path.join(root, f"person-{p:05d}")
        os.makedirs(folder, mode=0o700, exist_ok=True)
        start = date(2025, 1, 6) + timedelta(days=p % 60)
        for q in range(quarters):
            when = start + timedelta(days=91 * q)
            relationship = "self" if q % 2 == 0 else "manager"
            assessor = person if relationship == "self" else manager
            path = os.path.join(folder, f"{when}-tech-lead-{relationship}.json")
            write(path, assessment(rng, person, assessor, relationship, when))
            counts[relationship] += 1
    total = counts["self"] + counts["manager"]
    print(f"{total} files: {people} people x {quarters} quarters, "
          f"{counts['self']} self and {counts['manager']} manager views")


if __name__ == "__main__":
    main()
