"""The scanner's shortcuts change no result: pieces a pattern needs, and the glob index."""

import re

import pytest

from assess.domain.patterns import glob_regex, required_literal
from assess.scan.select import Selector


@pytest.mark.parametrize(
    ("pattern", "pieces"),
    [
        (r"(?i)openlineage", (("openlineage",), True)),
        (
            r"\b(?:mlflow\.(?:autolog|log_param)|wandb\.init|Live\()",
            (("Live(", "mlflow.", "wandb.init"), False),
        ),
        (r"^stages:|@dsl\.pipeline", (("@dsl.pipeline", "stages:"), False)),
        (r"(?i)Foo(?:Bar|Baz)", (("fooba",), True)),  # the parser keeps the shared "Ba"
        (r"x(?:abc)?yz", None),  # an optional group is not needed
        (r"(?:abc)*def", (("def",), False)),
        (r"a|bcd", None),  # one branch has no piece of three characters
        (r"(?!abc)xy", None),  # what a lookahead names is not in the match
        (r"(?i:abc)def", (("def",), False)),  # a group with its own flags is left out
    ],
)
def test_required_pieces(pattern: str, pieces: tuple[tuple[str, ...], bool] | None) -> None:
    assert required_literal(pattern) == pieces


@pytest.mark.parametrize(
    ("pattern", "line"),
    [
        (r"\b(?:mlflow\.(?:autolog|log_param)|wandb\.init|Live\()", "with Live(path) as live:"),
        (r"(?i)OpenLineage", "from OPENLINEAGE.client import x"),
        (r"^stages:|@dsl\.pipeline", "@dsl.pipeline(name='p')"),
    ],
)
def test_every_match_holds_a_piece(pattern: str, line: str) -> None:
    found = required_literal(pattern)
    assert found is not None and re.search(pattern, line)
    pieces, ignore_case = found
    text = line.lower() if ignore_case else line
    assert any(piece in text for piece in pieces)


def test_the_index_selects_what_each_glob_matches() -> None:
    globs = [
        "*.py",
        "*.{yml,yaml}",
        "Dockerfile",
        "Dockerfile.*",
        ".github/workflows/*.yml",
        "tests/**/*.py",
        "requirements*.txt",
        "*.tar.gz",
        "src/test/**",
        "*_test.go",
        "?x",
    ]
    paths = ["a.py", "pkg/b.py", ".py", "c.yaml", "d/e.yml", "Dockerfile", "x/Dockerfile.dev",
             ".github/workflows/ci.yml", ".github/workflows/sub/ci.yml", "tests/u/t.py",
             "requirements-dev.txt", "a.tar.gz", "b.gz", "src/test/A.java", "m_test.go", "ax",
             "pyfile", "notes.PY"]  # fmt: skip
    selector = Selector()
    for n, glob in enumerate(globs):
        selector.add(n, glob)
    chosen = selector.select(paths)
    for n, glob in enumerate(globs):
        alternatives = [glob] if "{" not in glob else ["*.yml", "*.yaml"]
        regexes = [re.compile(glob_regex(g)) for g in alternatives]
        expected = [
            p for p in paths
            if any(r.fullmatch(p if "/" in glob else p.rsplit("/", 1)[-1]) for r in regexes)
        ]  # fmt: skip
        assert chosen.get(n, []) == expected, glob
