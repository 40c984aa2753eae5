"""Deleting a flag that other flags have as a prerequisite, without ever waiting for another delete.

ConfigCat refuses to delete a flag while a value of another flag has it as a prerequisite (behaviour notes
§3e), and a value resource's delete leaves the value on the server as it is (as the Terraform provider's
does). The engine deletes the value resource before the prerequisite, since the value refers to it, but
nothing orders the prerequisite's flag against the dependant's: under ``--parallel 1``, or whenever the
prerequisite's delete comes first, it is refused. Waiting for the dependant's delete cannot work: the engine
sends that delete only once this one has returned (``--parallel 1``), and a waiting delete holds one of the
provider server's four worker threads, so four of them starve the delete they wait for.

So a refused delete does not wait. Each value resource's delete records, in this provider process (one
``pulumi up`` or ``destroy``), the values it lets go of and the prerequisites their rules name: the program
no longer declares them. When a flag's delete is refused, the values that use it are found on the server:

* if every one of them was let go of in this run with a rule naming this flag, the targeting rules naming it
  are removed from those values (their other rules, default and percentage attribute stay; the write carries
  the value resource's reason, or a note saying why), and the flag is deleted again. In a destroy the
  dependant flag is deleted in the same run anyway; in an ``up`` that drops the prerequisite and the value
  resource but keeps the dependant flag, those rules could not stay (ConfigCat keeps no rule on a deleted
  flag) and the program no longer declared them;
* otherwise (a value the program still declares but the dashboard changed, a flag made in the dashboard, a
  value of another stack, or one let go of in an earlier, interrupted run) nothing is changed and the delete
  fails at once, naming each flag and environment and what to do.

Nothing here sleeps: a delete either finishes or fails in the time its few requests take.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pulumi_configcat._client import ConfigCatClient
from pulumi_configcat._exceptions import BadRequestError, NotFoundError
from pulumi_configcat.api import configs as configs_api
from pulumi_configcat.api import environments as environments_api
from pulumi_configcat.api import setting_formulas as formulas_api
from pulumi_configcat.api import settings as settings_api
from pulumi_configcat.resources.flags._targeting import formula_body, formula_outputs

__all__ = ["delete_flag", "let_go"]

# Deletes tried for one flag: the first, then one after each round of removing released rules (a
# dependant's value may change between the read and the write). No waiting between them.
_ATTEMPTS = 3
# The reason sent with a rule removal when the value resource had none (a product may require one).
_REASON = "Pulumi: flag {key!r} is being deleted; removing the targeting rules that have it as a prerequisite"


@dataclass(frozen=True)
class _Released:
    """A value a value resource's delete let go of: the prerequisites its rules named, its write controls."""

    prerequisites: frozenset[str]
    reason: str | None
    bypass_approval: bool


# (base URL, user, environment id, dependant flag id) -> what was let go of in this provider process. Kept
# after the dependant flag is deleted: a parallel delete of its prerequisite may have read its value just
# before, and must still find it let go of (ids are never reused; one run records a few entries).
_RELEASED: dict[tuple[str, str, str, str], _Released] = {}
_LOCK = threading.Lock()
_REMOVAL_LOCK = threading.Lock()


def _key(client: ConfigCatClient, environment_id: str, setting_id: str) -> tuple[str, str, str, str]:
    return (client.base_url, client.username, environment_id.lower(), str(setting_id))


def prerequisite_ids(rules: Iterable[Mapping[str, Any]] | None) -> frozenset[str]:
    """The flags that targeting rules (in the resources' shape) have as prerequisites."""
    return frozenset(
        str(condition["prerequisite_flag_condition"]["prerequisite_setting_id"])
        for rule in rules or []
        for condition in rule.get("conditions") or []
        if isinstance(condition, Mapping) and condition.get("prerequisite_flag_condition")
    )


def let_go(client: ConfigCatClient, props: Mapping[str, Any]) -> None:
    """Records the values a value resource's delete leaves on the server, from its state (its outputs).

    Handles the single-value resources (``environment_id``, ``setting_id``, ``targeting_rules``) and the
    batch ones (``values`` by flag reference, ``flags`` resolving each reference to its ``setting_id``).
    """
    environment_id = props.get("environment_id")
    if not isinstance(environment_id, str):
        return
    if isinstance(props.get("values"), Mapping) and isinstance(props.get("flags"), Mapping):
        flags = props["flags"]
        entries = [
            (str(flags[ref]["setting_id"]), entry)
            for ref, entry in props["values"].items()
            if isinstance(flags.get(ref), Mapping) and isinstance(entry, Mapping)
        ]
    elif props.get("setting_id") is not None:
        entries = [(str(props["setting_id"]), props)]
    else:
        return
    for setting_id, entry in entries:
        prerequisites = prerequisite_ids(entry.get("targeting_rules"))
        if prerequisites:
            released = _Released(
                prerequisites, props.get("mandatory_notes") or None, bool(props.get("bypass_approval"))
            )
            with _LOCK:
                _RELEASED[_key(client, environment_id, setting_id)] = released


def _released(client: ConfigCatClient, environment_id: str, setting_id: str) -> _Released | None:
    with _LOCK:
        return _RELEASED.get(_key(client, environment_id, setting_id))


def _let_go_of(client: ConfigCatClient, dependant: _Dependant, setting_id: str) -> bool:
    released = _released(client, dependant.environment_id, dependant.setting_id)
    return released is not None and setting_id in released.prerequisites


@dataclass(frozen=True)
class _Dependant:
    """A value (one flag in one environment) whose rules have the flag being deleted as a prerequisite."""

    environment_id: str
    environment_name: str
    setting_id: str
    key: str
    setting_type: str
    outputs: dict[str, Any]


def delete_flag(client: ConfigCatClient, setting_id: str) -> None:
    """Deletes a flag; if other flags' values use it as a prerequisite, as the module docstring says.

    Raises:
        NotFoundError: The flag is gone (the caller counts that as deleted).
        BadRequestError: The API refused the delete, for a value this stack does not manage (the message
            names each one) or for a reason other than prerequisites.
    """
    attempt = 0
    while True:
        attempt += 1
        try:
            settings_api.delete_setting(client, setting_id)
        except BadRequestError as exc:
            refused = exc
        else:
            return
        if attempt == _ATTEMPTS:
            raise refused
        # One rule removal at a time in this process: each reads the dependant's value, then writes it whole,
        # so two at once (two prerequisites of one flag deleted in parallel) would write back each other's
        # removed rules, or a rule naming a flag the other has just deleted. It waits only for those few
        # requests, never for another delete.
        with _REMOVAL_LOCK:
            flag = settings_api.get_setting(client, setting_id)
            dependants = _dependants(client, str(flag.config_id), str(setting_id))
            foreign = [d for d in dependants if not _let_go_of(client, d, setting_id)]
            if foreign:
                raise BadRequestError(
                    _in_use(refused, flag.key, setting_id, foreign),
                    method=refused.method,
                    path=refused.path,
                    status_code=refused.status_code,
                    body=refused.body,
                ) from refused
            for dependant in dependants:
                _drop_rules(client, dependant, setting_id, flag.key)


def _dependants(client: ConfigCatClient, config_id: str, setting_id: str) -> list[_Dependant]:
    """Every value of the flag's config, in every environment, with a rule naming it as a prerequisite."""
    config = configs_api.get_config(client, config_id)
    if config.evaluation_version != "v2" or config.product is None:
        return []  # Config V1 has no prerequisite flags.
    found = []
    for environment in environments_api.list_environments(client, config.product.product_id):
        environment_id = environment.environment_id.lower()
        answer = formulas_api.get_config_formulas(client, config_id, environment_id)
        for formula in answer.setting_formulas:
            outputs = formula_outputs(formula)
            if setting_id in prerequisite_ids(outputs["targeting_rules"]):
                found.append(
                    _Dependant(
                        environment_id,
                        environment.name or environment_id,
                        str(formula.setting.setting_id),
                        formula.setting.key,
                        formula.setting.setting_type,
                        outputs,
                    )
                )
    return found


def _drop_rules(client: ConfigCatClient, dependant: _Dependant, setting_id: str, key: str) -> None:
    """Writes the dependant's value again without the targeting rules that name ``setting_id``."""
    released = _released(client, dependant.environment_id, dependant.setting_id)
    rules: Sequence[Mapping[str, Any]] = dependant.outputs["targeting_rules"]
    kept = [rule for rule in rules if setting_id not in prerequisite_ids([rule])]
    body = formula_body({**dependant.outputs, "targeting_rules": kept}, dependant.setting_type, {})
    # NotFoundError: the dependant flag was deleted meanwhile (a parallel destroy); its rules went with it.
    with contextlib.suppress(NotFoundError):
        formulas_api.replace_formula(
            client,
            dependant.environment_id,
            dependant.setting_id,
            body,
            reason=(released.reason if released else None) or _REASON.format(key=key),
            bypass_approval=bool(released and released.bypass_approval),
        )


def _in_use(refused: BadRequestError, key: str, setting_id: str, foreign: list[_Dependant]) -> str:
    where = "; ".join(
        f"flag {d.key!r} ({d.setting_id}) in environment {d.environment_name!r}" for d in foreign
    )
    return (
        f"{refused} Flag {key!r} ({setting_id}) is a prerequisite of values not managed by this stack (or "
        f"managed by it but changed outside it): {where}. Those were left as they are. Remove the targeting "
        "rules that name this flag from them (in the dashboard, or by declaring those values in this "
        "program without them), or delete those flags, then run again."
    )
