-- The bureau's decision on a received submission: 已通过 once checked, 已公开 once published.
ALTER TABLE submission ADD COLUMN decision TEXT CHECK (decision IN ('已通过', '已公开'));
