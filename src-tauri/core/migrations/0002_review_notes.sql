-- Written 说明 for accepted 审核 warnings. A note belongs to one exact file content (its
-- SHA-256), one rule and one cell: a changed file is reviewed afresh.
CREATE TABLE review_note (
    id            INTEGER PRIMARY KEY,
    content_hash  TEXT NOT NULL CHECK (length(content_hash) = 64),
    rule          TEXT NOT NULL CHECK (length(trim(rule)) > 0),
    sheet         TEXT NOT NULL DEFAULT '',
    cell          TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL CHECK (length(trim(note)) > 0),
    file_name     TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    UNIQUE (content_hash, rule, sheet, cell)
);

CREATE INDEX review_note_file ON review_note(content_hash);
