"""Set-up contracts: conda and pip list the same packages; CI runs the README's test command."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pyproject() -> dict[str, SpecifierSet]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = project["dependencies"] + project["optional-dependencies"]["dev"]
    return {_norm(Requirement(r).name): Requirement(r).specifier for r in reqs}


def _environment() -> dict[str, SpecifierSet]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    specs: dict[str, SpecifierSet] = {}
    for dep in env["dependencies"]:
        for entry in dep["pip"] if isinstance(dep, dict) else [dep]:
            if entry.startswith("-e") or re.match(r"^(python|pip)\b(?![-_])", entry):
                continue  # the interpreter, pip itself, and this package
            req = Requirement(entry)
            specs[_norm(req.name)] = req.specifier
    return specs


def test_environment_yml_and_pyproject_list_the_same_packages():
    pip, conda = _pyproject(), _environment()
    assert set(pip) == set(conda), f"only in pyproject: {set(pip) - set(conda)}; only in environment.yml: {set(conda) - set(pip)}"
    for name, spec in pip.items():
        pinned = [s.version for s in conda[name] if s.operator == "=="]
        if pinned:  # a pin (torch's CPU wheel) must satisfy pyproject's range
            assert spec.contains(pinned[0]), (name, spec, pinned)
        else:
            assert str(spec) == str(conda[name]), f"{name}: pyproject {spec} vs environment.yml {conda[name]}"


def test_every_dependency_has_a_lower_bound():
    for name, spec in _pyproject().items():
        assert any(s.operator in (">=", "==") for s in spec), name


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in readme and "make lab" in readme
    assert re.search(r"^make test$", ci, re.M)
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^(make \w+)$", quick, re.M)
    assert commands == ["make lab", "make test"]


def test_makefile_installs_cpu_torch_before_the_package():
    make = (ROOT / "Makefile").read_text()
    torch = make.index("torch==2.13.0")
    assert torch < make.index('-e ".[dev]"')
