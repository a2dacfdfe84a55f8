"""The package as a user installs it: `pip install --no-build-isolation ./python` with Debian's pip and setuptools
(no package index), into a fresh virtual environment, then imported from elsewhere — with no help from PYTHONPATH
or the build tree."""

import os
import subprocess
import sys
import textwrap

from conftest import BUILD, ORIGINAL_MACHINE, REPOSITORY


def test_pip_installs_a_working_package(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    environment["AUTOCUT_BUILD_DIR"] = str(BUILD)  # the extension and worker this build made: nothing compiled twice
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-build-isolation", "--no-index",
         "--no-deps", str(REPOSITORY / "python")],
        check=True, env=environment, cwd=tmp_path,
    )
    script = textwrap.dedent(
        f"""
        import os, autocut_runtime
        from autocut_runtime import RuntimeProfile, ExecutionPolicyResolver
        from autocut_runtime.visual_analyzer_factory import worker_program
        assert "site-packages" in autocut_runtime.__file__, autocut_runtime.__file__
        profile = RuntimeProfile.detect(root={str(ORIGINAL_MACHINE)!r})
        print(profile.cpu.threads, ExecutionPolicyResolver(profile).resolve().level.value)
        print(os.path.dirname(worker_program()) == os.path.dirname(autocut_runtime.__file__))
        """
    )
    environment.pop("AUTOCUT_ANALYZE_WORKER", None)
    run = subprocess.run([str(venv / "bin" / "python"), "-c", script], capture_output=True, text=True,
                         env=environment, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["24", "LOCAL_CPU_ONLY", "True"]


def test_the_package_works_without_fastapi(tmp_path):
    """Only autocut_runtime.fastapi needs FastAPI: with it missing, the rest imports and detects."""
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["fastapi"] = None  # as if python3-fastapi were not installed
        from autocut_runtime import RuntimeProfile
        print(RuntimeProfile.detect(root={str(ORIGINAL_MACHINE)!r}).cpu.cores)
        try:
            import autocut_runtime.fastapi
        except ImportError:
            print("no router")
        """
    )
    run = subprocess.run([sys.executable, "-P", "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:2] == ["16", "no router"]
