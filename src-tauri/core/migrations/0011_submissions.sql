-- 报送: each package a department sent in and the bureau received, kept with what it said and
-- what the bureau's 审核 found. A resubmission adds a row; the earlier ones stay.
CREATE TABLE submission (
    id             INTEGER PRIMARY KEY,
    disclosure_id  INTEGER NOT NULL REFERENCES disclosure(id) ON DELETE CASCADE,
    received_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    package_sha256 TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('已报送', '未通过')),
    errors         INTEGER NOT NULL,
    warnings       INTEGER NOT NULL,
    findings       TEXT NOT NULL CHECK (json_valid(findings)),
    manifest       TEXT NOT NULL CHECK (json_valid(manifest))
);

CREATE INDEX submission_disclosure ON submission(disclosure_id, received_at);
