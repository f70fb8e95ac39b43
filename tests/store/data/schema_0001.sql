-- The store schema of eventdesk before schema versions (revision 0001), as its
-- create_all made it on SQLite: tests make a store of the previous schema from it.
CREATE TABLE runs (
	id VARCHAR(40) NOT NULL, 
	started VARCHAR(32) NOT NULL, 
	version VARCHAR(32) NOT NULL, 
	config JSON NOT NULL, 
	summary JSON, 
	PRIMARY KEY (id)
);
CREATE TABLE documents (
	id VARCHAR(40) NOT NULL, 
	source TEXT NOT NULL, 
	url TEXT, 
	content_type VARCHAR(8) NOT NULL, 
	title TEXT, 
	authors JSON NOT NULL, 
	published VARCHAR(10), 
	published_precision VARCHAR(8), 
	outlet TEXT, 
	language VARCHAR(8), 
	body TEXT, 
	status VARCHAR(8) NOT NULL, 
	status_reason TEXT, 
	duplicate_of VARCHAR(40), 
	signature BLOB, 
	run_id VARCHAR(40), 
	seq INTEGER NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_documents_seq ON documents (seq);
CREATE TABLE events (
	id VARCHAR(40) NOT NULL, 
	event_type VARCHAR(64) NOT NULL, 
	sub_event_type VARCHAR(64) NOT NULL, 
	actor1 TEXT, 
	actor2 TEXT, 
	location TEXT, 
	country TEXT, 
	latitude FLOAT, 
	longitude FLOAT, 
	geo_precision INTEGER, 
	date VARCHAR(10), 
	date_precision VARCHAR(8), 
	fatalities INTEGER, 
	fatalities_high INTEGER, 
	historical BOOLEAN NOT NULL, 
	extra JSON NOT NULL, 
	seq INTEGER NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_events_date ON events (date);
CREATE INDEX ix_events_country ON events (country);
CREATE INDEX ix_events_seq ON events (seq);
CREATE TABLE claims (
	id VARCHAR(40) NOT NULL, 
	ledger_id VARCHAR(40), 
	subject TEXT, 
	measure TEXT NOT NULL, 
	low FLOAT, 
	high FLOAT, 
	unit VARCHAR(32) NOT NULL, 
	qualifier VARCHAR(32), 
	attributed_to TEXT, 
	as_of VARCHAR(10), 
	extra JSON NOT NULL, 
	seq INTEGER NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_claims_ledger_id ON claims (ledger_id);
CREATE INDEX ix_claims_seq ON claims (seq);
CREATE TABLE mentions (
	id INTEGER NOT NULL, 
	document_id VARCHAR(40) NOT NULL, 
	kind VARCHAR(8) NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	ref TEXT, 
	name TEXT, 
	country TEXT, 
	latitude FLOAT, 
	longitude FLOAT, 
	precision VARCHAR(8), 
	PRIMARY KEY (id), 
	FOREIGN KEY(document_id) REFERENCES documents (id)
);
CREATE INDEX ix_mentions_document_id ON mentions (document_id);
CREATE TABLE event_sources (
	event_id VARCHAR(40) NOT NULL, 
	fatalities INTEGER, 
	fatalities_high INTEGER, 
	id INTEGER NOT NULL, 
	document_id VARCHAR(40) NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (event_id, document_id, start, "end"), 
	FOREIGN KEY(event_id) REFERENCES events (id), 
	FOREIGN KEY(document_id) REFERENCES documents (id)
);
CREATE INDEX ix_event_sources_event_id ON event_sources (event_id);
CREATE INDEX ix_event_sources_document_id ON event_sources (document_id);
CREATE TABLE event_keys (
	event_id VARCHAR(40) NOT NULL, 
	"key" VARCHAR(64) NOT NULL, 
	PRIMARY KEY (event_id, "key"), 
	FOREIGN KEY(event_id) REFERENCES events (id)
);
CREATE INDEX ix_event_keys_key ON event_keys ("key");
CREATE TABLE claim_sources (
	claim_id VARCHAR(40) NOT NULL, 
	id INTEGER NOT NULL, 
	document_id VARCHAR(40) NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (claim_id, document_id, start, "end"), 
	FOREIGN KEY(claim_id) REFERENCES claims (id), 
	FOREIGN KEY(document_id) REFERENCES documents (id)
);
CREATE INDEX ix_claim_sources_document_id ON claim_sources (document_id);
CREATE INDEX ix_claim_sources_claim_id ON claim_sources (claim_id);
