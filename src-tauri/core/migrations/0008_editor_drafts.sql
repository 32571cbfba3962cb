-- Unsaved work of the editors other than the line grid (绩效目标, 情况说明, 绩效自评), kept
-- while the user types so that a crash or a closed window loses nothing. Saving an editor
-- deletes its draft.
CREATE TABLE editor_draft (
    disclosure_id INTEGER NOT NULL REFERENCES disclosure(id) ON DELETE CASCADE,
    editor        TEXT NOT NULL CHECK (editor IN ('targets', 'document', 'evaluation')),
    content       TEXT NOT NULL,
    saved_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    PRIMARY KEY (disclosure_id, editor)
);
