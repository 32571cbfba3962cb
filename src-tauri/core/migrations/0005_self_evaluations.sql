-- Performance self-evaluations (绩效自评) kept with a disclosure, usually the 决算 of the year.
-- The evaluation and the staff's report prose are stored as the JSON of their model types:
-- they are edited and scored as a whole and never queried field by field.
CREATE TABLE self_evaluation (
    id            INTEGER PRIMARY KEY,
    disclosure_id INTEGER NOT NULL REFERENCES disclosure(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    project       TEXT NOT NULL,
    evaluation    TEXT NOT NULL CHECK (json_valid(evaluation)),
    prose         TEXT NOT NULL CHECK (json_valid(prose)),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
);

CREATE INDEX self_evaluation_disclosure ON self_evaluation(disclosure_id, position);
