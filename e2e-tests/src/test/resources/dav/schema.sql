-- sabre/dav 1.8 sqlite schema (from Debian php-sabre-dav examples/sql), made re-runnable.
CREATE TABLE IF NOT EXISTS calendarobjects (
    id integer primary key asc,
    calendardata blob,
    uri text,
    calendarid integer,
    lastmodified integer,
    etag text,
    size integer,
    componenttype text,
    firstoccurence integer,
    lastoccurence integer
);

CREATE TABLE IF NOT EXISTS calendars (
    id integer primary key asc,
    principaluri text,
    displayname text,
    uri text,
    ctag integer,
    description text,
    calendarorder integer,
    calendarcolor text,
    timezone text,
    components text,
    transparent bool
);
CREATE TABLE IF NOT EXISTS addressbooks (
    id integer primary key asc,
    principaluri text,
    displayname text,
    uri text,
    description text,
	ctag integer
);

CREATE TABLE IF NOT EXISTS cards (
	id integer primary key asc,
    addressbookid integer,
    carddata blob,
    uri text,
    lastmodified integer
);

CREATE TABLE IF NOT EXISTS principals (
    id INTEGER PRIMARY KEY ASC,
    uri TEXT,
    email TEXT,
    displayname TEXT,
    vcardurl TEXT,
    UNIQUE(uri)
);

CREATE TABLE IF NOT EXISTS groupmembers (
    id INTEGER PRIMARY KEY ASC,
    principal_id INTEGER,
    member_id INTEGER,
    UNIQUE(principal_id, member_id)
);



