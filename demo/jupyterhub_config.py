"""A real local JupyterHub with the Catalyst service: the demo (`make demo`) and the integration tests.

Everything it writes lives under CATALYST_STATE_DIR; ports and extras come from the environment so that
tests can start several hubs side by side.
"""

import os
import shutil
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)  # the helper is importable even before the package is installed

from jupyterlab_catalyst.hub import configure  # noqa: E402

c = get_config()  # noqa: F821

env = os.environ.get
STATE = os.path.abspath(env("CATALYST_STATE_DIR", os.path.join(REPO, ".demo")))
HUB_PORT = int(env("CATALYST_HUB_PORT", "8000"))
API_PORT = int(env("CATALYST_HUB_API_PORT", str(HUB_PORT + 81)))
PROXY_API_PORT = int(env("CATALYST_PROXY_API_PORT", str(HUB_PORT + 1)))
SERVICE_PORT = int(env("CATALYST_SERVICE_PORT", "10101"))
VENV_BIN = os.path.dirname(sys.executable)
os.makedirs(STATE, mode=0o700, exist_ok=True)

# Users and who holds which Catalyst role (roles come from hub groups; nobody is a hub admin unless
# CATALYST_DEMO_ADMINS names some).
USERS = {"member", "champion", "community", "coreteam"} | set(filter(None, env("CATALYST_EXTRA_USERS", "").split(",")))
ADMINS = set(filter(None, env("CATALYST_DEMO_ADMINS", "").split(",")))
GROUPS = {
    "hub-champions": ["champion"],
    "community-champions": ["community"],
    "core-team": ["coreteam"],
}

c.JupyterHub.bind_url = f"http://127.0.0.1:{HUB_PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{API_PORT}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PROXY_API_PORT}"
c.ConfigurableHTTPProxy.command = [os.path.join(REPO, "demo", "node_modules", ".bin", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.auth_token = env("CATALYST_PROXY_TOKEN", "demo-proxy-token-not-secret-0123456789")
c.JupyterHub.db_url = f"sqlite:///{STATE}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{STATE}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = f"{STATE}/jupyterhub.pid"
# Each hub's own proxy pid file: the default (in the working directory) makes hubs stop each other's proxy.
c.ConfigurableHTTPProxy.pid_file = f"{STATE}/jupyterhub-proxy.pid"
c.JupyterHub.log_level = env("CATALYST_HUB_LOG_LEVEL", "INFO")

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = env("CATALYST_DEMO_PASSWORD", "catalyst")
c.Authenticator.allowed_users = USERS | ADMINS
# Optional hub admins (e.g. the tests' "the console refuses to touch an admin"); none by default.
c.Authenticator.admin_users = ADMINS
c.Authenticator.allow_existing_users = True
c.JupyterHub.load_groups = {name: {"users": users} for name, users in GROUPS.items()}

# Real JupyterLab servers as local processes (homes under the state dir); root needs --allow-root.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = f"{STATE}/homes/{{username}}"
c.Spawner.cmd = [env("CATALYST_SINGLEUSER", os.path.join(VENV_BIN, "jupyterhub-singleuser"))]
c.Spawner.args = ["--ServerApp.allow_root=True", *filter(None, env("CATALYST_SINGLEUSER_ARGS", "").split(" "))]
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
c.Spawner.environment = {"PATH": f"{VENV_BIN}:{os.environ.get('PATH', '')}"}

service_env = {
    "CATALYST_HUB_ID": env("CATALYST_HUB_ID", "demo"),
    "CATALYST_HUB_NAME": env("CATALYST_HUB_NAME", "Catalyst demo hub"),
    "CATALYST_DATA_DIR": env("CATALYST_DATA_DIR", os.path.join(STATE, "service-data")),
    "CATALYST_DEMO_SEED": env("CATALYST_DEMO_SEED", "1"),  # partnerships: seed fictional communities when empty
    "JUPYTERHUB_PUBLIC_URL": f"http://127.0.0.1:{HUB_PORT}/",
    "PATH": os.environ.get("PATH", ""),
}
for passthrough in (
    "DATABASE_URL",
    "CATALYST_LOG_LEVEL",
    "CATALYST_JWT_TTL_SECONDS",
    "CATALYST_JWT_SECRET",
    "CATALYST_HUB_COMMUNITY",
    "CATALYST_HUB_LANGUAGES",
    "CATALYST_CORE_TEAM",
    "CATALYST_METRICS_TOKEN",
):
    if env(passthrough):
        service_env[passthrough] = env(passthrough)

configure(
    c,
    command=[shutil.which("node") or "node", os.path.join(REPO, "server", "dist", "server.js")],
    url=f"http://127.0.0.1:{SERVICE_PORT}",
    environment=service_env,
    # One hub on its own database: the service registers it at start (a federation registers hubs
    # with `catalyst-server hubs register` and sets CATALYST_REGISTER_HUB=0).
    register_hub=env("CATALYST_REGISTER_HUB", "1") == "1",
    # Fixed only when a test needs to run extra replicas of the service; otherwise the hub makes one.
    api_token=env("CATALYST_SERVICE_TOKEN") or None,
)

# Integration tests only: a service that mints real user tokens (the same scopes a page token carries).
if env("CATALYST_TEST_TOKEN"):
    c.JupyterHub.services.append({"name": "catalyst-tests", "api_token": env("CATALYST_TEST_TOKEN")})
    c.JupyterHub.load_roles.append(
        {"name": "catalyst-tests", "scopes": ["tokens", "admin:users", "admin:servers", "admin:groups"], "services": ["catalyst-tests"]}
    )
