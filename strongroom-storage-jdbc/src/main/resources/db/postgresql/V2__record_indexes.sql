-- A record's keys in up to five secondary indexes, written in the statement that writes the record and dropped with
-- it (decision D143); COLLATE "C" orders them as SQLite does. Partial indexes: the many records without a key in an
-- index cost that index nothing.
ALTER TABLE records ADD COLUMN index1 TEXT COLLATE "C";
ALTER TABLE records ADD COLUMN index2 TEXT COLLATE "C";
ALTER TABLE records ADD COLUMN index3 TEXT COLLATE "C";
ALTER TABLE records ADD COLUMN index4 TEXT COLLATE "C";
ALTER TABLE records ADD COLUMN index5 TEXT COLLATE "C";
CREATE INDEX records_index1 ON records (collection, index1) WHERE index1 IS NOT NULL;
CREATE INDEX records_index2 ON records (collection, index2) WHERE index2 IS NOT NULL;
CREATE INDEX records_index3 ON records (collection, index3) WHERE index3 IS NOT NULL;
CREATE INDEX records_index4 ON records (collection, index4) WHERE index4 IS NOT NULL;
CREATE INDEX records_index5 ON records (collection, index5) WHERE index5 IS NOT NULL;
