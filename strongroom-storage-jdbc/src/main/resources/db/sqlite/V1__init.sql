-- Keys use SQLite's default BINARY collation: memcmp of UTF-8, i.e. code point order.
-- A rowid table with a separate key index, because WITHOUT ROWID suits only small rows and values reach megabytes.
CREATE TABLE records (
    collection TEXT NOT NULL,
    key TEXT NOT NULL,
    value BLOB NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (collection, key)
);

CREATE TABLE sequences (
    name TEXT NOT NULL PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

-- AUTOINCREMENT so a completed timer's sequence is never handed out again.
-- Due times are split into seconds and nanos because no 64-bit count of nanos spans Instant's range.
CREATE TABLE timers (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    due_second INTEGER NOT NULL,
    due_nano INTEGER NOT NULL,
    payload BLOB NOT NULL
);

CREATE INDEX timers_due ON timers (due_second, due_nano, sequence);

CREATE TABLE leases (
    name TEXT NOT NULL PRIMARY KEY,
    owner TEXT NOT NULL,
    until_second INTEGER NOT NULL,
    until_nano INTEGER NOT NULL
) WITHOUT ROWID;
