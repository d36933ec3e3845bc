"""Messages about a branch's values: a region suggestion never crosses a border, look-alike and
invisible characters are named, and no fix a message gives would overwrite the spec."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fleet.core import catalog
from fleet.spec import SpecError, load
from tests.conftest import raw_spec

DEPLOYABLE = [r for r in catalog.regions() if r.deployable and r.cloud in ("aws", "gcp", "azure")]
LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789-"


@st.composite
def typos(draw: st.DrawFn) -> tuple[catalog.Region, str]:
    region = draw(st.sampled_from(DEPLOYABLE))
    name = region.name
    at = draw(st.integers(min_value=0, max_value=len(name) - 1))
    edit = draw(st.sampled_from(["delete", "replace", "insert", "swap"]))
    char = draw(st.sampled_from(LETTERS))
    if edit == "delete":
        typo = name[:at] + name[at + 1 :]
    elif edit == "replace":
        typo = name[:at] + char + name[at + 1 :]
    elif edit == "insert":
        typo = name[:at] + char + name[at:]
    else:
        typo = name[:at] + name[at + 1 : at + 2] + name[at : at + 1] + name[at + 2 :]
    return region, typo


@settings(max_examples=400, derandomize=True, deadline=None)
@given(case=typos())
def test_a_suggested_region_is_in_the_country_of_the_one_mistyped(case: tuple[catalog.Region, str]) -> None:
    region, typo = case
    if catalog.lookup(region.cloud, typo) is not None:
        return  # the edit spelled another real region
    for name in catalog.suggest(region.cloud, typo):
        assert catalog.lookup(region.cloud, name).country == region.country, (typo, region.name, name)  # type: ignore[union-attr]


def test_a_typo_between_two_countries_suggests_neither() -> None:
    assert catalog.did_you_mean("aws", "eu-central-") == (
        "the regions spelled nearest to it are in different countries (eu-central-1 in DE, eu-central-2 in CH), "
        "so none is suggested; "
    )


def test_a_suggestion_says_where_it_is() -> None:
    assert (
        catalog.did_you_mean("aws", "Europe (Frankfurt)") == "did you mean 'eu-central-1' (Europe (Frankfurt)), in DE? "
    )
    assert catalog.did_you_mean("aws", "us-est-1") == (
        "did you mean 'us-east-1' (US East (N. Virginia)) or 'us-west-1' (US West (N. California)), in US? "
    )


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("eu-c\u0435ntral-1", "U+0435 CYRILLIC SMALL LETTER IE, which looks like 'e'"),
        ("eu-central-1\u200b", "U+200B ZERO WIDTH SPACE (invisible)"),
        ("\uff45u-central-1", "U+FF45 FULLWIDTH LATIN SMALL LETTER E, which looks like 'e'"),
        ("eu-central-1\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE (invisible)"),
    ],
)
def test_look_alike_and_invisible_characters_are_named(written: str, named: str) -> None:
    spec = raw_spec("dev")
    spec["clusters"][0]["region"] = written
    with pytest.raises(SpecError) as caught:
        load(spec)
    message = str(caught.value.problems[0])
    assert named in message, message
    assert "did you mean 'eu-central-1' (Europe (Frankfurt)), in DE?" in message


@pytest.mark.parametrize("key", ["fleet:spec", "fleet:specFile", "fleet:shard"])
def test_a_kubeconfig_key_cannot_be_one_of_fleets_own(key: str) -> None:
    # The fix for a missing kubeconfig (`pulumi config set --secret <key> < kubeconfig.yaml`) would
    # otherwise overwrite the spec.
    spec = raw_spec("dev")
    spec["clusters"].append(
        {
            "name": "onprem-a",
            "cloud": "existing",
            "country": "DE",
            "kubernetesVersion": "1.35",
            "capacity": {"cpu": 8, "memory": "32Gi"},
            "kubeconfigSecret": key,
        }
    )
    with pytest.raises(SpecError) as caught:
        load(spec)
    assert [str(p) for p in caught.value.problems] == [
        f"fleet:spec.clusters[3].kubeconfigSecret: '{key}' is fleet's own setting; name a key of its own, e.g. "
        "fleet:onprem-fra1-kubeconfig"
    ]


PYDANTIC_WORDING = ("Input should", "String should", "List should", "Value should", "Tuple should", "Dictionary")


@pytest.mark.parametrize(
    "mutate",
    [
        lambda s: s.update(owner="x" * 300),
        lambda s: s["deployer"]["aws"].update(roleArn="arn:aws:iam::1:user/x"),
        lambda s: s["defaults"]["apiEndpoint"].update(allowedCidrs="81.2.69.160/28"),
        lambda s: s["tenants"][0].update(quota=3),
        lambda s: s["tenants"][0]["quota"].update(pods=-1),
        lambda s: s["clusters"][0]["nodePools"][0].update(minSize=2.5),
        lambda s: s["clusters"][0].update(nodePools=[]),
        lambda s: s["clusters"][0].update(labels=["a"]),
        lambda s: s["defaults"]["apiEndpoint"].update(access="public"),
        lambda s: s.update(owner=12),
    ],
)
def test_constraint_messages_speak_the_specs_voice(mutate) -> None:  # type: ignore[no-untyped-def]
    """Issue 22: no raw pydantic wording reaches a user; each message names the value and the fix."""
    spec = raw_spec("dev")
    mutate(spec)
    with pytest.raises(SpecError) as caught:
        load(spec)
    for problem in caught.value.problems:
        assert not any(words in problem.message for words in PYDANTIC_WORDING), str(problem)
