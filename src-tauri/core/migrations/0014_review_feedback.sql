-- 审核意见 the department imported from the bureau: what the bureau decided on one submission of
-- a disclosure, its remark and every finding with its place. Each imported file adds a row; the
-- newest (by the time the bureau wrote it) is the one shown, the earlier ones stay as history.
CREATE TABLE review_feedback (
    id                INTEGER PRIMARY KEY,
    disclosure_id     INTEGER NOT NULL REFERENCES disclosure(id) ON DELETE CASCADE,
    imported_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    file_name         TEXT NOT NULL,
    file_sha256       TEXT NOT NULL CHECK (length(file_sha256) = 64),
    created           TEXT NOT NULL,
    submission_sha256 TEXT NOT NULL,
    submitted_at      TEXT NOT NULL,
    decision          TEXT NOT NULL CHECK (decision IN ('通过', '未通过', '待定')),
    remark            TEXT NOT NULL DEFAULT '',
    findings          TEXT NOT NULL CHECK (json_valid(findings)),
    UNIQUE (disclosure_id, file_sha256)
);

CREATE INDEX review_feedback_disclosure ON review_feedback(disclosure_id, created);
