-- The inspector's word on an item of the 公开情况检查表: 符合要求 是/否 as they judged it (NULL
-- keeps the computed verdict) and a remark. Kept with one exact file content (its SHA-256), as
-- the 说明 of review_note are: a changed file is inspected afresh.
CREATE TABLE checklist_override (
    id            INTEGER PRIMARY KEY,
    content_hash  TEXT NOT NULL CHECK (length(content_hash) = 64),
    item          TEXT NOT NULL CHECK (length(trim(item)) > 0),
    meets         INTEGER CHECK (meets IN (0, 1)),
    remark        TEXT NOT NULL DEFAULT '',
    file_name     TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    UNIQUE (content_hash, item),
    -- a row says something: a verdict, a remark or both
    CHECK (meets IS NOT NULL OR length(trim(remark)) > 0)
);
