"""The two DuckDB queries of the README, run by tests/analytics.rs.

Usage: python3 queries.py STORE RATINGS_CSV
Prints one JSON object: {"ready": {person: n}, "latest": {person: "YYYY-MM-DD"}}.
"""
import json
import sys

import duckdb

store, ratings = sys.argv[1], sys.argv[2]

# Over the flat export: competencies ready in each person's latest assessment.
ready = duckdb.sql(f"""
    WITH r AS (SELECT * FROM read_csv('{ratings}', header = true, all_varchar = true)),
         latest AS (SELECT person, max(date) AS date FROM r GROUP BY person)
    SELECT r.person, count(DISTINCT r.competency) FILTER (WHERE r.status = 'ready') AS ready
    FROM r JOIN latest USING (person, date)
    GROUP BY r.person ORDER BY r.person
""").fetchall()

# Straight over the store's JSON files: each person's latest assessment date.
latest = duckdb.sql(f"""
    SELECT person, max(date)::VARCHAR AS latest
    FROM read_json_auto('{store}/*/*.json', format = 'auto')
    GROUP BY person ORDER BY person
""").fetchall()

print(json.dumps({"ready": dict(ready), "latest": dict(latest)}))
