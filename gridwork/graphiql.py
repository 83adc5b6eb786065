"""GraphiQL served from this machine, for networks that cannot reach a CDN (many city intranets).

Strawberry's GraphiQL page loads React, GraphiQL and its explorer plugin from unpkg. `fetch_assets`
takes the very same files from the npm registry (`npm pack`, the package versions the page names),
and `local_page` points the page at them; the page's integrity hashes stay, so the browser still
checks every file. Without the files the page keeps loading them from unpkg.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from strawberry.http.ides import get_graphql_ide_html

from gridwork.paths import STATE_DIR

ASSET_DIR = STATE_DIR / "graphiql"
ROUTE = "/graphiql-assets"
CDN_URL = re.compile(
    r"https://unpkg\.com/(?P<package>(?:@[\w.-]+/)?[\w.-]+)@(?P<version>[\w.-]+)/(?P<path>[\w./-]+)"
)


@dataclass(frozen=True)
class Asset:
    url: str
    package: str
    version: str
    path: str

    @property
    def file_name(self) -> str:
        """A flat local name: `graphiql@3.8.3/graphiql.min.js` -> `graphiql-3.8.3-graphiql.min.js`."""
        return (
            f"{self.package.replace('@', '').replace('/', '-')}-{self.version}-{self.path.replace('/', '-')}"
        )


def assets(page: str | None = None) -> list[Asset]:
    """Every file the GraphiQL page loads from the CDN."""
    page = page if page is not None else get_graphql_ide_html()
    return [Asset(m.group(0), m["package"], m["version"], m["path"]) for m in CDN_URL.finditer(page)]


def available(directory: Path = ASSET_DIR) -> bool:
    return all((directory / asset.file_name).is_file() for asset in assets())


def local_page(prefix: str = ROUTE) -> str:
    page = get_graphql_ide_html()
    for asset in assets(page):
        page = page.replace(asset.url, f"{prefix}/{asset.file_name}")
    return page


def fetch_assets(directory: Path = ASSET_DIR) -> list[Path]:
    """Take each file from its npm package into `directory`; raise RuntimeError if npm cannot."""
    if shutil.which("npm") is None:
        raise RuntimeError("npm is not on PATH: GraphiQL will load its files from unpkg instead")
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as scratch:
        archives: dict[str, Path] = {}  # one `npm pack` per package, however many of its files are used
        for asset in assets():
            spec = f"{asset.package}@{asset.version}"
            if spec not in archives:
                archives[spec] = _pack(spec, Path(scratch))
            with tarfile.open(archives[spec]) as archive:
                member = archive.extractfile(f"package/{asset.path}")
                if member is None:
                    raise RuntimeError(f"{spec} has no file {asset.path}")
                target = directory / asset.file_name
                target.write_bytes(member.read())
                written.append(target)
    return written


def _pack(spec: str, destination: Path) -> Path:
    packed = subprocess.run(
        ["npm", "pack", spec, "--silent", "--pack-destination", str(destination)],
        capture_output=True,
        text=True,
        check=False,
    )
    if packed.returncode != 0:
        raise RuntimeError(f"npm pack {spec} failed: {packed.stderr.strip()}")
    return destination / packed.stdout.strip().splitlines()[-1]
