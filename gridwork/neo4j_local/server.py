"""A local Neo4j Community server built from Maven Central jars, for machines without Docker.

`start` resolves the jars once (Maven, cached), writes a `neo4j.conf` into the data directory, runs
Neo4j's own entry point (`org.neo4j.server.CommunityEntryPoint`, as the packaged server does) and
returns once Bolt answers. `stop` ends that process by the pid it recorded; `status` reports it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from gridwork.paths import STATE_DIR

NEO4J_VERSION = "5.26.30"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
# `neo4j-admin`'s own entry point, in neo4j-command-line; `database import` comes from neo4j-import-tool.
ADMIN_ENTRY_POINT = "org.neo4j.cli.AdminTool"
DATABASE = "neo4j"
# The bulk importer keeps its caches off the heap; its heap holds little more than the command.
ADMIN_HEAP = "1g"
POM = Path(__file__).with_name("pom.xml")
DEFAULT_DATA_DIR = STATE_DIR / "neo4j"
DEFAULT_PORT = 7687

# Sized for the 2-core, 24 GiB machines this project runs on: room for a whole-bundle transaction
# in the heap, and a page cache that holds a generated city of a few hundred thousand people.
HEAP = "2g"
PAGE_CACHE = "2g"
JVM_OPTIONS = (
    f"-Xms{HEAP}",
    f"-Xmx{HEAP}",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=262144",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)


class LocalServerError(RuntimeError):
    """The local server could not be provisioned, started or stopped; the message says why."""


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    port: int | None
    data_dir: Path
    version: str

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"


def jar_dir(version: str = NEO4J_VERSION) -> Path:
    return STATE_DIR / f"neo4j-{version}" / "lib"


def jars_cached(version: str = NEO4J_VERSION) -> bool:
    """Whether Maven already fetched this version's jars completely."""
    return (jar_dir(version).parent / "complete").exists()


def ensure_jars(version: str = NEO4J_VERSION) -> Path:
    """Resolve Neo4j's jars with Maven into the cache, once per version."""
    lib = jar_dir(version)
    if jars_cached(version):
        return lib
    if shutil.which("mvn") is None:
        raise LocalServerError("Maven (`mvn`) is not on PATH: it is needed once to fetch Neo4j's jars")
    partial = lib.parent / "lib.partial"
    shutil.rmtree(partial, ignore_errors=True)
    command = [
        "mvn",
        "-B",
        "-q",
        "-f",
        str(POM),
        "dependency:copy-dependencies",
        f"-Dneo4j.version={version}",
        "-DincludeScope=runtime",
        f"-DoutputDirectory={partial}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise LocalServerError(f"Maven could not resolve Neo4j {version}:\n{result.stdout}{result.stderr}")
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    (lib.parent / "complete").write_text(version + "\n")
    return lib


def render_conf(data_dir: Path, port: int) -> str:
    """The server's configuration: Bolt on loopback only, no HTTP, no usage reports."""
    return "\n".join(
        [
            f"server.directories.data={data_dir / 'data'}",
            f"server.directories.logs={data_dir / 'logs'}",
            f"server.directories.run={data_dir / 'run'}",
            f"server.directories.import={data_dir / 'import'}",
            f"server.directories.plugins={data_dir / 'plugins'}",
            "server.default_listen_address=127.0.0.1",
            "server.bolt.enabled=true",
            f"server.bolt.listen_address=127.0.0.1:{port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            # Loopback only and for development: the local server runs without authentication.
            "dbms.security.auth_enabled=false",
            f"server.memory.heap.initial_size={HEAP}",
            f"server.memory.heap.max_size={HEAP}",
            f"server.memory.pagecache.size={PAGE_CACHE}",
            "db.tx_log.rotation.retention_policy=2 days",
            "dbms.usage_report.enabled=false",
            "",
        ]
    )


def _pid_file(data_dir: Path) -> Path:
    return data_dir / "gridwork.pid"


def _port_file(data_dir: Path) -> Path:
    return data_dir / "gridwork.port"


def _alive(pid: int) -> bool:
    """Whether `pid` is a running Neo4j server (a pid file can outlive its process, and pids are reused)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    proc = Path(f"/proc/{pid}")
    if not proc.exists():  # no procfs (macOS): trust the signal
        return True
    # A zombie left by a parent that never reaped it is not a running server.
    if (proc / "stat").read_text().split(") ", 1)[-1].startswith("Z"):
        return False
    return ENTRY_POINT.encode() in (proc / "cmdline").read_bytes()


def _recorded(data_dir: Path) -> tuple[int | None, int | None]:
    try:
        pid = int(_pid_file(data_dir).read_text())
        port = int(_port_file(data_dir).read_text())
    except (FileNotFoundError, ValueError):
        return None, None
    return (pid, port) if _alive(pid) else (None, None)


def bolt_answers(port: int, timeout: float = 1.0) -> bool:
    """True when something on the port speaks Bolt: it accepts the handshake and agrees a version."""
    handshake = b"\x60\x60\xb0\x17" + b"\x00\x08\x08\x05" + b"\x00\x00\x04\x04" + b"\x00" * 8
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(handshake)
            reply = sock.recv(4)
    except OSError:
        return False
    return len(reply) == 4 and reply != b"\x00\x00\x00\x00"


def status(data_dir: Path = DEFAULT_DATA_DIR) -> ServerStatus:
    pid, port = _recorded(data_dir)
    running = pid is not None and port is not None and bolt_answers(port)
    return ServerStatus(running, pid, port, data_dir, NEO4J_VERSION)


def start(
    *, port: int = DEFAULT_PORT, data_dir: Path = DEFAULT_DATA_DIR, timeout: float = 180.0
) -> ServerStatus:
    """Start the server unless it already runs; return once Bolt answers."""
    data_dir = data_dir.resolve()
    pid, running_port = _recorded(data_dir)
    if pid is not None:
        if running_port != port:
            raise LocalServerError(
                f"a server for {data_dir} already runs on port {running_port} (pid {pid}); stop it first"
            )
        _wait_for_bolt(pid, port, data_dir, timeout)
        return status(data_dir)
    if bolt_answers(port):
        raise LocalServerError(f"port {port} is taken by another Bolt server; choose another with --port")
    lib = ensure_jars()
    process = _spawn(lib, port, data_dir)
    _pid_file(data_dir).write_text(str(process.pid))
    _port_file(data_dir).write_text(str(port))
    _wait_for_bolt(process.pid, port, data_dir, timeout, spawned=process)
    return status(data_dir)


def _spawn(lib: Path, port: int, data_dir: Path) -> subprocess.Popen[bytes]:
    conf_dir = data_dir / "conf"
    for sub in ("conf", "data", "logs", "run", "import", "plugins"):
        (data_dir / sub).mkdir(parents=True, exist_ok=True)
    (conf_dir / "neo4j.conf").write_text(render_conf(data_dir, port))
    java = shutil.which("java")
    if java is None:
        raise LocalServerError("Java (17 or 21) is not on PATH: Neo4j needs it")
    command = [
        java,
        *JVM_OPTIONS,
        "-cp",
        f"{lib}/*",
        ENTRY_POINT,
        f"--home-dir={data_dir}",
        f"--config-dir={conf_dir}",
    ]
    console = (data_dir / "logs" / "console.log").open("ab")
    return subprocess.Popen(
        command, stdout=console, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
    )


def _wait_for_bolt(
    pid: int, port: int, data_dir: Path, timeout: float, *, spawned: subprocess.Popen[bytes] | None = None
) -> None:
    """Return once Bolt answers on `port`; LocalServerError when the server exits or time runs out.

    A process this one has just `spawned` is asked directly whether it exited: until the child has
    replaced itself by Java, its command line is still Python's, which `_alive` (made for pid files)
    would take for a server that has gone, and a busy machine can take a while to get there."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if bolt_answers(port):
            return
        if (spawned.poll() is not None) if spawned is not None else not _alive(pid):
            raise LocalServerError(f"Neo4j exited while starting; its log ends:\n{_log_tail(data_dir)}")
        time.sleep(0.25)
    raise LocalServerError(
        f"Bolt did not answer on port {port} within {timeout:.0f}s:\n{_log_tail(data_dir)}"
    )


def _log_tail(data_dir: Path, lines: int = 30) -> str:
    text = ""
    for name in ("console.log", "neo4j.log"):
        log = data_dir / "logs" / name
        if log.exists():
            text += "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) + "\n"
    return text


def stop(*, data_dir: Path = DEFAULT_DATA_DIR, timeout: float = 60.0) -> bool:
    """Stop the server started for this data directory; False when none was running."""
    data_dir = data_dir.resolve()
    pid, _ = _recorded(data_dir)
    if pid is None:
        _pid_file(data_dir).unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)
    _pid_file(data_dir).unlink(missing_ok=True)
    _port_file(data_dir).unlink(missing_ok=True)
    return True


def import_offline(
    data_dir: Path, *, nodes: list[Path], relationships: list[Path], multiline: bool = False
) -> str:
    """Replace the stopped server's `neo4j` database by the CSV files, with Neo4j's bulk importer.

    The database's previous files are moved aside first and put back if the import fails (so an
    empty database stays empty); LocalServerError says why it failed. Returns the importer's summary.
    """
    data_dir = data_dir.resolve()
    if _recorded(data_dir)[0] is not None:
        raise LocalServerError(f"the server for {data_dir} still runs: stop it before an offline import")
    java = shutil.which("java")
    if java is None:
        raise LocalServerError("Java (17 or 21) is not on PATH: Neo4j needs it")
    stores = [data_dir / "data" / kind / DATABASE for kind in ("databases", "transactions")]
    aside = data_dir / "data" / "before-import"
    shutil.rmtree(aside, ignore_errors=True)
    aside.mkdir(parents=True)
    for store in stores:
        if store.exists():
            store.rename(aside / store.parent.name)
    command = [
        java,
        f"-Xmx{ADMIN_HEAP}",
        "-XX:+UseG1GC",
        "-Dfile.encoding=UTF-8",
        "-cp",
        f"{ensure_jars()}/*",
        ADMIN_ENTRY_POINT,
        "database",
        "import",
        "full",
        DATABASE,
        "--overwrite-destination=true",
        "--array-delimiter=;",
        f"--multiline-fields={'true' if multiline else 'false'}",
        f"--report-file={data_dir / 'logs' / 'import.report'}",
        *(f"--nodes={path}" for path in nodes),
        *(f"--relationships={path}" for path in relationships),
    ]
    environment = {**os.environ, "NEO4J_HOME": str(data_dir), "NEO4J_CONF": str(data_dir / "conf")}
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        for store in stores:
            shutil.rmtree(store, ignore_errors=True)
            kept = aside / store.parent.name
            if kept.exists():
                kept.rename(store)
        shutil.rmtree(aside, ignore_errors=True)
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise LocalServerError(f"neo4j-admin database import failed (exit {done.returncode}):\n{tail}")
    shutil.rmtree(aside, ignore_errors=True)
    return done.stdout[done.stdout.rfind("IMPORT DONE") :].strip()


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running(data_dir: Path) -> Iterator[ServerStatus]:
    """A server on a free port for the length of a block (a test session, a benchmark), then stopped."""
    status = start(port=free_port(), data_dir=data_dir)
    try:
        yield status
    finally:
        stop(data_dir=data_dir)
