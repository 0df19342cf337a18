-- The export's schema version 1, as released: what an earlier export holds.
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE teams (
    team_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL
);
CREATE TABLE assessments (
    assessment_id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    team_id INTEGER NOT NULL REFERENCES teams (team_id),
    team TEXT NOT NULL,
    date TEXT NOT NULL,
    questionnaire TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    questionnaire_hash TEXT NOT NULL,
    scored_with TEXT NOT NULL,
    status TEXT NOT NULL,
    assessors TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    score REAL,
    level INTEGER,
    is_latest INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX assessments_team ON assessments (team_id, questionnaire, date);
CREATE TABLE dimension_scores (
    assessment_id INTEGER NOT NULL REFERENCES assessments (assessment_id) ON DELETE CASCADE,
    area TEXT NOT NULL,
    dimension TEXT NOT NULL,
    title TEXT NOT NULL,
    weight REAL NOT NULL,
    score REAL,
    level INTEGER,
    target INTEGER NOT NULL,
    gap REAL,
    priority REAL NOT NULL,
    points REAL,
    questions INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    not_applicable INTEGER NOT NULL,
    dont_know INTEGER NOT NULL,
    unanswered INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, dimension)
);
CREATE TABLE answers (
    assessment_id INTEGER NOT NULL REFERENCES assessments (assessment_id) ON DELETE CASCADE,
    dimension TEXT NOT NULL,
    question TEXT NOT NULL,
    state TEXT NOT NULL,
    choice TEXT,
    choice_text TEXT,
    level INTEGER,
    points REAL,
    note TEXT NOT NULL,
    evidence TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (assessment_id, question)
);
CREATE TABLE files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    error TEXT
);
CREATE VIEW latest_dimension_scores AS
    SELECT a.team, a.date, a.questionnaire, d.*
    FROM dimension_scores AS d JOIN assessments AS a USING (assessment_id)
    WHERE a.is_latest = 1;

CREATE TABLE respondents (
    respondent_id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    team_id INTEGER NOT NULL REFERENCES teams (team_id),
    team TEXT NOT NULL,
    respondent TEXT NOT NULL,
    anonymous INTEGER NOT NULL,
    date TEXT NOT NULL,
    questionnaire TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    questionnaire_hash TEXT NOT NULL,
    scored_with TEXT NOT NULL,
    status TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    score REAL,
    level INTEGER
);
CREATE TABLE respondent_answers (
    respondent_id INTEGER NOT NULL REFERENCES respondents (respondent_id) ON DELETE CASCADE,
    dimension TEXT NOT NULL,
    question TEXT NOT NULL,
    state TEXT NOT NULL,
    choice TEXT,
    choice_text TEXT,
    level INTEGER,
    points REAL,
    note TEXT NOT NULL,
    evidence TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (respondent_id, question)
);
CREATE TABLE evidence (
    assessment_id INTEGER NOT NULL REFERENCES assessments (assessment_id) ON DELETE CASCADE,
    dimension TEXT,
    question TEXT NOT NULL,
    rule TEXT NOT NULL,
    summary TEXT NOT NULL,
    suggests TEXT,
    answer_agrees INTEGER,
    repositories INTEGER NOT NULL,
    matched INTEGER NOT NULL,
    matched_repositories TEXT NOT NULL,
    note TEXT NOT NULL,
    scanned_at TEXT NOT NULL
);
CREATE INDEX evidence_assessment ON evidence (assessment_id, question);
CREATE TABLE answer_spread (
    assessment_id INTEGER NOT NULL REFERENCES assessments (assessment_id) ON DELETE CASCADE,
    dimension TEXT,
    question TEXT NOT NULL,
    counted INTEGER NOT NULL,
    low REAL,
    high REAL,
    iqr REAL,
    flagged INTEGER NOT NULL,
    distribution TEXT NOT NULL,
    agreed INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, question)
);
CREATE TABLE dimension_spread (
    assessment_id INTEGER NOT NULL REFERENCES assessments (assessment_id) ON DELETE CASCADE,
    dimension TEXT NOT NULL,
    low REAL,
    high REAL,
    questions INTEGER NOT NULL,
    flagged INTEGER NOT NULL,
    agreement REAL,
    PRIMARY KEY (assessment_id, dimension)
);
