"""The export's SQLite schema (docs/export.md): a star schema, so the largest tables are narrow
rows of numbers (cheap to write, small to read) while the views show them as readable rows."""

from typing import Final, get_args

from assess.domain.answers import State

APPLICATION: Final = "assess-export"
SCHEMA_VERSION: Final = 2

STATE_CODES: Final[dict[str, int]] = {state: code for code, state in enumerate(get_args(State))}
"""The codes of answer_facts.state_code, as listed in the answer_states table."""

_ANSWER_TABLES: Final = """
CREATE TABLE {facts} (
    {owner} INTEGER NOT NULL REFERENCES {owners} ({owner}) ON DELETE CASCADE,
    question_key INTEGER NOT NULL REFERENCES questions (question_key),
    state_code INTEGER NOT NULL REFERENCES answer_states (state_code),
    choice_key INTEGER REFERENCES choices (choice_key),
    source_key INTEGER REFERENCES answer_sources (source_key),
    PRIMARY KEY ({owner}, question_key)
) WITHOUT ROWID;
CREATE TABLE {notes} (
    {owner} INTEGER NOT NULL REFERENCES {owners} ({owner}) ON DELETE CASCADE,
    question_key INTEGER NOT NULL REFERENCES questions (question_key),
    note TEXT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY ({owner}, question_key)
) WITHOUT ROWID;
CREATE VIEW {view} AS
    SELECT f.{owner} AS {owner}, q.dimension AS dimension, q.question AS question,
        s.state AS state, c.choice AS choice, c.text AS choice_text, c.level AS level,
        c.points AS points, COALESCE(n.note, '') AS note, COALESCE(n.evidence, '') AS evidence,
        COALESCE(o.source, '') AS source
    FROM {facts} AS f
    JOIN questions AS q ON q.question_key = f.question_key
    JOIN answer_states AS s ON s.state_code = f.state_code
    LEFT JOIN choices AS c ON c.choice_key = f.choice_key
    LEFT JOIN {notes} AS n ON n.{owner} = f.{owner} AND n.question_key = f.question_key
    LEFT JOIN answer_sources AS o ON o.source_key = f.source_key;
"""

SCHEMA: Final = (
    """
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
CREATE TABLE dimensions (
    dimension_key INTEGER PRIMARY KEY,
    scored_with TEXT NOT NULL,
    questionnaire TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    position INTEGER NOT NULL,
    area TEXT NOT NULL,
    area_title TEXT NOT NULL,
    dimension TEXT NOT NULL,
    title TEXT NOT NULL,
    weight REAL NOT NULL,
    questions INTEGER NOT NULL,
    UNIQUE (scored_with, position)
);
CREATE TABLE dimension_facts (
    assessment_id INTEGER NOT NULL REFERENCES assessments (assessment_id) ON DELETE CASCADE,
    dimension_key INTEGER NOT NULL REFERENCES dimensions (dimension_key),
    score REAL,
    level INTEGER,
    target INTEGER NOT NULL,
    gap REAL,
    priority REAL NOT NULL,
    points REAL,
    answered INTEGER NOT NULL,
    not_applicable INTEGER NOT NULL,
    dont_know INTEGER NOT NULL,
    unanswered INTEGER NOT NULL,
    PRIMARY KEY (assessment_id, dimension_key)
) WITHOUT ROWID;
CREATE VIEW dimension_scores AS
    SELECT f.assessment_id AS assessment_id, d.area AS area, d.dimension AS dimension,
        d.title AS title, d.weight AS weight, f.score AS score, f.level AS level,
        f.target AS target, f.gap AS gap, f.priority AS priority, f.points AS points,
        d.questions AS questions, f.answered AS answered, f.not_applicable AS not_applicable,
        f.dont_know AS dont_know, f.unanswered AS unanswered
    FROM dimension_facts AS f JOIN dimensions AS d ON d.dimension_key = f.dimension_key;
CREATE TABLE questions (
    question_key INTEGER PRIMARY KEY,
    scored_with TEXT NOT NULL,
    questionnaire TEXT NOT NULL,
    questionnaire_version TEXT NOT NULL,
    position INTEGER NOT NULL,
    area TEXT NOT NULL,
    dimension TEXT NOT NULL,
    dimension_title TEXT NOT NULL,
    question TEXT NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (scored_with, position)
);
CREATE TABLE choices (
    choice_key INTEGER PRIMARY KEY,
    question_key INTEGER NOT NULL REFERENCES questions (question_key),
    position INTEGER NOT NULL,
    choice TEXT NOT NULL,
    text TEXT NOT NULL,
    level INTEGER,
    points REAL,
    UNIQUE (question_key, position)
);
CREATE TABLE answer_states (
    state_code INTEGER PRIMARY KEY,
    state TEXT NOT NULL UNIQUE
);
CREATE TABLE answer_sources (
    source_key INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE
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
"""
    + _ANSWER_TABLES.format(
        facts="answer_facts",
        notes="answer_notes",
        view="answers",
        owner="assessment_id",
        owners="assessments",
    )
    + _ANSWER_TABLES.format(
        facts="respondent_answer_facts",
        notes="respondent_answer_notes",
        view="respondent_answers",
        owner="respondent_id",
        owners="respondents",
    )
)

INDEXES: Final = """
CREATE INDEX IF NOT EXISTS assessments_team ON assessments (team_id, questionnaire, date);
CREATE INDEX IF NOT EXISTS evidence_assessment ON evidence (assessment_id, question);
"""
"""Created after the rows of a new database are in (cheaper than keeping them up to date row by
row); a no-op on an update."""

VERSION_1: Final = (
    ("view", "latest_dimension_scores"),
    *(
        ("table", name)
        for name in (
            "meta",
            "teams",
            "assessments",
            "dimension_scores",
            "answers",
            "files",
            "respondents",
            "respondent_answers",
            "evidence",
            "answer_spread",
            "dimension_spread",
        )
    ),
)
"""What schema version 1 consisted of (its indexes go with their tables): dropped when such an
export is rebuilt. Anything else in the file (a view a BI user added) is left alone."""
