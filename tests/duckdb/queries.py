"""The two DuckDB queries of the README, run by tests/analytics.rs.

Usage: python3 queries.py STORE RATINGS_CSV
Prints one JSON object: {"ready": {person: n}, "latest": {person: "YYYY-MM-DD"}}.
"""
import json
import sys

import duckdb

store, ratings = sys.argv[1], sys.argv[2]

# Over the flat export: competencies ready in the view `rungs team` shows of
# each person: the manager's latest assessment, else the self's; never a peer's.
ready = duckdb.sql(f"""
    WITH r AS (SELECT * FROM read_csv('{ratings}', header = true, all_varchar = true)
               WHERE relationship IN ('manager', 'self')),
         shown AS (SELECT DISTINCT person, relationship, assessor, ladder, date FROM r
                   QUALIFY row_number() OVER (PARTITION BY person
                                              ORDER BY relationship = 'manager' DESC, date DESC) = 1)
    SELECT person, count(DISTINCT competency) FILTER (WHERE status = 'ready') AS ready
    FROM r JOIN shown USING (person, relationship, assessor, ladder, date)
    GROUP BY person ORDER BY person
""").fetchall()

# Straight over the store's JSON files: the date of that view's latest assessment.
latest = duckdb.sql(f"""
    SELECT person, arg_max(date, (relationship = 'manager', date))::VARCHAR AS latest
    FROM read_json_auto('{store}/*/*.json', format = 'auto')
    WHERE relationship IN ('manager', 'self')
    GROUP BY person ORDER BY person
""").fetchall()

print(json.dumps({"ready": dict(ready), "latest": dict(latest)}))
