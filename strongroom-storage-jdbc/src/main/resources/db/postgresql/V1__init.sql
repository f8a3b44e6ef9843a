-- COLLATE "C" orders keys by their UTF-8 bytes (code point order), as SQLite does, whatever the
-- database's locale; range scans on the primary key then follow the same order as ORDER BY.
CREATE TABLE records (
    collection TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    value BYTEA NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (collection, key)
);

CREATE TABLE sequences (
    name TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    value BIGINT NOT NULL
);

-- Due times are split into seconds and nanos because no 64-bit count of nanos spans Instant's range.
CREATE TABLE timers (
    sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key TEXT COLLATE "C" NOT NULL UNIQUE,
    type TEXT NOT NULL,
    due_second BIGINT NOT NULL,
    due_nano INTEGER NOT NULL,
    payload BYTEA NOT NULL
);

CREATE INDEX timers_due ON timers (due_second, due_nano, sequence);

CREATE TABLE leases (
    name TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    owner TEXT NOT NULL,
    until_second BIGINT NOT NULL,
    until_nano INTEGER NOT NULL
);
