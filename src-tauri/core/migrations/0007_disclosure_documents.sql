-- What staff type for a 预算 disclosure's document: the 概况 texts, the facts part three needs
-- and tables do not hold, the reasons (by sentence key), and where last year's figures came
-- from. Stored as the JSON of its model type: edited and used as a whole.
CREATE TABLE disclosure_document (
    disclosure_id INTEGER PRIMARY KEY REFERENCES disclosure(id) ON DELETE CASCADE,
    content       TEXT NOT NULL CHECK (json_valid(content)),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
);
