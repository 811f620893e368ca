"""Reading untrusted files and writing outputs without ever losing data.

- XML is parsed with entity resolution, DTD loading and network access off, and a size cap.
- Zip packages (.docx) are checked before anything is extracted: a valid zip, no absurd declared
  or actual uncompressed size (zip bombs), and members are read by name only (never extracted to disk,
  so ``../`` or absolute member paths cannot escape).
- Outputs are written to a temporary file in the target folder and renamed over the target, so an
  interrupted run leaves either the old file or the new one; an output that is one of the inputs is
  refused.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import io
import os
import shutil
import stat
import sys
import tempfile
import tomllib
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from lxml import etree

from .errors import InputError, OutputError, UsageError, WriteError

# A UN compact .docx is ~100 KB; a 50 MB single paragraph is the largest sane input we test.
MAX_INPUT_BYTES = 200 * 1024 * 1024
MAX_MEMBER_BYTES = 256 * 1024 * 1024  # uncompressed size of one zip member
MAX_TOTAL_UNCOMPRESSED = 512 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200  # text XML compresses ~10-20x; bombs reach 1000x and more

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted docx and legacy .doc
ZIP_MAGIC = b"PK\x03\x04"


def xml_parser(recover: bool = False) -> etree.XMLParser:
    """An lxml parser that never resolves entities, loads DTDs or touches the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=False, recover=recover)


def parse_xml(data: bytes, path: str | Path | None, part: str = "") -> etree._Element:
    """Parse XML bytes safely; a document with a DTD declaring entities is refused outright."""
    where = f"{part}: " if part else ""
    head = data[:4096].lower()
    if b"<!entity" in head or (b"<!doctype" in head and b"[" in head.split(b"<!doctype", 1)[1][:2048]):
        raise InputError(f"{where}XML declares entities in a DTD; refused (entity expansion / XXE risk)", path)
    try:
        root = etree.fromstring(data, parser=xml_parser())
    except etree.XMLSyntaxError as exc:
        if any(sign in str(exc.msg) for sign in _LIMIT_SIGNS):
            raise InputError(f"{where}exceeds the XML reader's safety limits ({exc.msg.split(',')[0]}); a single "
                             "text run over 10 MB or elements nested over 256 deep are refused", path) from None
        raise InputError(f"{where}malformed XML ({exc.msg})", path) from None
    if root is None:
        raise InputError(f"{where}empty XML document", path)
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        # the head check above misses a DTD pushed past 4 KB by a comment; entities stay unexpanded,
        # but text would be silently lost, so refuse just the same
        raise InputError(f"{where}XML declares entities in a DTD; refused (entity expansion / XXE risk)", path)
    return root


# libxml2's messages when a document passes its non-huge limits (text node > 10 MB, depth > 256)
_LIMIT_SIGNS = ("Resource limit exceeded", "Excessive depth", "huge text node", "XML_PARSE_HUGE")


def read_input_bytes(path: str | Path) -> bytes:
    """Read a whole input file read-only, with clear errors for the usual problems."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        p = Path(path)
        if not p.exists():
            raise InputError("no such file", path)
        if p.is_dir():
            raise InputError("is a folder, expected a file", path)
        try:
            if p.stat().st_size > MAX_INPUT_BYTES:
                raise InputError(f"file is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB", path)
            with open(p, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
        except PermissionError:
            raise InputError("permission denied", path) from None
        except IsADirectoryError:
            raise InputError("is a folder, expected a file", path) from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"input is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB", path)
    return data


def decode_text(data: bytes, path: str | Path | None) -> str:
    """Decode a text file as UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is an error."""
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 text at byte {exc.start}", path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start});"
                         " save it as UTF-8", path) from None


class SafeZip:
    """A zip package whose members are read by name, after bomb and sanity checks."""

    def __init__(self, data: bytes, path: str | Path | None, kind: str = "Word document") -> None:
        self.path = path
        if data.startswith(OLE_MAGIC):
            raise InputError(f"is an OLE compound file, not a {kind}: a password-protected (encrypted) "
                             "document or a legacy .doc; remove the password or save it as .docx", path)
        if not data.startswith(ZIP_MAGIC):
            raise InputError(f"is not a {kind} (not a zip package)", path)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, EOFError, ValueError) as exc:
            raise InputError(f"corrupt or truncated {kind} ({exc})", path) from None
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_MEMBER_BYTES or (info.file_size > 10 * 1024 * 1024
                                                      and ratio > MAX_COMPRESSION_RATIO):
                raise InputError(f"zip member {info.filename!r} declares {info.file_size} bytes uncompressed "
                                 f"(ratio {ratio:.0f}:1); refused as a possible zip bomb", path)
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise InputError(f"declares {total} bytes uncompressed in all; refused as a possible zip bomb", path)
        self._names = {info.filename for info in infos}
        self._check_package_xml()

    def _check_package_xml(self) -> None:
        """The parts every reader and writer of the package touches ([Content_Types].xml and the
        relationships) through the safe parser first: an entity declared there is refused here,
        whichever module reads the part later."""
        for name in sorted(self._names):
            if name == "[Content_Types].xml" or name.endswith(".rels"):
                parse_xml(self.read(name), self.path, name)

    def __contains__(self, name: str) -> bool:
        return name in self._names

    def names(self) -> set[str]:
        return set(self._names)

    def read(self, name: str) -> bytes:
        """Read one member, stopping if it inflates past its declared size or the member cap."""
        info = self._zip.getinfo(name)
        limit = min(info.file_size, MAX_MEMBER_BYTES)
        try:
            with self._zip.open(info) as handle:
                data = handle.read(limit + 1)
        except (zipfile.BadZipFile, EOFError, ValueError, OSError, zlib.error) as exc:
            raise InputError(f"corrupt or truncated package member {name!r} ({exc})", self.path) from None
        except NotImplementedError as exc:
            raise InputError(f"unsupported compression in {name!r} ({exc})", self.path) from None
        if len(data) > limit:
            raise InputError(f"package member {name!r} inflates past its declared size; refused", self.path)
        return data

    def read_xml(self, name: str) -> etree._Element:
        return parse_xml(self.read(name), self.path, name)


# --- writing ------------------------------------------------------------------------------------

def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _manifest_files(manifest: Path) -> list[Path]:
    """The manifest and every existing file one of its strings names (drafts, sources, notes, ...):
    read generically, so a key added to series.toml later is protected without a change here."""
    files = [manifest]
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return files
    pending: list[object] = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str) and item and "\0" not in item:
            candidate = manifest.parent / item
            with contextlib.suppress(OSError, ValueError):
                if candidate.is_file():
                    files.append(candidate)
    return files


def protected_files(inputs: Iterable[str | Path]) -> list[Path]:
    """Every file an output must never replace: each input file, and for an input folder its series
    manifest with every file it names, or (without a manifest) every file in the folder."""
    files: list[Path] = []
    for source in inputs:
        if str(source) in ("-", ""):
            continue
        path = Path(source)
        if path.is_dir():
            manifest = path / "series.toml"
            if manifest.is_file():
                files.extend(_manifest_files(manifest))
            else:
                with contextlib.suppress(OSError):
                    files.extend(child for child in path.iterdir() if child.is_file())
        elif path.name == "series.toml" and path.is_file():
            files.extend(_manifest_files(path))
        else:
            files.append(path)
    return files


def is_device(path: str | Path) -> bool:
    """A path that names a device, pipe or socket (/dev/null, /dev/stdout, a FIFO): written to as it
    is, never replaced by a regular file."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode) and not stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


def check_output(output: str | Path, inputs: Iterable[str | Path]) -> None:
    """Refuse an output path that is empty, a folder, or one of the inputs (by any spelling)."""
    if str(output) == "":
        raise UsageError("-o is empty; give a file name or - for stdout")
    out = Path(output)
    if out.is_dir():
        raise OutputError("is a folder; -o takes a file name", output)
    if is_device(out):
        return
    resolved = out.resolve()
    for source in protected_files(inputs):
        if resolved == source.resolve() or _same_file(out, source):
            raise OutputError(f"output would overwrite the input {source}; choose another -o", output)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    """The mode of the file being replaced, else what a new file gets under the umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return 0o666 & ~_umask()


def write_failed(path: str | Path, exc: OSError) -> WriteError:
    reason = exc.strerror or exc.__class__.__name__
    if isinstance(exc, NotADirectoryError) or exc.errno == errno.ENOTDIR:
        reason = "a folder on its path is a file"
    return WriteError(f"cannot write ({reason})", path)


def _real_target(path: str | Path) -> Path:
    """Where the bytes go: a symlinked output is written through to the file it points at."""
    target = Path(path)
    return Path(os.path.realpath(target)) if target.is_symlink() else target


@contextlib.contextmanager
def _device_open(target: Path, mode: str) -> Iterator[IO]:
    encoding = None if "b" in mode else "utf-8"
    newline = None if "b" in mode else "\n"
    try:
        with open(target, mode, encoding=encoding, newline=newline) as handle:
            yield handle
    except OSError as exc:
        raise write_failed(target, exc) from None


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "wb") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success it is renamed over ``path``.

    A device (``/dev/null``, ``/dev/stdout``) is written as it is. The new file keeps the mode of the
    file it replaces (else the umask's). Any OS failure is a :class:`WriteError` naming ``path``.
    """
    target = _real_target(path)
    if is_device(target):
        with _device_open(target, mode) as handle:
            yield handle
        return
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        encoding = None if "b" in mode else "utf-8"
        newline = None if "b" in mode else "\n"
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
        tmp = None
    except FileExistsError as exc:  # mkdir over a file
        raise write_failed(path, NotADirectoryError(errno.ENOTDIR, str(exc))) from None
    except OSError as exc:
        raise write_failed(path, exc) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    with atomic_open(path, "wb") as handle:
        handle.write(data)


def write_text_atomic(path: str | Path, text: str) -> None:
    with atomic_open(path, "w") as handle:
        handle.write(text)


def silence_stdout() -> None:
    """After stdout failed, point it at /dev/null so the interpreter's exit flush adds no second line."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def write_stdout(data: str | bytes) -> None:
    """Write to stdout; a closed or full stdout is a :class:`WriteError`, a closed pipe is not."""
    stream = sys.stdout
    if stream is None:
        raise WriteError("cannot write (stdout is closed)", "<stdout>")
    try:
        if isinstance(data, bytes):
            stream.buffer.write(data)
            stream.buffer.flush()
        else:
            stream.write(data)
            stream.flush()
    except BrokenPipeError:
        silence_stdout()
        raise
    except (OSError, ValueError) as exc:
        silence_stdout()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "stdout is closed"
        raise WriteError(f"cannot write ({reason})", "<stdout>") from None


def write_output(output: str | Path | None, data: str | bytes, inputs: Iterable[str | Path] = ()) -> None:
    """Write to ``output`` atomically, or to stdout when it is None or '-'."""
    if output is None or str(output) == "-":
        if isinstance(data, bytes) and sys.stdout is not None and sys.stdout.isatty():
            # a .docx on a terminal is noise and can leave it in a bad state
            raise UsageError("binary output (a Word document) will not be written to a terminal; "
                             "give -o FILE.docx, or redirect stdout (> FILE.docx)")
        write_stdout(data)
        return
    check_output(output, inputs)
    if isinstance(data, bytes):
        write_bytes_atomic(output, data)
    else:
        write_text_atomic(output, data)


# --- a folder of outputs replaced as a whole ------------------------------------------------------

STAGING = ".compactdraft-staging"  # inside the output folder: same file system, so renames are atomic
COMMIT_MARK = ".complete"  # written last in the staging folder: from then on the new outputs win


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder itself (flock on its descriptor): a second build of the same
    folder waits for the first, and no lock file is ever left behind."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _staged_files(staging: Path) -> list[Path]:
    return sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file() and p.name != COMMIT_MARK)


def _move_in(staging: Path, out: Path) -> None:
    for relative in _staged_files(staging):
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        source = staging / relative
        with contextlib.suppress(OSError):
            os.chmod(source, _mode_for(target))
        os.replace(source, target)
    shutil.rmtree(staging, ignore_errors=True)


def recover_staging(out: Path) -> None:
    """Finish or undo what a killed build left: a complete staging folder is moved in (the new build
    wins), an incomplete one is removed (the previous build stays)."""
    staging = out / STAGING
    if not staging.is_dir():
        return
    if (staging / COMMIT_MARK).exists():
        _move_in(staging, out)
    else:
        shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def staged_folder(out_dir: str | Path) -> Iterator[Path]:
    """Build into a hidden staging folder; only when everything is made are the files moved over
    the previous ones (a burst of renames, journalled by COMMIT_MARK so a kill in it is finished by the
    next build). A failed or interrupted build removes the staging folder and leaves the old outputs."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WriteError("cannot write (a file, not a folder)", out) from None
    except OSError as exc:
        raise write_failed(out, exc) from None
    with folder_lock(out):
        recover_staging(out)
        staging = out / STAGING
        try:
            staging.mkdir()
            yield staging
            with open(staging / COMMIT_MARK, "wb") as mark:
                os.fsync(mark.fileno())
            _move_in(staging, out)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise write_failed(out, exc) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
