"""The `gridwork` command line (README, "Command line"): a local Neo4j, imports, the API, tokens."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from graph.driver import Budget, Graph, GraphUnavailable, open_graph
from graph.imports import RunLost
from graph.policy import PolicyError, policy
from gridwork import graphiql
from gridwork.neo4j_local import server
from gridwork.settings import Settings, check_for_serving
from loaders.bulk import BulkFiles, BulkWriteFailed
from loaders.bundle import Bundle, BundleError, open_bundle
from loaders.bundle_out import export_bundle
from loaders.formats import Format
from loaders.importer import (
    CREATED,
    ENDED,
    OUTCOMES,
    UNCHANGED,
    UPDATED,
    ImportReport,
    LoadRefused,
    OfflineImport,
    import_bundle,
    recover,
)
from schema.permissions import Role, TokenError, issue_token
from seeds import generator

app = typer.Typer(
    help="Gridwork: who serves every building, street and resident of a city.", no_args_is_help=True
)
neo4j_app = typer.Typer(
    help="A local Neo4j Community server, for machines without Docker.", no_args_is_help=True
)
app.add_typer(neo4j_app, name="neo4j")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

PortOption = Annotated[int, typer.Option(help="Bolt port, on 127.0.0.1.")]
DataDirOption = Annotated[Path, typer.Option(help="Where the server keeps its configuration, data and logs.")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False)
    return typer.Exit(code)


@neo4j_app.command("start")
def neo4j_start(
    port: PortOption = server.DEFAULT_PORT, data_dir: DataDirOption = server.DEFAULT_DATA_DIR
) -> None:
    """Start Neo4j (fetching its jars with Maven the first time); return once Bolt answers."""
    if not server.jars_cached():
        out.print(f"Fetching Neo4j {server.NEO4J_VERSION} from Maven Central (once)...")
    try:
        status = server.start(port=port, data_dir=data_dir)
    except server.LocalServerError as error:
        raise _fail(str(error)) from None
    out.print(f"Neo4j {status.version} runs: {_where(status)}")


def _where(status: server.ServerStatus) -> str:
    return f"bolt://127.0.0.1:{status.port} (pid {status.pid}), data in {status.data_dir}"


@neo4j_app.command("stop")
def neo4j_stop(data_dir: DataDirOption = server.DEFAULT_DATA_DIR) -> None:
    """Stop the Neo4j started for this data directory."""
    stopped = server.stop(data_dir=data_dir)
    out.print("Neo4j stopped." if stopped else f"No Neo4j was running for {data_dir}.")


@neo4j_app.command("status")
def neo4j_status(data_dir: DataDirOption = server.DEFAULT_DATA_DIR) -> None:
    """Say whether the local Neo4j runs, where, and which version."""
    status = server.status(data_dir.resolve())
    if status.running:
        out.print(f"running: Neo4j {status.version}, {_where(status)}")
    else:
        out.print(f"not running (data dir {status.data_dir}, version {status.version})")
        raise typer.Exit(3)


@app.command()
def load(
    bundle: Annotated[
        Path, typer.Argument(help="A folder of .csv or .jsonl files, or an .xlsx workbook (docs/bundles.md).")
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and count; write nothing.")] = False,
    recover_only: Annotated[
        bool, typer.Option("--recover", help="Only undo imports whose process died, then stop.")
    ] = False,
    no_bulk: Annotated[
        bool,
        typer.Option("--no-bulk", help="Write through Bolt transactions even into an empty local database."),
    ] = False,
    data_dir: Annotated[
        Path,
        typer.Option(
            help="The local server's data directory (`gridwork neo4j start`), for a bulk first load."
        ),
    ] = server.DEFAULT_DATA_DIR,
) -> None:
    """Import a bundle, all or nothing; print what was created, updated, ended, removed and left unchanged."""
    _quiet_driver()
    try:
        if recover_only:
            undone = asyncio.run(_recover())
            out.print(f"undone: {', '.join(undone)}" if undone else "No unfinished import to undo.")
            return
        local = None if no_bulk or dry_run else _local_server(data_dir.resolve())
        report = asyncio.run(_import(open_bundle(bundle), dry_run, local))
    except BulkImportFailed as error:
        raise _fail(str(error)) from None
    except BulkWriteFailed as error:  # while the bundle was checked: the server never stopped
        raise _fail(f"{error}; nothing was written") from None
    except BundleError as error:
        err.print(error.render(), highlight=False, markup=False)
        raise _fail(f"{bundle}: {len(error.problems)} problem(s); nothing was written") from None
    except (GraphUnavailable, LoadRefused) as error:
        undo = " (the next load undoes what this one wrote)" if isinstance(error, GraphUnavailable) else ""
        raise _fail(f"{_one_line(error)}; nothing of {bundle} is visible{undo}") from None
    except RunLost as error:
        raise _fail(str(error)) from None
    _print_report(report)
    if report.run is not None:
        path = (
            "Neo4j's bulk importer (first load into an empty database)"
            if report.bulk
            else "Bolt transactions"
        )
        out.print(f"written by {path}")


class BulkImportFailed(RuntimeError):
    """The bulk importer failed; the database is as empty as before and the server runs again."""


def _local_server(data_dir: Path) -> server.ServerStatus | None:
    """The local server of `data_dir` when it is the Neo4j of the settings (so it may be replaced)."""
    status = server.status(data_dir)
    uri = Settings().neo4j.uri
    ours = {
        f"{scheme}://{host}:{status.port}"
        for scheme in ("bolt", "neo4j")
        for host in ("127.0.0.1", "localhost")
    }
    return status if status.running and uri.rstrip("/") in ours else None


def _offline(status: server.ServerStatus) -> OfflineImport:
    """Stop the local server while the files are finished, bulk-import them into its database, start
    it again (whatever happens)."""

    async def replace(finish_files: Callable[[], BulkFiles]) -> None:
        assert status.port is not None
        stopping = asyncio.ensure_future(asyncio.to_thread(server.stop, data_dir=status.data_dir))
        try:
            files = await asyncio.to_thread(finish_files)
        except BaseException as error:
            await stopping
            await asyncio.to_thread(server.start, port=status.port, data_dir=status.data_dir)
            if isinstance(error, BulkWriteFailed):
                message = f"{error}; the database is still empty and Neo4j runs again"
                raise BulkImportFailed(message) from error
            raise
        await stopping
        try:
            await asyncio.to_thread(
                server.import_offline,
                status.data_dir,
                nodes=files.nodes,
                relationships=files.relationships,
                multiline=files.multiline,
            )
        except server.LocalServerError as error:
            await asyncio.to_thread(server.start, port=status.port, data_dir=status.data_dir)
            raise BulkImportFailed(
                "the bulk import failed; the database is still empty and Neo4j runs again: "
                + " ".join(str(error).split())[-400:]
            ) from error
        await asyncio.to_thread(server.start, port=status.port, data_dir=status.data_dir)

    return replace


def _one_line(error: Exception) -> str:
    return str(error).splitlines()[0].rstrip(":; ") if str(error) else type(error).__name__


def _quiet_driver() -> None:
    """The driver's own retry and connection warnings are not for an operator: the load says it once."""
    driver_log = logging.getLogger("neo4j")
    driver_log.addHandler(logging.NullHandler())
    driver_log.propagate = False


# An import waits for Neo4j a few seconds, not a minute: a server that went down mid-load is reported
# at once, and what the run wrote stays invisible until the next load undoes it.
LOADER_BUDGET = Budget(connection_timeout=5.0, acquisition_timeout=10.0, retry_seconds=3.0)


@asynccontextmanager
async def _connected(budget: Budget | None = None) -> AsyncIterator[Graph]:
    """The Neo4j of the settings, checked to answer before any work; closed after."""
    graph = open_graph(Settings().neo4j, budget) if budget else open_graph(Settings().neo4j)
    try:
        await graph.ping()
        yield graph
    finally:
        await graph.close()


async def _recover() -> list[str]:
    async with _connected(LOADER_BUDGET) as graph:
        return await recover(graph)


async def _import(parsed: Bundle, dry_run: bool, local: server.ServerStatus | None = None) -> ImportReport:
    async with _connected(LOADER_BUDGET) as graph:
        with Progress(
            TextColumn("checked, writing" if not dry_run else "checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task("rows", total=None)
            return await import_bundle(
                graph,
                parsed,
                dry_run=dry_run,
                on_plan=lambda total: progress.update(task, total=total),
                progress=lambda done: progress.advance(task, done),
                offline=_offline(local) if local is not None else None,
            )


def _print_report(report: ImportReport) -> None:
    shown = [o for o in OUTCOMES if o in (CREATED, UPDATED, UNCHANGED) or report.total(o)]
    table = Table(title="dry run: nothing was written" if report.dry_run else None)
    for column in ("file", *shown):
        table.add_column(column, justify="left" if column == "file" else "right")
    for kind in sorted(report.counts):
        counts = report.counts[kind]
        table.add_row(kind, *(str(counts[o]) for o in shown))
    table.add_row("total", *(str(report.total(o)) for o in shown), style="bold")
    out.print(table)
    if report.known:
        out.print(f"{report.known} unchanged rows were known by their line alone, without reading them.")
    if not report.changed:
        out.print("Nothing changed: the graph already held this bundle.")
    elif report.total(ENDED):
        out.print(f"{report.total(ENDED)} moves ended a current link (kept as history, with its until).")


@app.command()
def export(
    folder: Annotated[Path, typer.Argument(help="Where to write the bundle (a folder, or a file for xlsx).")],
    fmt: Annotated[Format, typer.Option("--format", help="csv, jsonl or xlsx.")] = Format.CSV,
    excel: Annotated[
        bool, typer.Option("--excel", help="CSV with a byte-order mark, as Excel on Windows expects.")
    ] = False,
    with_personal_data: Annotated[
        bool, typer.Option("--with-personal-data", help="Residents' phones, needs and homes in full.")
    ] = False,
) -> None:
    """Write the whole graph as a bundle that `gridwork load` reads back to the same graph."""
    try:
        written = asyncio.run(_export(folder, fmt, excel, with_personal_data))
    except GraphUnavailable as error:
        raise _fail(str(error)) from None
    out.print(f"{sum(written.values())} rows in {len(written)} files written to {folder} ({fmt.value})")
    if with_personal_data:
        out.print("Residents' personal data is included in full: keep these files as such.")
    else:
        out.print(
            "Residents' personal data is masked: phones as 138****0001, needs empty, homes (LIVES_IN) "
            "left out; --with-personal-data exports them in full."
        )


async def _export(folder: Path, fmt: Format, excel: bool, personal: bool) -> dict[str, int]:
    async with _connected() as graph:
        return await export_bundle(graph, folder, fmt=fmt, excel_bom=excel, personal_data=personal)


@app.command()
def generate(
    folder: Annotated[Path, typer.Argument(metavar="OUT", help="Folder to write the bundle into.")],
    persons: Annotated[int, typer.Option(help="How many people the city has (at least 40).")],
    seed: Annotated[int, typer.Option(help="The same seed writes the same city.")] = 1,
) -> None:
    """Write a synthetic city bundle of N persons, the same for the same seed."""
    try:
        written = generator.generate(folder, persons=persons, seed=seed)
    except ValueError as error:
        raise _fail(str(error)) from None
    out.print(f"{sum(written.values())} rows in {len(written)} files written to {folder}")


@app.command("bench")
def bench_command(
    city: Annotated[
        list[str] | None,
        typer.Option(help="`sample` or `generated`; repeat for both, which is the default."),
    ] = None,
    persons: Annotated[int, typer.Option(help="How many people the generated city has.")] = 100_000,
    quick: Annotated[bool, typer.Option("--quick", help="A short run: indicative figures only.")] = False,
    resolvers: Annotated[
        bool,
        typer.Option(help="Also time the resolver path in-process, for comparison (slow on big cities)."),
    ] = True,
) -> None:
    """Time the API beside hand-written Cypher and @neo4j/graphql, each city in a Neo4j of its own;
    write JSON to bench/results/ and the table to docs/bench.md."""
    from bench.side_by_side.run import BenchError, bench, cities_named

    try:
        bench(cities_named(city or [], persons), quick=quick, resolvers=resolvers, say=out.print)
    except BenchError as error:
        raise _fail(str(error)) from None


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="HTTP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Processes, each with its own Neo4j driver.")] = 1,
) -> None:
    """Serve the API: GraphQL and GraphiQL at /graphql, /healthz, /readyz, /metrics."""
    import uvicorn

    from gridwork import logs

    settings = _serving_settings()
    logs.configure(settings.log_format, settings.log_level)
    uvicorn.run(
        "gridwork.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=None,  # gridwork.logs has set up every logger, uvicorn's included
        access_log=False,  # uvicorn's access line prints query strings; gridwork.logs writes its own
        timeout_graceful_shutdown=10,
        # A worker imports the whole schema and checks Neo4j's constraints before it is ready: give it time.
        timeout_worker_healthcheck=60,
    )


def _serving_settings() -> Settings:
    """The settings, each problem printed as one line; exit 2 if the API cannot start with them."""
    try:
        settings = Settings()
    except ValidationError as error:
        prefix = {"Limits": "GRIDWORK_LIMIT_", "Neo4jSettings": "NEO4J_"}.get(error.title, "GRIDWORK_")
        for detail in error.errors():
            name = prefix + "_".join(str(part) for part in detail["loc"]).upper()
            err.print(f"[bold red]error:[/] {escape(name)}: {escape(detail['msg'])}", highlight=False)
        raise typer.Exit(2) from None
    problems = check_for_serving(settings)
    for warning in problems.warnings:
        err.print(f"[bold yellow]warning:[/] {escape(warning)}", highlight=False)
    for problem in problems.errors:
        err.print(f"[bold red]error:[/] {escape(problem)}", highlight=False)
    if problems.errors:
        raise typer.Exit(2)
    try:  # the standards gaps are measured against: a bad policy file stops the start, not a request
        policy()
    except PolicyError as error:
        err.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False)
        raise typer.Exit(2) from None
    return settings


@app.command()
def token(
    role: Annotated[Role, typer.Option(help="The caller's role.")],
    scope: Annotated[str | None, typer.Option(help="Area id for AREA_ADMIN.")] = None,
    subject: Annotated[str | None, typer.Option(help="Person id for VOLUNTEER.")] = None,
    hours: Annotated[float, typer.Option(min=0.01, help="How long the token is valid.")] = 12,
) -> None:
    """Print a signed bearer token for local use (signed with GRIDWORK_SECRET)."""
    secret = Settings().secret_value()
    if secret is None:
        raise _fail("GRIDWORK_SECRET is not set: tokens are signed with it")
    try:
        print(issue_token(secret, role, scope=scope, subject=subject, lifetime=timedelta(hours=hours)))
    except TokenError as error:
        raise _fail(str(error)) from None


@app.command("graphiql")
def fetch_graphiql() -> None:
    """Fetch GraphiQL's files from the npm registry, so /graphql works without reaching a CDN."""
    try:
        written = graphiql.fetch_assets()
    except RuntimeError as error:
        raise _fail(str(error)) from None
    out.print(f"{len(written)} GraphiQL files in {graphiql.ASSET_DIR}; `gridwork serve` serves them itself.")


@app.command("schema")
def print_schema() -> None:
    """Print the GraphQL schema (SDL), as committed in schema.graphql."""
    from schema.root import SCHEMA

    print(SCHEMA.as_str())
