-- Units (单位) and their yearly disclosures (预算/决算).
CREATE TABLE unit (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    code        TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
    unit_type   TEXT NOT NULL CHECK (unit_type IN ('行政', '事业', '参公')),
    parent_id   INTEGER REFERENCES unit(id) ON DELETE RESTRICT,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    CHECK (parent_id IS NULL OR parent_id <> id)
);

CREATE TABLE disclosure (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    kind        TEXT NOT NULL CHECK (kind IN ('预算', '决算')),
    template    TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    UNIQUE (unit_id, year, kind)
);

CREATE INDEX disclosure_unit ON disclosure(unit_id);
