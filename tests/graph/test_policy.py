"""The policy file: the shipped standards are DOMAIN's defaults; a bad file is refused with the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import policy as policy_module
from graph.policy import SHIPPED_POLICY, GapKind, PolicyError, read_policy


def shipped_with(tmp_path: Path, old: str, new: str) -> Path:
    text = SHIPPED_POLICY.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "policy.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_the_shipped_policy_holds_the_published_standards() -> None:
    shipped = read_policy(SHIPPED_POLICY)
    assert shipped.community.social_organisations == 2
    assert shipped.community.service_funds == 200000
    assert shipped.community.adviser_fields == {"LEGAL": "LEGAL", "HEALTH": "MEDICAL", "SAFETY": "SAFETY"}
    assert len(shipped.community.team_kinds) == 6
    assert (shipped.building.leaders, shipped.building.volunteers, shipped.building.property_staff) == (
        1,
        2,
        1,
    )
    assert shipped.helpers.load_limit == 3
    assert shipped.helpers.skills_for_needs["LOST_ONLY_CHILD"] == ["PSYCHOLOGICAL", "ELDERLY_CARE"]
    assert (shipped.requests.due_hours, shipped.requests.response_hours) == (72, 24)
    assert {s.kind for s in shipped.standards()} == set(GapKind), "every gap kind has its standard"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "social_organisations = 2",
            'social_organisations = "two"',
            "community.social_organisations: Input should be a valid integer (got 'two')",
        ),
        (
            "social_organisations = 2",
            "social_organisations = -1",
            "community.social_organisations: Input should be greater than or equal to 0",
        ),
        ("load_limit = 3", "load_limit = 0", "helpers.load_limit: Input should be greater than 0"),
        ("load_limit = 3", "load_limit = 3\nloadlimit = 4", "helpers.loadlimit: unknown key"),
        ("due_hours = 72", "", "requests.due_hours: missing"),
        ('LOW_INCOME = ["POLICY"]', 'LOW_INCOME = ["POLITICS"]', "helpers: unknown skill POLITICS"),
        ('SERIOUS_ILLNESS = ["MEDICAL"]', "", "helpers: no skills given for need SERIOUS_ILLNESS"),
        (
            'HEALTH = "MEDICAL"',
            'HEALTH = "MEDICAL"\nFIRE = "SAFETY"',
            "community: unknown adviser field FIRE",
        ),
        ("[building]", "[building", "not valid TOML"),
    ],
)
def test_a_bad_file_is_refused_with_the_key_and_what_is_wrong(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = shipped_with(tmp_path, old, new)
    with pytest.raises(PolicyError) as refused:
        read_policy(path)
    assert str(refused.value).startswith(f"policy file {path}: ")
    assert message in str(refused.value)


def test_gridwork_policy_names_another_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = shipped_with(tmp_path, "load_limit = 3", "load_limit = 5")
    monkeypatch.setenv("GRIDWORK_POLICY", str(path))
    policy_module.policy.cache_clear()
    try:
        assert policy_module.policy().helpers.load_limit == 5
        monkeypatch.setenv("GRIDWORK_POLICY", str(tmp_path / "absent.toml"))
        policy_module.policy.cache_clear()
        with pytest.raises(PolicyError, match=r"absent\.toml: cannot be read"):
            policy_module.policy()
    finally:
        monkeypatch.delenv("GRIDWORK_POLICY")
        policy_module.policy.cache_clear()
    assert policy_module.policy().helpers.load_limit == 3


def test_serve_refuses_to_start_with_a_bad_policy_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from gridwork.cli import app

    path = shipped_with(tmp_path, "volunteers = 2", "volunteers = 2.5")
    monkeypatch.setenv("GRIDWORK_DEV", "true")
    monkeypatch.setenv("GRIDWORK_POLICY", str(path))
    policy_module.policy.cache_clear()
    try:
        result = CliRunner().invoke(app, ["serve", "--port", "1"])
    finally:
        monkeypatch.delenv("GRIDWORK_POLICY")
        policy_module.policy.cache_clear()
    assert result.exit_code == 2
    assert "building.volunteers: Input should be a valid integer" in " ".join(result.output.split())
