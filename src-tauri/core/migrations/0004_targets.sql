-- Performance targets (绩效目标): each project's 项目支出绩效目标表 and the department's
-- 部门整体绩效目标表, kept with a disclosure. Projects are keyed like the project table of 0003
-- (disclosure + 项目编码; the name where a table gives no code), without a foreign key to it:
-- targets are often imported before the lines, and saving the lines replaces the project rows,
-- which must not take the targets with them.
CREATE TABLE target_project (
    id            INTEGER PRIMARY KEY,
    disclosure_id INTEGER NOT NULL REFERENCES disclosure(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    project_code  TEXT NOT NULL,
    project_name  TEXT NOT NULL CHECK (length(trim(project_name)) > 0),
    unit_name     TEXT NOT NULL DEFAULT '',
    manager       TEXT NOT NULL DEFAULT '',
    amount_fen    INTEGER,
    fiscal_fen    INTEGER,
    other_fen     INTEGER,
    goal          TEXT NOT NULL DEFAULT '',
    UNIQUE (disclosure_id, project_code, project_name)
);

CREATE TABLE target_department (
    disclosure_id INTEGER PRIMARY KEY REFERENCES disclosure(id) ON DELETE CASCADE,
    department    TEXT NOT NULL DEFAULT '',
    contact       TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    goal          TEXT NOT NULL DEFAULT '',
    superior_fen  INTEGER,
    own_fen       INTEGER,
    other_fen     INTEGER
);

-- One row per indicator; project_id NULL for the department's. Weights are exact decimal text.
CREATE TABLE target_indicator (
    id            INTEGER PRIMARY KEY,
    disclosure_id INTEGER NOT NULL REFERENCES disclosure(id) ON DELETE CASCADE,
    project_id    INTEGER REFERENCES target_project(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    level1        TEXT NOT NULL,
    level2        TEXT NOT NULL,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    core          INTEGER NOT NULL CHECK (core IN (0, 1)),
    operator      TEXT CHECK (operator IS NULL OR operator IN ('＝', '≥', '≤', '＞', '＜', '定性')),
    value         TEXT NOT NULL,
    unit          TEXT NOT NULL,
    weight        TEXT,
    direction     TEXT CHECK (direction IS NULL OR direction IN ('正向', '反向')),
    basis         TEXT NOT NULL DEFAULT '',
    last_year     TEXT NOT NULL DEFAULT '',
    scoring_rule  TEXT NOT NULL DEFAULT '',
    evidence      TEXT NOT NULL DEFAULT '',
    verbatim      TEXT
);

CREATE INDEX target_indicator_owner ON target_indicator(disclosure_id, project_id, position);
CREATE INDEX target_indicator_name ON target_indicator(name);
