"""`fleet regions` answers "where may a GDPR tenant run?" and `fleet plan` shows the placement."""

from __future__ import annotations

import json

from fleet.cli import main


def test_regions_for_a_regime_as_json(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["regions", "--regime", "ch", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["cloud"], r["region"], r["country"]) for r in rows] == [
        ("aws", "eu-central-2", "CH"),
        ("gcp", "europe-west6", "CH"),
        ("azure", "switzerlandnorth", "CH"),
        ("azure", "switzerlandwest", "CH"),
    ]
    assert rows[0]["regimes"] == ["ch"]


def test_regions_text_lists_the_regimes_each_region_satisfies(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["regions", "--cloud", "azure"]) == 0
    lines = capsys.readouterr().out.splitlines()
    norway = next(line for line in lines if line.startswith("azure  norwayeast"))
    assert norway.split()[-1] == "gdpr" and "eu" not in norway.split()[3:]
    assert lines[-1].endswith("regions")


def test_custom_regimes_of_a_stack_are_known(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["regions", "--stack", "prod", "--regime", "dach", "--format", "json"]) == 0
    countries = {r["country"] for r in json.loads(capsys.readouterr().out)}
    assert countries == {"DE", "AT", "CH"}


def test_unknown_regime_is_a_usage_error(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["regions", "--regime", "gdrp"]) == 2
    err = capsys.readouterr().err
    assert "unknown regime 'gdrp'; did you mean 'gdpr'? known: none, eu, gdpr, ch, uk, us, ca" in err


def test_plan_json_has_the_placement(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["plan", "--stack", "prod", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["tenants"]["swiss-wealth"]["clusters"] == ["prod-aws-euzh"]
    assert len(document["tenants"]["payments"]["clusters"]) == 3
    assert document["tenants"]["swiss-wealth"]["reason"].startswith("regime ch (CH): 1 of 10 clusters eligible")


def test_plan_text_shows_tenants_under_their_clusters(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["plan", "--stack", "staging"]) == 0
    out = capsys.readouterr().out
    assert "fleet:tenancy:DedicatedClusterTenant  ledger-dedicated-1/ledger" in out
    assert "placement:\n  web (namespace, regime none) -> " in out
