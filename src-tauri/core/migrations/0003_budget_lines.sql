-- Projects and budget lines of a disclosure, and the autosaved draft of the line grid.
CREATE TABLE project (
    id            INTEGER PRIMARY KEY,
    disclosure_id INTEGER NOT NULL REFERENCES disclosure(id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,
    category      TEXT NOT NULL CHECK (category IN ('人员类', '运转类', '特定目标类')),
    position      INTEGER NOT NULL,
    UNIQUE (disclosure_id, code)
);

CREATE TABLE budget_line (
    id             INTEGER PRIMARY KEY,
    disclosure_id  INTEGER NOT NULL REFERENCES disclosure(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    function_code  TEXT NOT NULL,
    economic_code  TEXT NOT NULL,
    source         TEXT NOT NULL CHECK (source IN ('一般公共预算', '政府性基金', '国有资本经营', '财政专户', '单位资金')),
    carried_over   INTEGER NOT NULL CHECK (carried_over IN (0, 1)),
    spending       TEXT NOT NULL CHECK (spending IN ('人员经费', '公用经费', '项目支出')),
    project_code   TEXT,
    amount_fen     INTEGER NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    FOREIGN KEY (disclosure_id, project_code) REFERENCES project(disclosure_id, code)
);

CREATE INDEX budget_line_disclosure ON budget_line(disclosure_id, position);

CREATE TABLE line_draft (
    disclosure_id INTEGER PRIMARY KEY REFERENCES disclosure(id) ON DELETE CASCADE,
    content       TEXT NOT NULL,
    saved_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now'))
);
