-- 决算 data of a disclosure of kind 决算: spending, income and carry-overs by function code, and
-- the figures no line carries. Amounts in integer 分. The nine 决算 tables are derived from these.
CREATE TABLE final_line (
    disclosure_id INTEGER NOT NULL REFERENCES disclosure(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    function_code TEXT NOT NULL,
    economic_code TEXT NOT NULL,
    source        TEXT NOT NULL,
    kind          TEXT NOT NULL,
    amount_fen    INTEGER NOT NULL,
    project       TEXT,
    PRIMARY KEY (disclosure_id, position)
);

CREATE TABLE final_income (
    disclosure_id INTEGER NOT NULL REFERENCES disclosure(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    function_code TEXT NOT NULL,
    source        TEXT NOT NULL,
    amount_fen    INTEGER NOT NULL,
    PRIMARY KEY (disclosure_id, position)
);

CREATE TABLE final_carry_over (
    disclosure_id INTEGER NOT NULL REFERENCES disclosure(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    fund          TEXT NOT NULL,
    function_code TEXT NOT NULL,
    opening_fen   INTEGER NOT NULL,
    closing_fen   INTEGER NOT NULL,
    PRIMARY KEY (disclosure_id, position)
);

CREATE TABLE final_figures (
    disclosure_id               INTEGER PRIMARY KEY REFERENCES disclosure(id) ON DELETE CASCADE,
    use_of_non_fiscal_balance_fen INTEGER NOT NULL DEFAULT 0,
    distribution_fen            INTEGER NOT NULL DEFAULT 0,
    tp_outbound_fen             INTEGER NOT NULL DEFAULT 0,
    tp_vehicle_purchase_fen     INTEGER NOT NULL DEFAULT 0,
    tp_vehicle_operation_fen    INTEGER NOT NULL DEFAULT 0,
    tp_reception_fen            INTEGER NOT NULL DEFAULT 0
);

-- The 决算 data editor keeps a draft as the other editors do.
CREATE TABLE editor_draft_new (
    disclosure_id INTEGER NOT NULL REFERENCES disclosure(id) ON DELETE CASCADE,
    editor        TEXT NOT NULL CHECK (editor IN ('targets', 'document', 'evaluation', 'final')),
    content       TEXT NOT NULL,
    saved_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')),
    PRIMARY KEY (disclosure_id, editor)
);
INSERT INTO editor_draft_new SELECT disclosure_id, editor, content, saved_at FROM editor_draft;
DROP TABLE editor_draft;
ALTER TABLE editor_draft_new RENAME TO editor_draft;

-- 决算 disclosures name the 决算 template they publish.
UPDATE disclosure SET template = 'final-shanghai-2024' WHERE template = 'final-9';
