-- Classification codes a finance bureau's official yearly catalog adds to (or renames in) the
-- embedded one, per year.
CREATE TABLE catalog_entry (
    year  INTEGER NOT NULL,
    class TEXT NOT NULL CHECK (class IN ('功能分类', '经济分类')),
    code  TEXT NOT NULL,
    name  TEXT NOT NULL,
    PRIMARY KEY (year, class, code)
);
