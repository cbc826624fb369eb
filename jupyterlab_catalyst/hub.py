"""Register the Catalyst companion service with a JupyterHub, in two lines of jupyterhub_config.py.

    from jupyterlab_catalyst.hub import configure
    configure(c, command=["catalyst-server"], url="http://127.0.0.1:10101")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

SERVICE_NAME = "catalyst"

#: What the service itself may do on the hub: manage users, servers and groups, never the `admin` role
#: (JupyterHub >= 4.1.6/5.1 then refuses it admin-flag changes, which the service refuses anyway).
SERVICE_SCOPES = [
    "list:users",
    "read:users",
    "read:users:activity",
    "admin:users",
    "admin:servers",
    "admin:groups",
    "read:roles",
    "read:hub",
    "read:metrics",
]


def access_scope(name: str = SERVICE_NAME) -> str:
    """The scope a user's page token needs to talk to the service."""
    return f"access:services!service={name}"


def configure(
    c: Any,
    *,
    name: str = SERVICE_NAME,
    command: Iterable[str] | None = None,
    url: str | None = None,
    api_token: str | None = None,
    environment: Mapping[str, str] | None = None,
    service_scopes: Iterable[str] = SERVICE_SCOPES,
    grant_all_users: bool = True,
    hub_id: str | None = None,
    register_hub: bool | None = None,
) -> dict:
    """Add the Catalyst service, its least-privilege role and the page-token access scope to a hub config.

    - `command` makes it a hub-managed service (the hub starts and stops it); leave it out and give
      `api_token` for an external service (its own Deployment on z2jh, or a systemd unit).
    - `url` is where the service listens; the hub proxies `{base_url}services/{name}/` to it.
    - `grant_all_users` gives every hub user the access scope (members use the training panel and
      feedback too); with False, grant it yourself through a role.
    - `hub_id` names this hub in the federation (CATALYST_HUB_ID); `register_hub=True` lets the
      service register it at start (a single hub), False requires `catalyst-server hubs register`
      first (a federation, docs/deploying.md); None leaves CATALYST_REGISTER_HUB to the environment.
    Returns the service entry, so callers can adjust it.
    """
    scope = access_scope(name)
    service: dict[str, Any] = {"name": name, "display": False}
    if url:
        service["url"] = url
    if command is not None:
        service["command"] = list(command)
    if api_token:
        service["api_token"] = api_token
    env = dict(environment or {})
    if hub_id is not None:
        env["CATALYST_HUB_ID"] = hub_id
    if register_hub is not None:
        env["CATALYST_REGISTER_HUB"] = "1" if register_hub else "0"
    if env:
        service["environment"] = env
    c.JupyterHub.services = [s for s in _as_list(c.JupyterHub.services) if s.get("name") != name] + [service]

    roles = [r for r in _as_list(c.JupyterHub.load_roles) if r.get("name") != f"{name}-service"]
    roles.append(
        {
            "name": f"{name}-service",
            "description": "Catalyst companion service (least privilege; never the admin role)",
            "scopes": list(service_scopes),
            "services": [name],
        }
    )
    if grant_all_users:
        roles = _with_user_scope(roles, scope)
    c.JupyterHub.load_roles = roles

    # The page token JupyterLab holds may carry the access scope; the hub intersects this with what
    # the user holds, so it reaches only users granted the scope above.
    allowed = c.Spawner.oauth_client_allowed_scopes
    if callable(allowed):
        c.Spawner.oauth_client_allowed_scopes = _append_to_callable(allowed, scope)
    else:
        current = _as_list(allowed)
        c.Spawner.oauth_client_allowed_scopes = current + ([scope] if scope not in current else [])
    return service


def _as_list(value: Any) -> list:
    """A config value as a plain list (unset traitlets config values are LazyConfigValue objects)."""
    if isinstance(value, (list, tuple)):
        return list(value)
    return []


def _with_user_scope(roles: list[dict], scope: str) -> list[dict]:
    """Add `scope` to the default `user` role, keeping whatever the operator already put there."""
    for role in roles:
        if role.get("name") == "user":
            scopes = list(role.get("scopes") or ["self"])
            if scope not in scopes:
                scopes.append(scope)
            role["scopes"] = scopes
            return roles
    return roles + [{"name": "user", "scopes": ["self", scope]}]


def _append_to_callable(fn: Callable, scope: str) -> Callable:
    """Wrap an operator's callable `oauth_client_allowed_scopes` (JupyterHub >= 5.3) to add `scope`."""

    async def allowed(spawner):
        result = fn(spawner)
        if hasattr(result, "__await__"):
            result = await result
        return list(result or []) + [scope]

    return allowed
