-- A department's disclosure marked 汇总: its tables are the sum of its own (本级) data and that of
-- every unit below it for the same year and kind. A unit noted 并入本级 (预算不单列) has its figures
-- inside the 本级 data and is listed, not added.
CREATE TABLE consolidation (
    disclosure_id INTEGER PRIMARY KEY REFERENCES disclosure(id) ON DELETE CASCADE
);

CREATE TABLE consolidation_merged (
    disclosure_id INTEGER NOT NULL REFERENCES consolidation(disclosure_id) ON DELETE CASCADE,
    unit_id       INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
    PRIMARY KEY (disclosure_id, unit_id)
);
