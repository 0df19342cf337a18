"""A wheel installed into a fresh venv finds its questionnaires and templates from any folder."""

import site
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_installed_wheel_lists_bundled_questionnaires(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next((tmp_path / "dist").glob("assess-*.whl"))
    env_dir = tmp_path / "fresh"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    fresh_site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # Unpack the wheel as pip would (it is a zip), and borrow the dependencies of this venv.
    import zipfile

    zipfile.ZipFile(wheel).extractall(fresh_site)
    (fresh_site / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = (
        "import assess, assess.bundled as b, sys; from assess.cli import main; "
        "print(assess.__file__); print(b.templates_dir()); sys.argv=['assess','questionnaires']; "
        "main()"
    )
    result = subprocess.run(
        [str(python), "-c", probe], cwd=elsewhere, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    module_file, templates, *table = result.stdout.splitlines()
    assert module_file.startswith(str(fresh_site))
    assert templates.startswith(str(fresh_site))
    assert "devops-mlops" in "\n".join(table)
